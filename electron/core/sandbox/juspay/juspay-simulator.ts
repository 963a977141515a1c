import { randomBytes } from 'node:crypto'
import type { KeyLike } from 'node:crypto'
import { decimalToMinor, minorToDecimal } from '../../../../shared/money'
import type { SimClock } from '../framework/clock'
import type { SimRequest, SimResponse, SimStatement } from '../framework/sim-server'
import { csvField, csvLine, minorText } from '../../../../shared/csv'
import { JUSPAY_API_KEY, JUSPAY_MERCHANT_ID, JUSPAY_WEBHOOK_PASSWORD, JUSPAY_WEBHOOK_USER, seedMandates, seedOrders, type RefundOutcome, type SeedOrder } from './fixtures'
import { JweError, openJwe, sealJwe } from './jwe'

export interface JuspaySimConfig {
  merchantId: string
  apiKey: string
  /** How long a new refund stays PENDING (simulated time). */
  refundSettleMs: number
  /** How long a mandate debit stays PENDING_VBV before it is charged. */
  executionSettleMs: number
  /** Refuse A1, A2, M2 and M3 without `x-routing-id` (the docs list it as required there) [ASSUMED strictness]. */
  requireRoutingId: boolean
  /** Refund attempts per order (secondary source: 25). */
  maxRefundsPerOrder: number
  /** Plain charged UPI orders `JP-BULK-000001`… beside the named ones, for benchmarks. */
  bulkOrders: number
  /** Where webhooks go, with the Basic credentials the merchant set in the dashboard. */
  webhookUrl: string | null
  webhookUser: string
  webhookPassword: string
  /** Deliveries as they should be, with wrong credentials, each twice, newest first, or never. */
  webhookMode: 'normal' | 'wrong-credentials' | 'duplicate' | 'out-of-order' | 'none'
  /** The encrypted `/v4` variant: Juspay's key pair and the merchant's public key (off when absent). */
  jwe: { keyId: string; juspayPrivateKey: KeyLike; merchantPublicKey: KeyLike } | null
}

export const defaultJuspayConfig: JuspaySimConfig = {
  merchantId: JUSPAY_MERCHANT_ID,
  apiKey: JUSPAY_API_KEY,
  refundSettleMs: 20_000,
  executionSettleMs: 60_000,
  requireRoutingId: false,
  maxRefundsPerOrder: 25,
  bulkOrders: 0,
  webhookUrl: null,
  webhookUser: JUSPAY_WEBHOOK_USER,
  webhookPassword: JUSPAY_WEBHOOK_PASSWORD,
  webhookMode: 'normal',
  jwe: null
}

interface SimRefund {
  id: string
  uniqueRequestId: string
  ref: string | null
  amountPaise: number
  status: 'PENDING' | RefundOutcome
  created: number
  settleAt: number
  then: RefundOutcome
  notified: boolean
  /** Made before this till came (a fixture): not on this till's statement. */
  seeded?: boolean
}

interface SimOrder {
  id: string
  orderId: string
  customerId: string
  status: string
  statusId: number
  amountPaise: number
  created: number
  method: SeedOrder['method']
  bankError: { code: string; message: string } | null
  refunds: SimRefund[]
  refundsEndAs: RefundOutcome
  lastDateToRefund: string | null
  mandateId: string | null
  udf: Record<string, string>
  txnUuid: string
  /** When a pending mandate debit is charged. */
  chargeAt: number | null
}

interface SimMandate {
  mandateId: string
  customerId: string
  status: string
  type: string
  maxAmountPaise: number
  amountRule: string
  frequency: string
  start: number
  end: number
  paymentMethod: string
  revokableByCustomer: boolean
}

interface WebhookEvent {
  id: string
  at: number
  name: string
  content: Record<string, unknown>
  /** Deliveries tried so far, and when the next is due. */
  attempts: number
  dueAt: number
}

/** After a delivery that did not get a 200: +1 min, 2 × 5 min, 5 × 10 min, 5 × 1 h, 3 × 6 h, then no more (16 retries over a day). */
const RETRY_AFTER_MS = [1, 5, 5, 10, 10, 10, 10, 10, 60, 60, 60, 60, 60, 360, 360, 360].map((minutes) => minutes * 60_000)

/** A delivery the simulator made, for tests to assert. */
export interface WebhookDelivery {
  eventId: string
  name: string
  status: number | 'failed'
}

