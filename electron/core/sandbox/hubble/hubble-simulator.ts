import { createHmac, randomBytes } from 'node:crypto'
import { decimalToMinor, minorToDecimal } from '../../../../shared/money'
import type { SimClock } from '../framework/clock'
import type { SimRequest, SimResponse, SimStatement } from '../framework/sim-server'
import { csvField, csvLine, minorText } from '../../../../shared/csv'
import { HUBBLE_CLIENT_ID, HUBBLE_CLIENT_SECRET, HUBBLE_WALLET_RUPEES, seedBrands, type SimBrand } from './fixtures'

export interface HubbleSimConfig {
  /** The partner credentials it takes at login (the fixtures' by default; fresh ones in the app). */
  clientId: string
  clientSecret: string
  /** Token life in seconds (Hubble: 3600; tests shorten it). */
  tokenTtlSecs: number
  /** The partner wallet at start, in rupees. */
  walletRupees: number
  /** A referenceId sent again: answer with the order it made (default) or refuse it (E160). */
  duplicateReference: 'existing' | 'error'
  /** Where Order Reached Terminal State callbacks go, and the shared secret of their X-Verify. */
  webhookUrl: string | null
  webhookSecret: string
  /** Deliveries: as they should be, signed wrongly, each sent twice, or never. */
  webhookMode: 'normal' | 'bad-signature' | 'duplicate' | 'none'
}

export const defaultHubbleConfig: HubbleSimConfig = {
  clientId: HUBBLE_CLIENT_ID,
  clientSecret: HUBBLE_CLIENT_SECRET,
  tokenTtlSecs: 3600,
  walletRupees: HUBBLE_WALLET_RUPEES,
  duplicateReference: 'existing',
  webhookUrl: null,
  webhookSecret: 'training-webhook-secret',
  webhookMode: 'normal'
}

type Status = 'SUCCESS' | 'FAILED' | 'PROCESSING' | 'CANCELLED' | 'REVERSED'

interface SimVoucherCard {
  id: string
  cardType: string
  cardNumber: string | null
  cardPin: string | null
  validTill: string
  amountPaise: number
}

export interface SimOrder {
  id: string
  referenceId: string
  productId: string
  amountPaise: number
  denominations: { denominationPaise: number; quantity: number }[]
  status: Status
  vouchers: SimVoucherCard[]
  failureReason: string | null
  createdAt: number
  settleAt: number | null
  then: 'success' | 'failed'
  /** How often the order was read by id: tests assert the polling policy. */
  reads: number
  /** Whether its terminal state was called back. */
  notified: boolean
}

/** Hubble's error envelope (docs/providers/hubble.md §6); codes other than E001 and E300 are [ASSUMED]. */
function problem(status: number, id: string, code: string, message: string, requestId: string | null, subErrors: { fieldName: string; message: string }[] = []): SimResponse {
  return { status, body: { id, code, message, requestId: requestId ?? '', debugMessage: message, subErrors } }
}

function ulid(): string {
  const alphabet = '0123456789ABCDEFGHJKMNPQRSTVWXYZ'
  return Array.from(randomBytes(26), (b) => alphabet[b % 32]).join('')
}

interface OrderBody {
  productId: string
  referenceId: string
  amountPaise: number
  lines: { denominationPaise: number; quantity: number }[]
  customer: unknown
}

/**
 * The Hubble partner API in memory, as docs/providers/hubble.md §12 describes it: login and token
 * expiry, the catalogue with inactive and disabled brands, order validation in Hubble's order,
 * outcomes per brand (at once, later, never), referenceId idempotency, the wallet, by-reference.
 */
export class HubbleSimulator {
  readonly config: HubbleSimConfig
  brands = new Map<string, SimBrand>()
  orders = new Map<string, SimOrder>()
  private byReference = new Map<string, string>()
  private tokens = new Map<string, number>()
  walletPaise = 0
  private cardCounter = 0

  constructor(
    private readonly clock: SimClock,
    config: Partial<HubbleSimConfig> = {}
  ) {
    this.config = { ...defaultHubbleConfig, ...config }
    this.reset()
  }

