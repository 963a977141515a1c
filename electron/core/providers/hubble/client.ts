import { LoginFailed, TokenAuth } from '../auth'
import { ProviderHttp, type CallOutcome, type HttpDeps } from '../http'
import { LoginAnswerSchema, WireErrorSchema, WireOrderSchema, WireProductsSchema, WireWalletSchema, type WireError, type WireOrder } from './wire'
import type { z } from 'zod'

const P = '/v1/partners'

export interface HubbleConfig {
  baseUrl: string
  clientId: string
  clientSecret: string
  timeoutMs: number
}

/** A readable Hubble answer, Hubble's own refusal, or what went wrong on the way. */
export type HubbleAnswer<T> =
  | { kind: 'ok'; value: T; requestId: string }
  | { kind: 'refused'; status: number; error: WireError; requestId: string }
  | Exclude<CallOutcome, { kind: 'answered' }>
  | { kind: 'unreadable'; status: number; requestId: string }

export interface PlaceOrderRequest {
  productId: string
  referenceId: string
  /** Rupees as Hubble wants them. */
  amount: number
  denominationDetails: { denomination: number; quantity: number }[]
  customerDetails: { name: string; phoneNumber: string; email: string } | null
}

/**
 * Hubble's partner API: a token from login kept in memory and renewed before it expires (one
 * login at a time, one re-login on 401), a new X-REQUEST-ID on every attempt. No retries here.
 */
export class HubbleClient {
  private readonly http: ProviderHttp

  constructor(config: HubbleConfig, deps: HttpDeps, now: () => Date) {
    const plain = new ProviderHttp({ provider: 'hubble', baseUrl: config.baseUrl, requestIdHeader: 'X-REQUEST-ID', timeoutMs: config.timeoutMs }, deps)
    const auth = new TokenAuth({
      now,
      login: async () => {
        const outcome = await plain.request({
          operation: 'login',
          method: 'POST',
          path: `${P}/auth/login`,
          json: { clientId: config.clientId, clientSecret: config.clientSecret },
          authenticated: false
        })
        const answer = outcome.kind === 'answered' ? LoginAnswerSchema.safeParse(outcome.body) : null
        if (outcome.kind !== 'answered' || outcome.status !== 200 || !answer?.success) {
          const status = outcome.kind === 'answered' || outcome.kind === 'no_answer' ? outcome.status : null
          const body = outcome.kind === 'answered' ? outcome.body : null
          const reached = outcome.kind !== 'not_sent'
          const why = outcome.kind === 'answered' ? `Hubble refused the login (HTTP ${outcome.status})` : `Hubble could not be reached for a login (${outcome.kind})`
          throw new LoginFailed(status, body, outcome.requestId, reached, why)
        }
        const seconds = Number(answer.data.expiresInSecs)
        return { value: answer.data.token, expiresAt: new Date(now().getTime() + (Number.isFinite(seconds) && seconds > 0 ? seconds : 3600) * 1000) }
      }
    })
    this.http = new ProviderHttp({ provider: 'hubble', baseUrl: config.baseUrl, requestIdHeader: 'X-REQUEST-ID', timeoutMs: config.timeoutMs, auth }, deps)
  }

  products(): Promise<HubbleAnswer<z.infer<typeof WireProductsSchema>>> {
    return this.read('products', `${P}/products`, WireProductsSchema)
  }

  /** `referenceId`, when the till knows it, files the call under the sale for History's story. */
  order(orderId: string, referenceId?: string): Promise<HubbleAnswer<WireOrder>> {
    return this.read('getOrder', `${P}/orders/${encodeURIComponent(orderId)}`, WireOrderSchema, referenceId)
  }

  orderByReference(referenceId: string): Promise<HubbleAnswer<WireOrder>> {
    return this.read('getOrderByReference', `${P}/orders/by-reference/${encodeURIComponent(referenceId)}`, WireOrderSchema, referenceId)
  }

  wallet(): Promise<HubbleAnswer<z.infer<typeof WireWalletSchema>>> {
    return this.read('walletBalance', `${P}/wallet/balance`, WireWalletSchema)
  }

  /** Places an order: money leaves the wallet. Sent once; an unknown outcome is the journal's to verify by reference. */
  async placeOrder(request: PlaceOrderRequest): Promise<HubbleAnswer<WireOrder>> {
    const outcome = await this.http.request({
      operation: 'placeOrder',
      method: 'POST',
      path: `${P}/orders`,
      json: { ...request },
      detail: `reference ${request.referenceId} product ${request.productId} amount ${request.amount}`,
      subject: request.referenceId
    })
    return this.answer(outcome, WireOrderSchema)
  }

  private async read<T>(operation: string, path: string, schema: z.ZodType<T>, subject?: string): Promise<HubbleAnswer<T>> {
    return this.answer(await this.http.request({ operation, method: 'GET', path, ...(subject ? { subject } : {}) }), schema)
  }

  private answer<T>(outcome: CallOutcome, schema: z.ZodType<T>): HubbleAnswer<T> {
    if (outcome.kind !== 'answered') return outcome
    if (outcome.status >= 200 && outcome.status < 300) {
      const parsed = schema.safeParse(outcome.body)
      return parsed.success ? { kind: 'ok', value: parsed.data, requestId: outcome.requestId } : { kind: 'unreadable', status: outcome.status, requestId: outcome.requestId }
    }
    const error = WireErrorSchema.safeParse(outcome.body)
    return error.success ? { kind: 'refused', status: outcome.status, error: error.data, requestId: outcome.requestId } : { kind: 'unreadable', status: outcome.status, requestId: outcome.requestId }
  }
}