const DAY = 86_400_000
const REFUNDABLE = new Set(['CHARGED', 'PARTIAL_CHARGED'])

function error(status: number, code: string, message: string, extra: Record<string, unknown> = {}): SimResponse {
  return { status, body: { status: 'error', error_code: code, error_message: message, user_message: message, ...extra } }
}

function header(request: SimRequest, name: string): string | undefined {
  const value = request.headers[name]
  return Array.isArray(value) ? value[0] : value
}

function field(body: unknown, name: string): string | undefined {
  if (!body || typeof body !== 'object') return undefined
  const value = (body as Record<string, unknown>)[name]
  return typeof value === 'string' ? value : typeof value === 'number' ? String(value) : undefined
}

/** An amount as Juspay takes it on the wire: a decimal string with at most two decimals, above zero. */
function wireAmount(text: string | undefined): number | null {
  if (text === undefined || !/^\d+(\.\d{1,2})?$/.test(text.trim())) return null
  const paise = decimalToMinor(text.trim())
  return paise !== null && paise > 0 ? paise : null
}

/**
 * Juspay's Express Checkout server-to-server API as docs/providers/juspay.md §11 describes it: Basic auth with
 * the API key (with or without the trailing colon, as Juspay's own SDK sends it) and the
 * merchant id, order status with refunds, refunds with every documented refusal and a
 * unique_request_id honoured once per order, refunds that settle on the clock, order updates
 * before payment, mandates (list, status, revoke, execution) and webhooks with Basic auth.
 */
export class JuspaySimulator {
  readonly config: JuspaySimConfig
  readonly deliveries: WebhookDelivery[] = []
  /** The headers Juspay reads off each authenticated request, for tests to check what the client sends. */
  readonly seen: { path: string; version: string | null; routingId: string | null; requestId: string | null; contentType: string | null }[] = []
  private orders = new Map<string, SimOrder>()
  private mandates = new Map<string, SimMandate>()
  private outbox: WebhookEvent[] = []
  private counter = 0

  constructor(
    private readonly clock: SimClock,
    config: Partial<JuspaySimConfig> = {}
  ) {
    this.config = { ...defaultJuspayConfig, ...config }
    this.reset()
  }

  reset(): void {
    const now = this.clock.now().getTime()
    this.orders.clear()
    this.mandates.clear()
    this.outbox = []
    this.deliveries.length = 0
    this.seen.length = 0
    const bulk: SeedOrder[] = Array.from({ length: this.config.bulkOrders }, (_, i) => ({
      orderId: `JP-BULK-${String(i + 1).padStart(6, '0')}`,
      status: 'CHARGED',
      statusId: 21,
      amountPaise: 10000,
      customerId: 'cust_bulk',
      method: { type: 'UPI', name: 'UPI', upiId: 'bulk@okaxis' },
      minutesAgo: 10
    }))
    for (const seed of [...seedOrders(), ...bulk]) {
      const created = now - seed.minutesAgo * 60_000
      const order: SimOrder = {
        id: `ordeh_${randomBytes(12).toString('hex')}`,
        orderId: seed.orderId,
        customerId: seed.customerId,
        status: seed.status,
        statusId: seed.statusId,
        amountPaise: seed.amountPaise,
        created,
        method: seed.method,
        bankError: seed.bankError ?? null,
        refunds: [],
        refundsEndAs: seed.refundsEndAs ?? 'SUCCESS',
        lastDateToRefund: seed.lastDateToRefund ?? null,
        mandateId: seed.mandateId ?? null,
        udf: {},
        txnUuid: `euler${randomBytes(6).toString('hex')}`,
        chargeAt: null
      }
      order.refunds = (seed.refunds ?? []).map((r) => ({
        id: `rfnd_${randomBytes(4).toString('hex')}`,
        uniqueRequestId: r.uniqueRequestId,
        ref: r.status === 'SUCCESS' ? `ARN${randomBytes(4).toString('hex').toUpperCase()}` : null,
        amountPaise: r.amountPaise,
        status: r.status,
        created: now - r.minutesAgo * 60_000,
        settleAt: now - r.minutesAgo * 60_000,
        then: r.status === 'PENDING' ? 'SUCCESS' : r.status,
        notified: true,
        seeded: true
      }))
      this.orders.set(seed.orderId.toLowerCase(), order)
    }
    for (const m of seedMandates()) {
      this.mandates.set(m.mandateId, {
        mandateId: m.mandateId,
        customerId: m.customerId,
        status: m.status,
        type: m.type,
        maxAmountPaise: m.maxAmountPaise,
        amountRule: m.amountRule,
        frequency: m.frequency,
        start: now + m.startInDays * DAY,
        end: now + m.endInDays * DAY,
        paymentMethod: m.paymentMethod,
        revokableByCustomer: true
      })
    }
  }