  reset(): void {
    this.brands = new Map(seedBrands().map((b) => [b.id, b]))
    this.orders.clear()
    this.byReference.clear()
    this.tokens.clear()
    this.walletPaise = decimalToMinor(this.config.walletRupees) ?? 0
    this.cardCounter = 0
  }

  /**
   * Settles every PROCESSING order whose time has come and tells the partner by callback, as
   * Hubble does for orders that were PROCESSING. Returns how many callbacks were sent.
   */
  async deliverDue(): Promise<number> {
    let sent = 0
    for (const order of this.orders.values()) {
      if (order.status !== 'PROCESSING' || order.notified) continue
      this.settle(order)
      if (order.status === 'PROCESSING') continue
      order.notified = true
      sent += await this.callBack(order)
    }
    return sent
  }

  /**
   * Hubble's team reverses a sold order after the fact (its notes say this happens): the cards
   * stop working, the wallet gets the money back, and the partner is called back.
   */
  async reverse(orderId: string): Promise<void> {
    const order = this.orders.get(orderId)
    if (!order || order.status !== 'SUCCESS') throw new Error(`order ${orderId} is not a sold order`)
    order.status = 'REVERSED'
    this.walletPaise += order.amountPaise
    await this.callBack(order)
  }

  /** Sends an order's Order Reached Terminal State callback, as configured (signature, duplicates, none). */
  private async callBack(order: SimOrder): Promise<number> {
    const url = this.config.webhookUrl
    if (!url || this.config.webhookMode === 'none') return 0
    const body = JSON.stringify({ id: order.id, status: order.status })
    const signature = createHmac('sha256', this.config.webhookMode === 'bad-signature' ? 'not-the-secret' : this.config.webhookSecret)
      .update(body)
      .digest('base64')
    const times = this.config.webhookMode === 'duplicate' ? 2 : 1
    for (let i = 0; i < times; i++) await fetch(url, { method: 'POST', headers: { 'Content-Type': 'application/json', 'X-Verify': signature }, body }).catch(() => undefined)
    return times
  }

  /** Every token stops working at once (as if Hubble rotated its keys). */
  revokeTokens(): void {
    this.tokens.clear()
  }

  inspect(): unknown {
    return { wallet: minorToDecimal(this.walletPaise), orders: [...this.orders.values()].map((o) => ({ id: o.id, referenceId: o.referenceId, status: this.settle(o).status, reads: o.reads })) }
  }

  login(request: SimRequest): SimResponse {
    const body = request.body as { clientId?: unknown; clientSecret?: unknown } | undefined
    const requestId = this.requestId(request)
    if (typeof body?.clientId !== 'string' || typeof body.clientSecret !== 'string') {
      return problem(400, 'E400', 'BAD_REQUEST', 'clientId and clientSecret are required', requestId)
    }
    if (body.clientId !== this.config.clientId) return problem(401, 'E001', 'RESOURCE_NOT_FOUND', 'Requested resource is not found', requestId)
    if (body.clientSecret !== this.config.clientSecret) return problem(401, 'E401', 'UNAUTHORIZED', 'Invalid client credentials', requestId)
    const token = `sim.${randomBytes(18).toString('base64url')}`
    this.tokens.set(token, this.clock.now().getTime() + this.config.tokenTtlSecs * 1000)
    return { status: 200, body: { token, expiresInSecs: this.config.tokenTtlSecs } }
  }

  /** The answer for a caller whose token is missing or expired, or null when it may go on. */
  unauthorized(request: SimRequest): SimResponse | null {
    const header = request.headers['authorization']
    const token = typeof header === 'string' && header.startsWith('Bearer ') ? header.slice(7) : ''
    const expires = this.tokens.get(token)
    if (expires !== undefined && expires > this.clock.now().getTime()) return null
    return problem(401, 'E401', 'UNAUTHORIZED', expires === undefined ? 'Missing or unknown token' : 'Token expired', this.requestId(request))
  }

