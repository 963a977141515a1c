import { z } from 'zod'
import { LoginFailed, TokenAuth } from '../auth'
import { ProviderHttp, type CallOutcome, type HttpDeps } from '../http'
import type { VippsProblem } from '../../../../shared/domain/receipts'

export interface VippsConfig {
  baseUrl: string
  clientId: string
  clientSecret: string
  subscriptionKey: string
  msn: string
  system: { name: string; version: string; pluginName: string; pluginVersion: string }
  timeoutMs: number
}

const TokenAnswerSchema = z.object({ access_token: z.string().min(1), expires_in: z.union([z.number(), z.string()]).optional(), expires_on: z.union([z.number(), z.string()]).optional() }).loose()

/** RFC 7807 as Order Management writes it; newer Vipps APIs say `extraDetails` instead of `invalidParams`. */
export const ProblemSchema = z
  .object({
    title: z.string().nullish(),
    detail: z.string().nullish(),
    instance: z.string().nullish(),
    invalidParams: z.array(z.object({ name: z.string().nullish(), reason: z.string().nullish() }).loose()).nullish(),
    extraDetails: z.array(z.object({ name: z.string().nullish(), reason: z.string().nullish() }).loose()).nullish(),
    /** The gateway's own 401 body. */
    message: z.string().nullish()
  })
  .loose()
export type Problem = z.infer<typeof ProblemSchema>

/** The provider's name in the till's sentences. */
export const VIPPS = 'Vipps MobilePay'

/** What the Queue and the receipt show when Vipps refused the till's credentials. */
export function credentialsProblem(message: string): VippsProblem {
  return {
    title: 'Vipps MobilePay refused the till’s credentials',
    detail: `${message}. A manager must check Vipps MobilePay in Settings → Providers; it is sent again once they are saved.`,
    trace: null,
    status: 401
  }
}

/** The refusal as support reads it; the field-level reasons name the field when Vipps does. */
export function problemOf(p: Problem, status: number): VippsProblem {
  const reasons = [...(p.invalidParams ?? []), ...(p.extraDetails ?? [])].map((r) => [r.name, r.reason].filter(Boolean).join(': ')).join('; ')
  return { title: p.title ?? p.message ?? `HTTP ${status}`, detail: reasons || (p.detail ?? ''), trace: p.instance ?? null, status }
}

export const OrderAnswerSchema = z
  .object({
    category: z.object({ category: z.string(), orderDetailsUrl: z.string(), imageId: z.string().nullish() }).loose().nullish(),
    receipt: z.unknown().optional()
  })
  .loose()

export type VippsAnswer<T> =
  { kind: 'ok'; status: number; value: T; requestId: string } | { kind: 'problem'; status: number; problem: Problem; requestId: string } | Exclude<CallOutcome, { kind: 'answered' }>

const OM = '/order-management'

/** A payment as the call log and the journal name it. */
export function subjectOf(paymentType: string, orderId: string): string {
  return `${paymentType}:${orderId}`
}

/**
 * Vipps MobilePay Order Management: an access token from `POST /accesstoken/get` (credentials in
 * headers), kept until shortly before it expires; on every request the subscription key, the
 * sales unit (MSN) and the four Vipps-System headers, and a request id of ours.
 */
export class VippsClient {
  private readonly http: ProviderHttp