  /** Sets what the refunds of an order come to (tests script outcomes). */
  refundsOf(orderId: string, outcome: RefundOutcome): void {
    const order = this.orders.get(orderId.toLowerCase())
    if (order) order.refundsEndAs = outcome
  }

  /** Moves an order to another payment status, as a customer paying would (control API). */
  setStatus(orderId: string, status: string, statusId: number): boolean {
    const order = this.orders.get(orderId.toLowerCase())
    if (!order) return false
    order.status = status
    order.statusId = statusId
    this.event(status === 'CHARGED' ? 'ORDER_SUCCEEDED' : status.endsWith('FAILED') ? 'ORDER_FAILED' : 'TXN_CREATED', { order: this.orderJson(order) })
    return true
  }

  inspect(): unknown {
    this.settleAll()
    return {
      orders: [...this.orders.values()].map((o) => ({
        orderId: o.orderId,
        status: o.status,
        amount: minorToDecimal(o.amountPaise),
        refunds: o.refunds.map((r) => ({ uniqueRequestId: r.uniqueRequestId, amount: minorToDecimal(r.amountPaise), status: r.status }))
      })),
      mandates: [...this.mandates.values()].map((m) => ({ mandateId: m.mandateId, customerId: m.customerId, status: m.status })),
      deliveries: this.deliveries
    }
  }

  /** Basic auth: the API key as user name, no password; the merchant id must match too. */
  unauthorized(request: SimRequest): SimResponse | null {
    const auth = header(request, 'authorization') ?? ''
    const decoded = auth.startsWith('Basic ') ? Buffer.from(auth.slice(6), 'base64').toString('utf8') : ''
    // Juspay's own Node SDK sends base64(key) without the colon; the docs say base64(key + ':').
    const key = decoded.endsWith(':') ? decoded.slice(0, -1) : decoded
    const merchant = header(request, 'x-merchantid') ?? header(request, 'x-merchant-id')
    if (key !== this.config.apiKey || merchant !== this.config.merchantId) return error(401, 'access_denied', 'Access Denied')
    this.seen.push({
      path: request.path,
      version: header(request, 'version') ?? null,
      routingId: header(request, 'x-routing-id') ?? null,
      requestId: header(request, 'x-request-id') ?? null,
      contentType: header(request, 'content-type') ?? null
    })
    return null
  }

  private missingRoutingId(request: SimRequest): SimResponse | null {
    return this.config.requireRoutingId && !header(request, 'x-routing-id') ? error(400, 'mandatory.fields.missing', 'x-routing-id header is required') : null
  }

  orderStatus(request: SimRequest, orderId: string): SimResponse {
    const refused = this.unauthorized(request) ?? this.missingRoutingId(request)
    if (refused) return refused
    const order = this.find(orderId)
    if (!order) return error(404, 'order_not_found', 'Order not found', { status_id: 40 })
    return { status: 200, body: this.orderJson(order, request.query.get('options.add_full_gateway_response') === 'true') }
  }

  refund(request: SimRequest, orderId: string): SimResponse {
    const refused = this.unauthorized(request) ?? this.missingRoutingId(request)
    if (refused) return refused
    return this.refundWith(orderId, request.body)
  }

  /** `POST /v4/orders/{id}/refunds`: the same refund, with the body and the answer sealed as JWE. */
  refundEncrypted(request: SimRequest, orderId: string): SimResponse {
    const jwe = this.config.jwe
    if (!jwe) return error(404, 'RESOURCE_NOT_FOUND', 'Encrypted APIs are not enabled for this merchant')
    if (header(request, 'x-merchantid') !== this.config.merchantId) return error(401, 'access_denied', 'Access Denied')
    let body: unknown
    try {
      body = JSON.parse(openJwe(request.body, jwe.juspayPrivateKey, jwe.merchantPublicKey))
    } catch (e) {
      return error(401, 'access_denied', e instanceof JweError ? e.message : 'the request could not be read')
    }
    const answer = this.refundWith(orderId, body)
    if (answer.status !== 200) return answer
    return { status: 200, body: sealJwe(JSON.stringify(answer.body), jwe.keyId, jwe.juspayPrivateKey, jwe.merchantPublicKey) }
  }