  products(query: URLSearchParams): SimResponse {
    const q = query.get('q')?.toLowerCase()
    const category = query.get('category')
    let list = [...this.brands.values()].filter((b) => (!q || b.title.toLowerCase().includes(q)) && (!category || b.category.includes(category)))
    const pageNo = Number(query.get('pageNo') ?? '0')
    const limit = Number(query.get('limit') ?? '20')
    let nextCursor: { pageNo: number; limit: number } | null = null
    if (pageNo >= 1) {
      const start = (pageNo - 1) * limit
      nextCursor = start + limit < list.length ? { pageNo: pageNo + 1, limit } : null
      list = list.slice(start, start + limit)
    }
    return { status: 200, body: { data: list.map((b) => this.brandJson(b)), nextCursor } }
  }

  product(id: string, request: SimRequest): SimResponse {
    const brand = this.brands.get(id)
    return brand ? { status: 200, body: this.brandJson(brand) } : problem(404, 'E001', 'RESOURCE_NOT_FOUND', 'Requested resource is not found', this.requestId(request))
  }

  placeOrder(request: SimRequest): SimResponse {
    const requestId = this.requestId(request)
    const parsed = this.parseOrder(request.body)
    if ('error' in parsed) return problem(400, 'E400', 'BAD_REQUEST', parsed.error, requestId, [{ fieldName: parsed.field, message: parsed.error }])
    const order = parsed.order
    const existing = this.byReference.get(order.referenceId)
    if (existing) {
      const found = this.orders.get(existing)
      if (this.config.duplicateReference === 'existing' && found) return { status: 200, body: this.orderJson(this.settle(found)) }
      return problem(400, 'E160', 'DUPLICATE_REFERENCE_ID', 'referenceId was used before', requestId)
    }
    const brand = this.brands.get(order.productId)
    if (!brand) return problem(404, 'E001', 'RESOURCE_NOT_FOUND', 'Requested resource is not found', requestId)
    if (!brand.enabled) return problem(400, 'E101', 'BRAND_NOT_ENABLED', 'Brand is not enabled for this partner', requestId)
    if (brand.status !== 'ACTIVE') return problem(400, 'E102', 'BRAND_NOT_ACTIVE', 'Brand is not active', requestId)
    if (!brand.providerUp) return problem(400, 'E100', 'BRAND_TEMPORARILY_DISABLED', 'Brand temporarily disabled owing to provider failures', requestId)
    const rule = this.amountProblem(brand, order)
    if (rule) return problem(400, rule.id, rule.code, rule.message, requestId)
    if (order.amountPaise > this.walletPaise) return problem(400, 'E300', 'INSUFFICIENT_BALANCE', 'Insufficient wallet balance', requestId)

    this.walletPaise -= order.amountPaise
    const now = this.clock.now().getTime()
    const outcome = brand.outcome
    const created: SimOrder = {
      id: ulid(),
      referenceId: order.referenceId,
      productId: brand.id,
      amountPaise: order.amountPaise,
      denominations: order.lines,
      status: 'PROCESSING',
      vouchers: [],
      failureReason: null,
      createdAt: now,
      settleAt: outcome.kind === 'processing' ? (outcome.settleAfterMs === null ? null : now + outcome.settleAfterMs) : now,
      then: outcome.kind === 'processing' ? outcome.then : outcome.kind === 'failed' ? 'failed' : 'success',
      reads: 0,
      // Only orders that were PROCESSING are called back.
      notified: outcome.kind !== 'processing'
    }
    if (outcome.kind === 'failed') created.failureReason = outcome.reason
    this.orders.set(created.id, created)
    this.byReference.set(created.referenceId, created.id)
    return { status: 200, body: this.orderJson(this.settle(created)) }
  }

  order(id: string, request: SimRequest): SimResponse {
    const order = this.orders.get(id)
    if (!order) return problem(404, 'E001', 'RESOURCE_NOT_FOUND', 'Requested resource is not found', this.requestId(request))
    order.reads += 1
    return { status: 200, body: this.orderJson(this.settle(order)) }
  }

