import type { z } from 'zod'
import { basicAuth } from '../auth'
import { ProviderHttp, type CallOutcome, type HttpDeps } from '../http'
import { WireErrorSchema, WireMandateListSchema, WireMandateSchema, WireOrderSchema, WireRevokeSchema, type WireError } from './wire'

export interface JuspayConfig {
  baseUrl: string
  merchantId: string
  apiKey: string
  /** The `version` header: a date that picks Juspay's response contract; pinned, never changed silently. */
  apiVersion: string
  /** Where a mandate debit's execution order is read; `{order_id}` is replaced. */
  executionPath: string
  timeoutMs: number
}

export type JuspayAnswer<T> =
  { kind: 'ok'; status: number; value: T; requestId: string } | { kind: 'error'; status: number; error: WireError; requestId: string } | Exclude<CallOutcome, { kind: 'answered' }>

/** What a call is about, for the call log: support lists every call about an order or a mandate. */
export const orderSubject = (orderId: string): string => `order:${orderId.toLowerCase()}`
/** The routing id of every call about an order: the order's own id, the same on every call. */
const orderRouting = (orderId: string): Record<string, string> => ({ 'x-routing-id': orderId })

export const mandateSubject = (mandateId: string): string => `mandate:${mandateId}`

/**
 * Juspay's server-to-server API: HTTP Basic with the API key as user name and no password,
 * `x-merchantid`, the pinned `version`, `x-routing-id`, form-encoded bodies, and a request id
 * of ours on every attempt. Juspay asks for one routing id for every call about one thing: calls
 * about an order carry the order's id (the first call, a lookup, cannot know the customer, and a
 * guest has none), calls about a customer's mandates carry the customer's id.
 */
export class JuspayClient {
  private readonly http: ProviderHttp

  constructor(
    private readonly config: JuspayConfig,
    deps: HttpDeps
  ) {
    this.http = new ProviderHttp(
      {
        provider: 'juspay',
        baseUrl: config.baseUrl,
        requestIdHeader: 'x-request-id',
        timeoutMs: config.timeoutMs,
        auth: basicAuth(config.apiKey),
        headers: { 'x-merchantid': config.merchantId, version: config.apiVersion }
      },
      deps
    )
  }

  async order(orderId: string): Promise<JuspayAnswer<z.infer<typeof WireOrderSchema>>> {
    const path = `/orders/${encodeURIComponent(orderId)}`
    return this.answer(
      await this.http.request({ operation: 'orderStatus', method: 'GET', path, headers: orderRouting(orderId), subject: orderSubject(orderId), detail: `order ${orderId}` }),
      WireOrderSchema
    )
  }

  /** A refund: sent once per attempt; the unique_request_id makes Juspay refuse a second refund for the same request (`duplicate.call`). */
  async refund(orderId: string, refund: { uniqueRequestId: string; amount: string }): Promise<JuspayAnswer<z.infer<typeof WireOrderSchema>>> {
    return this.answer(
      await this.http.request({
        operation: 'refund',
        method: 'POST',
        path: `/orders/${encodeURIComponent(orderId)}/refunds`,
        form: { unique_request_id: refund.uniqueRequestId, amount: refund.amount },
        headers: orderRouting(orderId),
        subject: orderSubject(orderId),
        detail: `refund ${refund.uniqueRequestId} of ${orderId}`
      }),
      WireOrderSchema
    )
  }

  /** Changes an unpaid order's amount and user-defined fields; sending the same change twice does no harm. */
  async update(orderId: string, fields: Record<string, string>): Promise<JuspayAnswer<z.infer<typeof WireOrderSchema>>> {
    return this.answer(
      await this.http.request({
        operation: 'updateOrder',
        method: 'POST',
        path: `/orders/${encodeURIComponent(orderId)}`,
        form: fields,
        idempotent: true,
        headers: orderRouting(orderId),
        subject: orderSubject(orderId),
        detail: `update ${orderId}`
      }),
      WireOrderSchema
    )
  }

  async mandates(customerId: string): Promise<JuspayAnswer<z.infer<typeof WireMandateListSchema>>> {
    return this.answer(
      await this.http.request({
        operation: 'listMandates',
        method: 'GET',
        path: `/customers/${encodeURIComponent(customerId)}/mandates`,
        headers: { 'x-routing-id': customerId },
        detail: `mandates of ${customerId}`
      }),
      WireMandateListSchema
    )
  }

  /** The mandate status check (`command=status` [ASSUMED]); it syncs with the gateway and changes nothing, so it may be sent again. */
  async mandateStatus(mandateId: string, customerId: string): Promise<JuspayAnswer<z.infer<typeof WireMandateSchema>>> {
    return this.answer(
      await this.http.request({
        operation: 'mandateStatus',
        method: 'POST',
        path: `/mandates/${encodeURIComponent(mandateId)}`,
        form: { command: 'status' },
        idempotent: true,
        headers: { 'x-routing-id': customerId },
        subject: mandateSubject(mandateId),
        detail: `mandate ${mandateId}`
      }),
      WireMandateSchema
    )
  }

  async revoke(mandateId: string, customerId: string): Promise<JuspayAnswer<z.infer<typeof WireRevokeSchema>>> {
    return this.answer(
      await this.http.request({
        operation: 'revokeMandate',
        method: 'POST',
        path: `/mandates/${encodeURIComponent(mandateId)}`,
        form: { command: 'revoke' },
        headers: { 'x-routing-id': customerId },
        subject: mandateSubject(mandateId),
        detail: `revoke ${mandateId}`
      }),
      WireRevokeSchema
    )
  }

  /** A mandate debit's execution order, at the path set in Settings (the documented one is the order status). */
  async execution(orderId: string): Promise<JuspayAnswer<z.infer<typeof WireOrderSchema>>> {
    const path = this.config.executionPath.replace('{order_id}', encodeURIComponent(orderId))
    return this.answer(
      await this.http.request({ operation: 'executionStatus', method: 'GET', path, headers: orderRouting(orderId), subject: orderSubject(orderId), detail: `execution ${orderId}` }),
      WireOrderSchema
    )
  }

  private answer<T>(outcome: CallOutcome, schema: z.ZodType<T>): JuspayAnswer<T> {
    if (outcome.kind !== 'answered') return outcome
    if (outcome.status >= 200 && outcome.status < 300) {
      const parsed = schema.safeParse(outcome.body)
      return parsed.success
        ? { kind: 'ok', status: outcome.status, value: parsed.data, requestId: outcome.requestId }
        : { kind: 'no_answer', reason: 'malformed', status: outcome.status, requestId: outcome.requestId }
    }
    return { kind: 'error', status: outcome.status, error: WireErrorSchema.safeParse(outcome.body).data ?? {}, requestId: outcome.requestId }
  }
}