  private refundWith(orderId: string, body: unknown): SimResponse {
    const order = this.find(orderId)
    if (!order) return error(404, 'order_not_found', 'Order not found', { status_id: 40 })
    const uniqueRequestId = field(body, 'unique_request_id')
    const amountText = field(body, 'amount')
    if (!uniqueRequestId || amountText === undefined) return error(400, 'mandatory.fields.missing', 'Mandatory fields are missing')
    if (!/^[A-Za-z0-9_-]{1,64}$/.test(uniqueRequestId)) return error(400, 'invalid.unique_request_id', 'unique_request_id is invalid')
    if (order.refunds.some((r) => r.uniqueRequestId === uniqueRequestId)) return error(400, 'duplicate.call', 'Refund with the same unique_request_id already exists')
    if (!REFUNDABLE.has(order.status)) return error(400, 'invalid.order.not_successful', 'Order is not in a refundable state')
    if (order.lastDateToRefund && Date.parse(order.lastDateToRefund) < this.clock.now().getTime()) return error(400, 'refund.not_allowed', 'The last date to refund this order has passed')
    const amount = wireAmount(amountText)
    if (amount === null) return error(400, 'invalid.amount', 'Invalid amount')
    if (order.refunds.length >= this.config.maxRefundsPerOrder) return error(400, 'request.exceeded', 'Refund request limit exceeded for this order')
    // PENDING refunds count against the balance [ASSUMED].
    const taken = order.refunds.filter((r) => r.status === 'SUCCESS' || r.status === 'PENDING' || r.status === 'MANUAL_REVIEW').reduce((sum, r) => sum + r.amountPaise, 0)
    if (amount > order.amountPaise - taken) return error(400, 'invalid.amount.exceeded', 'Refund amount exceeds the refundable amount')
    const now = this.clock.now().getTime()
    order.refunds.push({
      id: `rfnd_${randomBytes(4).toString('hex')}`,
      uniqueRequestId,
      ref: null,
      amountPaise: amount,
      status: 'PENDING',
      created: now,
      settleAt: now + this.config.refundSettleMs,
      then: order.refundsEndAs,
      notified: false
    })
    return { status: 200, body: this.orderJson(order) }
  }

  update(request: SimRequest, orderId: string): SimResponse {
    const refused = this.unauthorized(request)
    if (refused) return refused
    const order = this.find(orderId)
    if (!order) return error(404, 'order_not_found', 'Order not found', { status_id: 40 })
    if (order.status !== 'NEW' && order.status !== 'CREATED') return error(400, 'INVALID_ACTION', 'Order cannot be updated once a transaction has been initiated')
    const amountText = field(request.body, 'amount')
    if (amountText !== undefined) {
      const amount = wireAmount(amountText)
      if (amount === null) return error(400, 'invalid.amount', 'Invalid amount')
      order.amountPaise = amount
    }
    for (let i = 1; i <= 10; i++) {
      const value = field(request.body, `udf${i}`)
      if (value !== undefined) order.udf[`udf${i}`] = value
    }
    return { status: 200, body: this.orderJson(order) }
  }

  mandatesOf(request: SimRequest, customerId: string): SimResponse {
    const refused = this.unauthorized(request) ?? this.missingRoutingId(request)
    if (refused) return refused
    const list = [...this.mandates.values()].filter((m) => m.customerId === customerId).map((m) => this.mandateJson(m))
    return { status: 200, body: { total: list.length, offset: 0, count: list.length, object: 'list', list } }
  }