  orderByReference(referenceId: string, request: SimRequest): SimResponse {
    const id = this.byReference.get(referenceId)
    const order = id ? this.orders.get(id) : undefined
    if (!order) return problem(404, 'E001', 'RESOURCE_NOT_FOUND', 'Requested resource is not found', this.requestId(request))
    return { status: 200, body: this.orderJson(this.settle(order)) }
  }

  wallet(): SimResponse {
    return { status: 200, body: { balance: minorToDecimal(this.walletPaise) } }
  }

  /** A PROCESSING order whose time has come becomes SUCCESS (with cards) or FAILED (refunded). */
  settle(order: SimOrder): SimOrder {
    if (order.status !== 'PROCESSING' || order.settleAt === null || order.settleAt > this.clock.now().getTime()) return order
    if (order.then === 'failed') {
      order.status = 'FAILED'
      order.failureReason ??= 'The brand could not issue the voucher'
      this.walletPaise += order.amountPaise
      return order
    }
    const brand = this.brands.get(order.productId)
    const validTill = new Date(this.clock.now().getTime() + 365 * 86_400_000).toISOString().slice(0, 10)
    order.vouchers = order.denominations.flatMap((line) =>
      Array.from({ length: line.quantity }, () => {
        this.cardCounter += 1
        const codeOnly = brand?.cardType === 'CARD_NUMBER_SECURED'
        const pinOnly = brand?.cardType === 'PIN_NO_SECURED'
        return {
          id: ulid(),
          cardType: brand?.cardType ?? 'CARD_AND_PIN_NO_SECURED',
          cardNumber: pinOnly ? null : String(2359481280000 + this.cardCounter),
          cardPin: codeOnly ? null : String(100000 + ((this.cardCounter * 7919) % 900000)),
          validTill,
          amountPaise: line.denominationPaise
        }
      })
    )
    order.status = 'SUCCESS'
    return order
  }

  /** Hubble's statement of the orders placed here that succeeded: id, reference, when, value in rupees. */
  statement(): SimStatement {
    const done = [...this.orders.values()]
      .map((o) => this.settle(o))
      .filter((o) => o.status === 'SUCCESS')
      .sort((a, b) => a.createdAt - b.createdAt)
    return {
      fileName: 'hubble-statement.csv',
      csv:
        csvLine(['Order ID', 'Reference ID', 'Created At', 'Order Value', 'Status']) +
        done
          .map((o) => csvLine([csvField(o.id), csvField(o.referenceId), csvField(new Date(o.createdAt).toISOString()), csvField(minorText(o.amountPaise, 'INR'), false), csvField(o.status)]))
          .join('')
    }
  }

  private amountProblem(brand: SimBrand, order: OrderBody): { id: string; code: string; message: string } | null {
    const r = brand.amountRestrictions
    const paise = (rupees: number) => decimalToMinor(rupees) ?? 0
    const count = order.lines.reduce((sum, l) => sum + l.quantity, 0)
    const total = order.lines.reduce((sum, l) => sum + l.denominationPaise * l.quantity, 0)
    if (order.lines.some((l) => l.denominationPaise <= 0 || l.quantity <= 0)) return { id: 'E157', code: 'INVALID_DENOMINATION', message: 'Invalid denomination' }
    if (total !== order.amountPaise) return { id: 'E151', code: 'AMOUNT_MISMATCH', message: 'Order amount does not match the denominations' }
    if (brand.denominationType === 'FIXED' && order.lines.some((l) => !(r.denominations ?? []).some((d) => paise(d) === l.denominationPaise))) {
      return { id: 'E150', code: 'DENOMINATION_NOT_AVAILABLE', message: 'Denomination not available for this brand' }
    }
    if (r.maxDenominationsPerOrder !== null && order.lines.length > r.maxDenominationsPerOrder)
      return { id: 'E153', code: 'MAX_DENOMINATIONS_PER_ORDER_EXCEEDED', message: 'Too many denominations in one order' }
    if (r.maxVouchersPerDenomination !== null && order.lines.some((l) => l.quantity > (r.maxVouchersPerDenomination ?? 0))) {
      return { id: 'E154', code: 'MAX_VOUCHERS_PER_DENOMINATION_EXCEEDED', message: 'Too many vouchers of one denomination' }
    }
    if (order.lines.some((l) => l.denominationPaise < paise(r.minVoucherAmount) || l.denominationPaise > paise(r.maxVoucherAmount))) {
      return { id: 'E155', code: 'VOUCHER_AMOUNT_OUT_OF_RANGE', message: 'Voucher amount out of range' }
    }
    if (count > r.maxVouchersPerOrder) return { id: 'E156', code: 'MAX_VOUCHERS_PER_ORDER_EXCEEDED', message: 'Max vouchers per order exceeded' }
    if (total < paise(r.minOrderAmount)) return { id: 'E158', code: 'ORDER_AMOUNT_TOO_LOW', message: 'Order amount below the minimum' }
    if (total > paise(r.maxOrderAmount)) return { id: 'E159', code: 'ORDER_AMOUNT_TOO_HIGH', message: 'Order amount above the maximum' }
    return null
  }

