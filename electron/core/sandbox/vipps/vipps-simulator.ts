import { randomBytes, randomUUID } from 'node:crypto'
import type { SimClock } from '../framework/clock'
import type { OpenApiValidator } from '../framework/openapi-validator'
import type { SimRequest, SimResponse, SimStatement } from '../framework/sim-server'
import { csvField, csvLine } from '../../../../shared/csv'
import { receiptTotal } from '../../../../shared/domain/receipt-lines'
import { ReceiptSchema } from '../../../../shared/domain/receipts'
import { seedOrders, VIPPS_CLIENT_ID, VIPPS_CLIENT_SECRET, VIPPS_MSN, VIPPS_SUBSCRIPTION_KEY } from './fixtures'
import { imageRefusal } from './image-rules'

export interface VippsSimConfig {
  /** The credentials it takes (the fixtures' by default; fresh ones in the app). */
  clientId: string
  clientSecret: string
  subscriptionKey: string
  /** Token life in seconds (test environment: 3600). */
  tokenTtlSecs: number
  /** The sales units (MSN) these credentials may act for. */
  msns: string[]
}

export const defaultVippsConfig: VippsSimConfig = { clientId: VIPPS_CLIENT_ID, clientSecret: VIPPS_CLIENT_SECRET, subscriptionKey: VIPPS_SUBSCRIPTION_KEY, tokenTtlSecs: 3600, msns: [VIPPS_MSN] }

/** A request that broke the official spec, kept for tests to read (`GET /__sim/state`). */
export interface SpecViolation {
  at: string
  method: string
  path: string
  problems: string[]
}

interface Stored {
  category?: unknown
  receipt?: unknown
  /** When a receipt was sent here (not a seeded one): it is on the statement. */
  receivedAt?: number
}

const BASE = '/order-management'

function header(request: SimRequest, name: string): string | undefined {
  const value = request.headers[name.toLowerCase()]
  return Array.isArray(value) ? value[0] : value
}

/**
 * Vipps MobilePay Order Management and its access token, as docs/providers/vipps.md §10
 * describes them. Every Order Management request is checked against the official OpenAPI file;
 * a violation is a 400 problem and is recorded. Receipts are written once, a category is
 * replaced, image ids are unique, and each sales unit (MSN) sees only its own orders.
 */
export class VippsSimulator {
  readonly config: VippsSimConfig
  readonly violations: SpecViolation[] = []
  private orders = new Map<string, Stored>()
  private images = new Map<string, string>()
  private tokens = new Map<string, number>()

  constructor(
    private readonly clock: SimClock,
    private readonly validator: OpenApiValidator,
    config: Partial<VippsSimConfig> = {}
  ) {
    // Its own list: a test that changes one simulator's sales units must not change the next one's.
    this.config = { ...defaultVippsConfig, ...config, msns: [...(config.msns ?? defaultVippsConfig.msns)] }
    this.reset()
  }

  reset(): void {
    this.orders = new Map(
      seedOrders().map(({ msn, order }) => [
        this.key(msn, order.paymentType, order.orderId),
        { ...(order.category ? { category: order.category } : {}), ...(order.receipt ? { receipt: order.receipt } : {}) }
      ])
    )
    this.images.clear()
    this.tokens.clear()
    this.violations.length = 0
  }

  revokeTokens(): void {
    this.tokens.clear()
  }

  order(msn: string, paymentType: string, orderId: string): Stored | undefined {
    return this.orders.get(this.key(msn, paymentType, orderId))
  }

  inspect(): unknown {
    return { orders: [...this.orders.entries()].map(([key, value]) => ({ key, ...value })), images: [...this.images.keys()], violations: this.violations }
  }