  /** `POST /mandates/{id}`: `command=revoke` for ACTIVE or PAUSED mandates, `command=status` [ASSUMED] to read one. */
  mandateCommand(request: SimRequest, mandateId: string): SimResponse {
    const refused = this.unauthorized(request) ?? this.missingRoutingId(request)
    if (refused) return refused
    const mandate = this.mandates.get(mandateId)
    if (!mandate) return error(404, 'RESOURCE_NOT_FOUND', 'Mandate not found')
    const command = field(request.body, 'command')
    if (command === 'status') return { status: 200, body: this.mandateJson(this.expire(mandate)) }
    if (command !== 'revoke') return error(400, 'INVALID_INPUT', 'command must be revoke or status')
    if (this.expire(mandate).status !== 'ACTIVE' && mandate.status !== 'PAUSED') return error(400, 'INVALID_ACTION', `Mandate is ${mandate.status} and cannot be revoked`)
    mandate.status = 'REVOKED'
    this.event('MANDATE_REVOKED', { mandate: this.mandateJson(mandate) })
    return { status: 200, body: { mandate_status: 'REVOKED', mandate_id: mandate.mandateId } }
  }

  /** `POST /txns` with a mandate: a debit, as a new order that is charged after a while. */
  execute(request: SimRequest): SimResponse {
    const refused = this.unauthorized(request)
    if (refused) return refused
    const orderId = field(request.body, 'order.order_id')
    const mandate = this.mandates.get(field(request.body, 'mandate_id') ?? '')
    const amount = wireAmount(field(request.body, 'order.amount'))
    if (!orderId || !mandate) return error(400, 'Invalid', 'Mandatory fields are missing')
    if (this.find(orderId)) return error(400, 'DUPLICATE_ORDER_ID', 'Order already exists with the given order_id', { status: 'DUPLICATE_ORDER_ID', status_id: 40 })
    if (this.expire(mandate).status !== 'ACTIVE') return error(400, 'JP_852', 'Mandate is not active')
    if (amount === null) return error(400, 'Invalid', 'Amount not found in request.')
    if (amount > mandate.maxAmountPaise) return error(400, 'Invalid', `Order amount greater than mandate max amount (${minorToDecimal(mandate.maxAmountPaise)})`)
    if (mandate.amountRule === 'FIXED' && amount !== mandate.maxAmountPaise) return error(400, 'Invalid', 'Order amount not equal to mandate max amount for FIXED mandate')
    const now = this.clock.now().getTime()
    const order: SimOrder = {
      id: `ordeh_${randomBytes(12).toString('hex')}`,
      orderId,
      customerId: mandate.customerId,
      status: 'PENDING_VBV',
      statusId: 23,
      amountPaise: amount,
      created: now,
      method: { type: mandate.paymentMethod === 'CARD' ? 'CARD' : 'UPI', name: mandate.paymentMethod },
      bankError: null,
      refunds: [],
      refundsEndAs: 'SUCCESS',
      lastDateToRefund: null,
      mandateId: mandate.mandateId,
      udf: {},
      txnUuid: `euler${randomBytes(6).toString('hex')}`,
      chargeAt: now + this.config.executionSettleMs
    }
    this.orders.set(orderId.toLowerCase(), order)
    return { status: 200, body: { order_id: orderId, txn_id: `${this.config.merchantId}-${orderId}-1`, txn_uuid: order.txnUuid, status: 'PENDING_VBV' } }
  }

  /**
   * Settles what the clock says is due and delivers the webhooks waiting in the outbox, as the
   * mode says: Basic auth with the dashboard's credentials (or wrong ones), once, twice, newest
   * first, or not at all. Returns how many deliveries were attempted.
   */
  async deliverDue(): Promise<number> {
    this.settleAll()
    const url = this.config.webhookUrl
    if (!url || this.config.webhookMode === 'none') {
      this.outbox = []
      return 0
    }
    const now = this.clock.now().getTime()
    const due = this.outbox.filter((e) => e.dueAt <= now)
    this.outbox = this.outbox.filter((e) => e.dueAt > now)
    const ordered = this.config.webhookMode === 'out-of-order' ? [...due].reverse() : due
    const password = this.config.webhookMode === 'wrong-credentials' ? 'not-the-password' : this.config.webhookPassword
    const authorization = `Basic ${Buffer.from(`${this.config.webhookUser}:${password}`).toString('base64')}`
    let sent = 0
    for (const event of ordered) {
      const body = JSON.stringify({ id: event.id, date_created: new Date(event.at).toISOString(), event_name: event.name, content: event.content })
      let delivered = false
      for (let i = 0; i < (this.config.webhookMode === 'duplicate' ? 2 : 1); i++) {
        const status = await fetch(url, { method: 'POST', headers: { 'Content-Type': 'application/json', Authorization: authorization }, body })
          .then((r) => r.status)
          .catch(() => 'failed' as const)
        this.deliveries.push({ eventId: event.id, name: event.name, status })
        delivered ||= status === 200
        sent += 1
      }
      const wait = RETRY_AFTER_MS[event.attempts]
      if (!delivered && wait !== undefined) this.outbox.push({ ...event, attempts: event.attempts + 1, dueAt: now + wait })
    }
    return sent
  }

