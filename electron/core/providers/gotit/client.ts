import type { SkuLine } from '../../../../shared/domain/redeem'
import { maskCode } from '../../../../shared/domain/voucher-code'
import type { CallOutcome, ProviderHttp } from '../http'
import { utcToGmt7DateTime } from './gmt7'
import { WireResponseSchema, type WireRequest, type WireResponse } from './wire'

export interface GotItConfig {
  pathPrefix: string
}

export interface BillRequest {
  codes: string[]
  billNumber?: string
  totalBill?: number
  skus?: SkuLine[]
  /** DIRECT_FLOW: check and mark use without a reservation. */
  direct?: boolean
  billCreatedAt?: Date
}

/** A readable Got It answer, or what went wrong on the way. */
export type GotItAnswer = { kind: 'response'; response: WireResponse; requestId: string } | Exclude<CallOutcome, { kind: 'answered' }> | { kind: 'unreadable'; status: number; requestId: string }

export type GotItOperation = 'checkmultiple' | 'reserved' | 'unreserved' | 'usemultiple'

/** The four Got It Merchant API v6 operations. Each call is one attempt: no retries here. */
export class GotItClient {
  constructor(
    private readonly config: GotItConfig,
    /** Carries the store PIN in every body (its auth strategy). */
    private readonly http: ProviderHttp
  ) {}

  check(request: BillRequest): Promise<GotItAnswer> {
    return this.call('checkmultiple', request)
  }

  reserve(request: BillRequest): Promise<GotItAnswer> {
    return this.call('reserved', request)
  }

  unreserve(request: BillRequest): Promise<GotItAnswer> {
    return this.call('unreserved', request)
  }

  markUse(request: BillRequest): Promise<GotItAnswer> {
    return this.call('usemultiple', request)
  }

  private async call(operation: GotItOperation, request: BillRequest): Promise<GotItAnswer> {
    const body: Omit<WireRequest, 'pin'> = {
      codes: request.codes,
      ...(request.billNumber === undefined ? {} : { bill_number: request.billNumber }),
      ...(request.totalBill === undefined || operation === 'unreserved' ? {} : { total_bill: request.totalBill }),
      ...((operation === 'checkmultiple' || operation === 'usemultiple') && request.direct ? { skip_reserved_when_mark_used: true } : {}),
      ...((operation === 'reserved' || operation === 'unreserved') && request.billCreatedAt ? { bill_created_at: utcToGmt7DateTime(request.billCreatedAt) } : {}),
      ...(request.skus && request.skus.length > 0 && operation !== 'unreserved' ? { skus_info: request.skus } : {})
    }
    const prefix = this.config.pathPrefix.replace(/\/+$/, '')
    const outcome = await this.http.request({
      operation,
      method: 'POST',
      path: `${prefix}/${operation}`,
      // A check changes nothing at Got It; reserve, release and mark use must never be sent twice by the HTTP layer.
      idempotent: operation === 'checkmultiple',
      json: body,
      detail: `codes ${request.codes.map(maskCode).join(',')}${request.billNumber ? ` bill ${request.billNumber}` : ''}`,
      ...(request.billNumber ? { subject: request.billNumber } : {})
    })
    if (outcome.kind !== 'answered') return outcome
    const parsed = WireResponseSchema.safeParse(outcome.body)
    if (outcome.status !== 200 || !parsed.success) return { kind: 'unreadable', status: outcome.status, requestId: outcome.requestId }
    return { kind: 'response', response: parsed.data, requestId: outcome.requestId }
  }
}