  /** `POST /accesstoken/get`: credentials in headers, no body; the token fields come as numeric strings. */
  token(request: SimRequest): SimResponse {
    if (!header(request, 'Ocp-Apim-Subscription-Key')) return gateway(401, 'Access denied due to missing subscription key. Make sure to include subscription key when making requests to an API.')
    if (header(request, 'Ocp-Apim-Subscription-Key') !== this.config.subscriptionKey)
      return gateway(401, 'Access denied due to invalid subscription key. Make sure to provide a valid key for an active subscription.')
    if (header(request, 'client_id') !== this.config.clientId || header(request, 'client_secret') !== this.config.clientSecret) return gateway(401, 'Invalid client credentials')
    const token = `sim.${randomBytes(24).toString('base64url')}`
    const now = Math.floor(this.clock.now().getTime() / 1000)
    this.tokens.set(token, (now + this.config.tokenTtlSecs) * 1000)
    return {
      status: 200,
      body: {
        token_type: 'Bearer',
        expires_in: String(this.config.tokenTtlSecs),
        ext_expires_in: '0',
        expires_on: String(now + this.config.tokenTtlSecs),
        not_before: String(now),
        resource: '00000002-0000-0000-c000-000000000000',
        access_token: token
      }
    }
  }

  /** Every Order Management request: the gateway's checks, the spec's, then the operation. */
  handle(request: SimRequest): SimResponse {
    const key = header(request, 'Ocp-Apim-Subscription-Key')
    if (!key) return gateway(401, 'Access denied due to missing subscription key. Make sure to include subscription key when making requests to an API.')
    if (key !== this.config.subscriptionKey) return gateway(401, 'Access denied due to invalid subscription key. Make sure to provide a valid key for an active subscription.')
    const auth = header(request, 'Authorization') ?? ''
    const expires = auth.startsWith('Bearer ') ? this.tokens.get(auth.slice(7)) : undefined
    if (expires === undefined || expires <= this.clock.now().getTime()) return gateway(401, 'Something went wrong, please try again later')

    const path = request.path.slice(BASE.length)
    const check = this.validator.check({ method: request.method, path, headers: request.headers, query: request.query, body: request.body, contentType: header(request, 'Content-Type') })
    if (check.problems.length > 0 || check.operation === null || check.deprecated) {
      const problems = check.deprecated ? [`${check.operation ?? path} is deprecated and no longer available`] : check.problems
      this.violations.push({ at: this.clock.now().toISOString(), method: request.method, path, problems })
      return problem(check.operation === null ? 404 : 400, check.operation === null ? 'Not Found' : 'One or more validation errors occurred.', problems)
    }
    const msn = header(request, 'Merchant-Serial-Number') ?? ''
    if (!this.config.msns.includes(msn)) return problem(403, 'Forbidden', [`the credentials do not cover the sales unit ${msn}`])
    const p = check.params
    switch (check.operation) {
      case 'post-image-v1':
      case 'post-image':
        return this.uploadImage(msn, request.body as { imageId: string; src: string })
      case 'put-category-v2':
        return this.putCategory(msn, p['paymentType'] ?? '', p['orderId'] ?? '', request.body as { imageId?: string | null })
      case 'post-receipt-v2':
        return this.postReceipt(msn, p['paymentType'] ?? '', p['orderId'] ?? '', request.body)
      case 'get-order-v2': {
        const stored = this.order(msn, p['paymentType'] ?? '', p['orderId'] ?? '')
        return stored ? { status: 200, body: stored } : problem(404, 'Not Found', [`nothing is stored for ${p['paymentType']} ${p['orderId']}`])
      }
      default:
        return problem(501, 'Not Implemented', [`the simulator does not serve ${check.operation}`])
    }
  }

  private uploadImage(msn: string, body: { imageId: string; src: string }): SimResponse {
    const id = `${msn}/${body.imageId}`
    if (this.images.has(id)) return problem(409, 'Conflict', [`the image ${body.imageId} exists and cannot be overwritten`])
    const bytes = /^[A-Za-z0-9+/]+={0,2}$/.test(body.src) ? Buffer.from(body.src, 'base64') : Buffer.alloc(0)
    const why = imageRefusal(bytes)
    if (why) return problem(400, 'One or more validation errors occurred.', [why], 'Src')
    this.images.set(id, body.imageId)
    return { status: 200, body: { imageId: body.imageId } }
  }