  private parseOrder(body: unknown): { order: OrderBody } | { error: string; field: string } {
    if (typeof body !== 'object' || body === null) return { error: 'body must be a JSON object', field: 'body' }
    const b = body as Record<string, unknown>
    if (typeof b['productId'] !== 'string' || b['productId'] === '') return { error: 'productId is required', field: 'productId' }
    if (typeof b['referenceId'] !== 'string' || b['referenceId'] === '' || b['referenceId'].length > 40) return { error: 'referenceId is required, at most 40 characters', field: 'referenceId' }
    const amount = typeof b['amount'] === 'number' || typeof b['amount'] === 'string' ? decimalToMinor(b['amount']) : null
    if (amount === null) return { error: 'amount is required', field: 'amount' }
    if (!Array.isArray(b['denominationDetails']) || b['denominationDetails'].length === 0) return { error: 'denominationDetails is required', field: 'denominationDetails' }
    const lines: OrderBody['lines'] = []
    for (const line of b['denominationDetails'] as unknown[]) {
      const l = line as Record<string, unknown>
      const denomination = typeof l['denomination'] === 'number' || typeof l['denomination'] === 'string' ? decimalToMinor(l['denomination']) : null
      if (denomination === null || typeof l['quantity'] !== 'number' || !Number.isInteger(l['quantity'])) return { error: 'denominationDetails is malformed', field: 'denominationDetails' }
      lines.push({ denominationPaise: denomination, quantity: l['quantity'] })
    }
    return { order: { productId: b['productId'], referenceId: b['referenceId'], amountPaise: amount, lines, customer: b['customerDetails'] } }
  }

  private brandJson(b: SimBrand): unknown {
    const r = b.amountRestrictions
    return {
      id: b.id,
      status: b.status,
      title: b.title,
      brandDescription: null,
      category: b.category,
      tags: b.tags,
      denominationType: b.denominationType,
      cardType: b.cardType,
      redemptionType: 'ONLINE_AND_OFFLINE',
      amountRestrictions: { ...r, minAmount: r.minOrderAmount, maxAmount: r.maxOrderAmount },
      thumbnailUrl: `https://assets.example.invalid/${b.id}.webp`
    }
  }

  private orderJson(o: SimOrder): unknown {
    return {
      id: o.id,
      referenceId: o.referenceId,
      status: o.status,
      // Older examples send voucher amounts as strings; the simulator does too, to keep clients tolerant.
      vouchers:
        o.status === 'SUCCESS'
          ? o.vouchers.map((v) => ({ id: v.id, cardType: v.cardType, cardNumber: v.cardNumber, cardPin: v.cardPin, validTill: v.validTill, amount: String(minorToDecimal(v.amountPaise)) }))
          : [],
      failureReason: o.status === 'FAILED' ? o.failureReason : null
    }
  }

  private requestId(request: SimRequest): string | null {
    const header = request.headers['x-request-id']
    return typeof header === 'string' ? header : null
  }
}