  private find(orderId: string): SimOrder | undefined {
    const order = this.orders.get(orderId.toLowerCase())
    return order ? this.settle(order) : undefined
  }

  private settleAll(): void {
    for (const order of this.orders.values()) this.settle(order)
  }

  /** Juspay's refund statement: every refund made here that succeeded, by Juspay's refund id, in rupees. */
  statement(): SimStatement {
    this.settleAll()
    const rows = [...this.orders.values()].flatMap((o) => o.refunds.filter((r) => r.status === 'SUCCESS' && !r.seeded).map((r) => ({ o, r }))).sort((a, b) => a.r.created - b.r.created)
    return {
      fileName: 'juspay-refunds.csv',
      csv:
        csvLine(['refund_id', 'order_id', 'unique_request_id', 'refund_date', 'refund_amount', 'status', 'arn']) +
        rows
          .map(({ o, r }) =>
            csvLine([
              csvField(r.id),
              csvField(o.orderId),
              csvField(r.uniqueRequestId),
              csvField(new Date(r.created).toISOString()),
              csvField(minorText(r.amountPaise, 'INR'), false),
              csvField(r.status),
              csvField(r.ref)
            ])
          )
          .join('')
    }
  }

  /** Moves refunds and mandate debits on as the clock says, queueing their webhooks. */
  private settle(order: SimOrder): SimOrder {
    const now = this.clock.now().getTime()
    if (order.chargeAt !== null && order.chargeAt <= now) {
      order.chargeAt = null
      order.status = 'CHARGED'
      order.statusId = 21
      this.event('ORDER_SUCCEEDED', { order: this.orderJson(order) })
    }
    for (const refund of order.refunds) {
      if (refund.status !== 'PENDING' || refund.settleAt > now) continue
      refund.status = refund.then
      if (refund.status === 'SUCCESS') refund.ref = `ARN${randomBytes(4).toString('hex').toUpperCase()}`
      if (!refund.notified) {
        refund.notified = true
        this.event(refund.status === 'SUCCESS' ? 'ORDER_REFUNDED' : refund.status === 'FAILURE' ? 'ORDER_REFUND_FAILED' : 'REFUND_MANUAL_REVIEW_NEEDED', { order: this.orderJson(order) })
      }
    }
    return order
  }

  private expire(mandate: SimMandate): SimMandate {
    if ((mandate.status === 'ACTIVE' || mandate.status === 'PAUSED') && mandate.end < this.clock.now().getTime()) mandate.status = 'EXPIRED'
    return mandate
  }

  private event(name: string, content: Record<string, unknown>): void {
    const at = this.clock.now().getTime()
    this.outbox.push({ id: `evt_V2_${randomBytes(16).toString('hex')}`, at: at + this.counter++, name, content, attempts: 0, dueAt: at })
  }