  private putCategory(msn: string, paymentType: string, orderId: string, body: { imageId?: string | null }): SimResponse {
    if (body.imageId && !this.images.has(`${msn}/${body.imageId}`)) return problem(404, 'Not Found', [`no image ${body.imageId} was uploaded`])
    const k = this.key(msn, paymentType, orderId)
    this.orders.set(k, { ...this.orders.get(k), category: body })
    return { status: 200, body: randomUUID() }
  }

  private postReceipt(msn: string, paymentType: string, orderId: string, body: unknown): SimResponse {
    const lines = (body as { orderLines: { taxRate?: number | null; taxPercentage?: number | null }[] }).orderLines
    const untaxed = lines.findIndex((l) => (l.taxRate === undefined || l.taxRate === null) && (l.taxPercentage === undefined || l.taxPercentage === null))
    if (untaxed >= 0) return problem(400, 'One or more validation errors occurred.', ['either taxRate or taxPercentage is required'], `OrderLines[${untaxed}].TaxRate`)
    const k = this.key(msn, paymentType, orderId)
    const stored = this.orders.get(k)
    if (stored?.receipt) return problem(409, 'Conflict', [`a receipt for ${paymentType} ${orderId} exists and cannot be changed`])
    this.orders.set(k, { ...stored, receipt: body, receivedAt: this.clock.now().getTime() })
    return { status: 201, body: randomUUID() }
  }

  /** The sales units' statement: one line per order a receipt was sent for here, in minor units, semicolons between columns. */
  statement(): SimStatement {
    const rows = [...this.orders].flatMap(([key, stored]) => {
      const receipt = ReceiptSchema.safeParse(stored.receipt)
      if (stored.receivedAt === undefined || !receipt.success) return []
      const [msn = '', paymentType = '', ...rest] = key.split('|')
      const orderId = rest.join('|')
      return [{ msn, paymentType, orderId, at: stored.receivedAt, amount: receiptTotal(receipt.data).total, currency: receipt.data.bottomLine.currency }]
    })
    rows.sort((a, b) => a.at - b.at)
    return {
      fileName: 'vipps-statement.csv',
      csv:
        csvLine(['orderId', 'paymentType', 'msn', 'time', 'amount', 'currency'], ';') +
        rows
          .map((r) =>
            csvLine(
              [
                csvField(r.orderId, true, ';'),
                csvField(r.paymentType, true, ';'),
                csvField(r.msn, true, ';'),
                csvField(new Date(r.at).toISOString(), true, ';'),
                csvField(r.amount, false, ';'),
                csvField(r.currency, true, ';')
              ],
              ';'
            )
          )
          .join('')
    }
  }

  private key(msn: string, paymentType: string, orderId: string): string {
    return `${msn}|${paymentType.toUpperCase()}|${orderId}`
  }
}

/** The gateway's answer (Azure API Management), not a problem document [ASSUMED shape]. */
function gateway(statusCode: number, message: string): SimResponse {
  return { status: statusCode, body: { statusCode, message } }
}

/** RFC 7807, as Order Management writes it, with a fresh trace id in `instance`. */
function problem(status: number, title: string, reasons: string[], name = 'Request'): SimResponse {
  return {
    status,
    headers: { 'Content-Type': 'application/problem+json; charset=utf-8' },
    body: {
      type: `https://datatracker.ietf.org/doc/html/rfc7231#section-6.5.${status === 404 ? 4 : status === 409 ? 8 : 1}`,
      title,
      detail: title === 'Conflict' ? 'Conflict' : status === 404 ? 'NotFound' : 'BadRequest',
      instance: `00-${randomBytes(16).toString('hex')}-${randomBytes(8).toString('hex')}-00`,
      invalidParams: reasons.map((reason) => ({ name, reason }))
    }
  }
}