  constructor(config: VippsConfig, deps: HttpDeps, now: () => Date) {
    const headers = {
      'Ocp-Apim-Subscription-Key': config.subscriptionKey,
      'Merchant-Serial-Number': config.msn,
      'Vipps-System-Name': config.system.name,
      'Vipps-System-Version': config.system.version,
      'Vipps-System-Plugin-Name': config.system.pluginName,
      'Vipps-System-Plugin-Version': config.system.pluginVersion
    }
    const plain = new ProviderHttp({ provider: 'vipps', baseUrl: config.baseUrl, requestIdHeader: 'X-Request-Id', timeoutMs: config.timeoutMs, headers }, deps)
    const auth = new TokenAuth({
      now,
      // The test environment's tokens live an hour; renew five minutes before, as Vipps advises.
      refreshBeforeMs: 300_000,
      login: async () => {
        const outcome = await plain.request({
          operation: 'accessToken',
          method: 'POST',
          path: '/accesstoken/get',
          headers: { client_id: config.clientId, client_secret: config.clientSecret },
          authenticated: false
        })
        const answer = outcome.kind === 'answered' ? TokenAnswerSchema.safeParse(outcome.body) : null
        if (outcome.kind !== 'answered' || outcome.status !== 200 || !answer?.success) {
          const status = outcome.kind === 'answered' || outcome.kind === 'no_answer' ? outcome.status : null
          const message = outcome.kind === 'answered' ? (ProblemSchema.safeParse(outcome.body).data?.message ?? `HTTP ${outcome.status}`) : outcome.kind
          throw new LoginFailed(
            status,
            outcome.kind === 'answered' ? outcome.body : null,
            outcome.requestId,
            outcome.kind !== 'not_sent',
            `Vipps MobilePay refused the access token request: ${message}`
          )
        }
        const seconds = Number(answer.data.expires_in ?? NaN)
        const onEpoch = Number(answer.data.expires_on ?? NaN)
        const expiresAt =
          Number.isFinite(seconds) && seconds > 0 ? new Date(now().getTime() + seconds * 1000) : Number.isFinite(onEpoch) ? new Date(onEpoch * 1000) : new Date(now().getTime() + 3600_000)
        return { value: answer.data.access_token, expiresAt }
      }
    })
    this.http = new ProviderHttp({ provider: 'vipps', baseUrl: config.baseUrl, requestIdHeader: 'X-Request-Id', timeoutMs: config.timeoutMs, headers, auth }, deps)
  }

  async order(paymentType: string, orderId: string): Promise<VippsAnswer<z.infer<typeof OrderAnswerSchema>>> {
    return this.answer(
      await this.http.request({
        operation: 'getOrder',
        method: 'GET',
        path: `${OM}/v2/${paymentType}/${encodeURIComponent(orderId)}`,
        detail: `order ${paymentType} ${orderId}`,
        subject: subjectOf(paymentType, orderId)
      }),
      OrderAnswerSchema
    )
  }

  /** Adds the receipt: Vipps keeps one per payment, so this is sent once and an unknown outcome is verified with `order`. */
  async addReceipt(paymentType: string, orderId: string, receipt: Record<string, unknown>): Promise<VippsAnswer<unknown>> {
    return this.answer(
      await this.http.request({
        operation: 'addReceipt',
        method: 'POST',
        path: `${OM}/v2/${paymentType}/receipts/${encodeURIComponent(orderId)}`,
        json: receipt,
        detail: `receipt ${paymentType} ${orderId}`,
        subject: subjectOf(paymentType, orderId)
      }),
      z.unknown()
    )
  }

  /** Sets or replaces the payment's category (a full overwrite, so sending it again does no harm). */
  async putCategory(paymentType: string, orderId: string, category: { category: string; orderDetailsUrl: string; imageId?: string | null }): Promise<VippsAnswer<unknown>> {
    return this.answer(
      await this.http.request({
        operation: 'putCategory',
        method: 'PUT',
        path: `${OM}/v2/${paymentType}/categories/${encodeURIComponent(orderId)}`,
        json: category,
        idempotent: true,
        detail: `category ${paymentType} ${orderId}`,
        subject: subjectOf(paymentType, orderId)
      }),
      z.unknown()
    )
  }

  /** Uploads an image once; an image id cannot be used twice at Vipps. */
  async uploadImage(imageId: string, base64: string): Promise<VippsAnswer<unknown>> {
    return this.answer(
      await this.http.request({ operation: 'uploadImage', method: 'POST', path: `${OM}/v1/images`, json: { imageId, src: base64, type: 'base64' }, detail: `image ${imageId}` }),
      z.unknown()
    )
  }

  private answer<T>(outcome: CallOutcome, schema: z.ZodType<T>): VippsAnswer<T> {
    if (outcome.kind !== 'answered') return outcome
    if (outcome.status >= 200 && outcome.status < 300) {
      const parsed = schema.safeParse(outcome.body)
      return parsed.success
        ? { kind: 'ok', status: outcome.status, value: parsed.data, requestId: outcome.requestId }
        : { kind: 'no_answer', reason: 'malformed', status: outcome.status, requestId: outcome.requestId }
    }
    return { kind: 'problem', status: outcome.status, problem: ProblemSchema.safeParse(outcome.body).data ?? {}, requestId: outcome.requestId }
  }
}