  private orderJson(order: SimOrder, fullGatewayResponse = false): Record<string, unknown> {
    const refunded = order.refunds.filter((r) => r.status === 'SUCCESS').reduce((sum, r) => sum + r.amountPaise, 0)
    const txnId = order.status === 'NEW' ? null : `${this.config.merchantId}-${order.orderId}-1`
    const charged = order.status === 'CHARGED' || order.status === 'AUTO_REFUNDED'
    return {
      id: order.id,
      order_id: order.orderId,
      merchant_id: this.config.merchantId,
      status: order.status,
      status_id: order.statusId,
      amount: minorToDecimal(order.amountPaise),
      currency: 'INR',
      date_created: new Date(order.created).toISOString().replace(/\.\d{3}Z$/, 'Z'),
      customer_id: order.customerId,
      customer_email: 'FILTERED',
      customer_phone: 'FILTERED',
      ...order.udf,
      txn_id: txnId,
      txn_uuid: order.status === 'NEW' ? null : order.txnUuid,
      gateway_id: 23,
      gateway_reference_id: charged ? `pay_${order.txnUuid.slice(-8)}` : null,
      bank_error_code: order.bankError?.code ?? '',
      bank_error_message: order.bankError?.message ?? '',
      payment_method_type: order.status === 'NEW' ? null : order.method.type,
      payment_method: order.status === 'NEW' ? null : order.method.name,
      auth_type: order.method.type === 'CARD' ? 'THREE_DS' : null,
      refunded: refunded === order.amountPaise,
      amount_refunded: minorToDecimal(refunded),
      effective_amount: minorToDecimal(order.amountPaise - refunded),
      // What can still be refunded: refunds on their way are held, as Juspay does.
      maximum_eligible_refund_amount: minorToDecimal(order.amountPaise - order.refunds.filter((r) => r.status !== 'FAILURE').reduce((sum, r) => sum + r.amountPaise, 0)),
      ...(order.lastDateToRefund ? { last_date_to_refund: order.lastDateToRefund, refund_supported: true } : {}),
      ...(order.method.type === 'CARD' && order.method.last4
        ? {
            card: {
              last_four_digits: order.method.last4,
              card_brand: order.method.cardBrand ?? order.method.name,
              card_type: 'CREDIT',
              card_issuer: 'HDFC Bank',
              card_isin: '411111',
              expiry_month: '12',
              expiry_year: '2030'
            }
          }
        : {}),
      ...(order.method.upiId ? { payer_vpa: order.method.upiId, payer_app_name: 'GPay' } : {}),
      ...(txnId
        ? {
            txn_detail: {
              txn_id: txnId,
              order_id: order.orderId,
              status: order.status,
              gateway: 'RAZORPAY',
              txn_amount: minorToDecimal(order.amountPaise),
              net_amount: minorToDecimal(order.amountPaise),
              currency: 'INR',
              error_code: order.bankError?.code ?? '',
              error_message: order.bankError?.message ?? ''
            },
            payment_gateway_response: {
              resp_code: charged ? 'SUCCESS' : (order.bankError?.code ?? 'PENDING'),
              resp_message: charged ? 'Transaction successful' : (order.bankError?.message ?? 'Pending'),
              rrn: charged ? String(40000000 + (order.created % 9999999)) : null,
              epg_txn_id: charged ? `pay_${order.txnUuid.slice(-8)}` : null,
              created: new Date(order.created + 30_000).toISOString(),
              ...(fullGatewayResponse ? { gateway_response: { status: 'captured', method: order.method.type.toLowerCase() } } : {})
            }
          }
        : {}),
      ...(order.refunds.length > 0
        ? {
            refunds: order.refunds.map((r) => ({
              id: r.id,
              unique_request_id: r.uniqueRequestId,
              ref: r.ref,
              amount: minorToDecimal(r.amountPaise),
              status: r.status,
              created: new Date(r.created).toISOString(),
              sent_to_gateway: true,
              initiated_by: 'API',
              refund_type: 'STANDARD',
              refund_source: 'RAZORPAY',
              error_code: r.status === 'FAILURE' ? 'REFUND_FAILED' : null,
              error_message: r.status === 'FAILURE' ? 'The bank declined the refund' : null
            }))
          }
        : {}),
      ...(order.mandateId ? { mandate: this.mandateJson(this.mandates.get(order.mandateId) ?? null) } : {})
    }
  }

  private mandateJson(m: SimMandate | null): Record<string, unknown> | null {
    if (!m) return null
    return {
      mandate_id: m.mandateId,
      mandate_token: `tkn_${m.mandateId.toLowerCase()}`,
      mandate_status: m.status,
      mandate_type: m.type,
      max_amount: minorToDecimal(m.maxAmountPaise),
      amount_rule: m.amountRule,
      frequency: m.frequency,
      rule_type: 'ON',
      rule_value: 1,
      start_date: String(Math.floor(m.start / 1000)),
      end_date: String(Math.floor(m.end / 1000)),
      revokable_by_customer: m.revokableByCustomer,
      block_fund: false,
      customer_id: m.customerId,
      payment_info: { payment_method_type: m.paymentMethod === 'CARD' ? 'CARD' : m.paymentMethod, payment_method: m.paymentMethod }
    }
  }
}
