import { z } from 'zod'
import type { Card, GiftOrder } from '../../../../shared/domain/giftcards'
import type { StaffSummary } from '../../../../shared/domain/staff'
import { inr, minorToDecimal } from '../../../../shared/money'
import type { JournalRow } from '../../journal/journal-store'
import type { AttemptResult, OperationHandler } from '../../journal/worker'
import type { JournalOperation } from '../../journal/journal-operation'
import type { ProviderContext } from '../module'
import type { HubbleAnswer } from './client'
import type { HubbleConnection } from './connection'
import { last4, paiseOf } from './map'
import type { GiftOrdersRepo } from './orders-repo'
import type { WireOrder } from './wire'

export const PLACE_ORDER = 'hubble.placeOrder'

export const PlaceOrderPayloadSchema = z.object({
  referenceId: z.string(),
  productId: z.string(),
  amountPaise: z.number().int(),
  lines: z.array(z.object({ denominationPaise: z.number().int(), quantity: z.number().int() })),
  customer: z.object({ name: z.string(), phone: z.string(), email: z.string() })
})

/** What Hubble answered about the order; cards whole, kept in memory only for the sale's answer. */
export const PlaceOrderResultSchema = z.object({
  orderId: z.string().nullable(),
  status: z.string(),
  failure: z.object({ code: z.string(), message: z.string() }).nullable()
})
type PlaceOrderResult = z.infer<typeof PlaceOrderResultSchema>

export function cardsOf(order: WireOrder): Card[] {
  return (order.vouchers ?? []).map((v) => ({ id: v.id, cardNumber: v.cardNumber ?? null, cardPin: v.cardPin ?? null, validTill: v.validTill ?? null, amount: inr(paiseOf(v.amount) ?? 0) }))
}

/** Cards as they are kept: the last 4 of the card number, and of a PIN-only card nothing (a PIN's digits are never kept or shown). */
export function maskedCards(cards: Card[]): GiftOrder['cards'] {
  return cards.map((c) => ({ id: c.id, last4: c.cardNumber ? last4(c.cardNumber) : null, hasPin: c.cardPin !== null, validTill: c.validTill, amount: c.amount }))
}

/** Sales whose cards are held in memory for the cashier at once: a cashier who never comes back for them leaves at most this many. */
const CARDS_HELD = 50

/**
 * Placing a Hubble order is a journal row with a referenceId made once. Sent once; an unknown
 * outcome is verified with by-reference before anything is sent again: 404 means it was not
 * placed and the same referenceId goes again; found means that order is ours.
 */
export class PlaceOrderOperation implements JournalOperation {
  readonly label = { en: 'Gift card sale', vi: 'Bán thẻ quà tặng' }
  readonly handler: OperationHandler
  /** Cards of an answer, by referenceId, until the sale's caller takes them: never written to disk. */
  private readonly fresh = new Map<string, Card[]>()

  constructor(
    private readonly ctx: ProviderContext,
    private readonly connection: HubbleConnection,
    private readonly orders: GiftOrdersRepo,
    private readonly onSettled: (referenceId: string) => void
  ) {
    this.handler = {
      send: (row) => this.send(row),
      verify: (row) => this.verify(row),
      settle: (row, outcome) => this.settle(row, outcome),
      settled: (row) => {
        if (row.subject) this.onSettled(row.subject)
      }
    }
  }

  /** Holds a sale's whole cards (in memory only) for the cashier who sold it; the oldest held go first. */
  keepCards(referenceId: string, cards: Card[]): void {
    this.fresh.delete(referenceId)
    this.fresh.set(referenceId, cards)
    for (const held of this.fresh.keys()) {
      if (this.fresh.size <= CARDS_HELD) break
      this.fresh.delete(held)
    }
  }

  /** The whole cards of the latest answer for this sale, once. */
  takeCards(referenceId: string): Card[] {
    const cards = this.fresh.get(referenceId) ?? []
    this.fresh.delete(referenceId)
    return cards
  }

  settleByHand(row: JournalRow, outcome: 'succeeded' | 'rejected', actor: StaffSummary): void {
    if (!row.subject) return
    this.orders.update(row.subject, {
      status: outcome === 'succeeded' ? 'succeeded' : 'failed',
      failure: outcome === 'rejected' ? { code: 'MANUAL', message: `settled by ${actor.name}` } : null,
      settled: true,
      at: this.ctx.now().toISOString()
    })
  }

  private async send(row: JournalRow): Promise<AttemptResult> {
    const payload = PlaceOrderPayloadSchema.parse(JSON.parse(row.payload))
    let client
    try {
      client = await this.connection.client()
    } catch (error) {
      return { to: 'rejected', requestId: null, note: error instanceof Error ? error.message : String(error), result: notPlaced('NOT_SET_UP', 'Hubble is not set up') }
    }
    const answer = await client.placeOrder({
      productId: payload.productId,
      referenceId: payload.referenceId,
      amount: minorToDecimal(payload.amountPaise),
      denominationDetails: payload.lines.map((l) => ({ denomination: minorToDecimal(l.denominationPaise), quantity: l.quantity })),
      customerDetails: { name: payload.customer.name, phoneNumber: payload.customer.phone, email: payload.customer.email }
    })
    this.note(payload.referenceId, answer)
    if (answer.kind === 'not_sent' || answer.kind === 'auth_failed') {
      const why = answer.kind === 'not_sent' ? `not sent: ${answer.reason}` : answer.message
      return { to: 'rejected', requestId: answer.requestId, note: why, result: notPlaced(answer.kind === 'not_sent' ? 'UNREACHABLE' : 'CREDENTIALS_REFUSED', why) }
    }
    if (answer.kind === 'refused') {
      if (answer.status === 429) return { to: 'pending', requestId: answer.requestId, note: 'Hubble asked us to slow down (429)' }
      const failure = { code: answer.error.id, message: answer.error.message ?? answer.error.code ?? answer.error.id }
      return { to: 'rejected', requestId: answer.requestId, note: `Hubble refused the order: ${failure.code} ${failure.message}`, result: { orderId: null, status: 'REFUSED', failure } }
    }
    if (answer.kind !== 'ok') return { to: 'unknown', requestId: answer.requestId, note: `no usable answer (${answer.kind})` }
    return this.placed(payload.referenceId, answer.value, answer.requestId)
  }

  private async verify(row: JournalRow): Promise<AttemptResult> {
    const payload = PlaceOrderPayloadSchema.parse(JSON.parse(row.payload))
    const answer = await (await this.connection.client()).orderByReference(payload.referenceId)
    this.note(payload.referenceId, answer)
    if (answer.kind === 'refused' && answer.error.id === 'E001') {
      return { to: 'pending', requestId: answer.requestId, note: 'verified: not placed (404), safe to send again with the same referenceId', retryAfterMs: 0 }
    }
    if (answer.kind !== 'ok') return { to: 'unknown', requestId: answer.requestId, note: `could not verify yet: ${answer.kind}` }
    return this.placed(payload.referenceId, answer.value, answer.requestId, 'verified: ')
  }

  /** Hubble has an order for our referenceId: its status decides. PROCESSING is placed; polling follows it. */
  private placed(referenceId: string, order: WireOrder, requestId: string, prefix = ''): AttemptResult {
    const status = order.status.toUpperCase()
    const result: PlaceOrderResult = { orderId: order.id, status, failure: null }
    if (status === 'SUCCESS') this.keepCards(referenceId, cardsOf(order))
    if (status === 'FAILED' || status === 'CANCELLED') {
      return {
        to: 'rejected',
        requestId,
        note: `${prefix}Hubble failed the order: ${order.failureReason ?? status}`,
        result: { ...result, failure: { code: status, message: order.failureReason ?? status } }
      }
    }
    return { to: 'succeeded', requestId, note: `${prefix}order ${order.id} ${status}`, result }
  }

  private settle(row: JournalRow, outcome: AttemptResult): void {
    if (!row.subject) return
    const at = this.ctx.now().toISOString()
    if (outcome.to === 'succeeded' || outcome.to === 'rejected') {
      const result = PlaceOrderResultSchema.safeParse(outcome.result)
      if (!result.success) return
      const cards = this.fresh.get(row.subject)
      this.orders.update(row.subject, {
        status: outcome.to === 'rejected' ? 'failed' : result.data.status === 'SUCCESS' ? 'succeeded' : 'processing',
        orderId: result.data.orderId,
        ...(cards ? { cards: maskedCards(cards) } : {}),
        failure: result.data.failure,
        settled: outcome.to === 'rejected' || result.data.status === 'SUCCESS',
        at
      })
      return
    }
    this.orders.update(row.subject, { status: outcome.to === 'needs_review' ? 'needs_review' : outcome.to === 'unknown' ? 'verifying' : 'placing', at })
  }

  private note(referenceId: string, answer: HubbleAnswer<unknown>): void {
    this.orders.addRequestId(referenceId, answer.requestId)
  }
}

function notPlaced(code: string, message: string): PlaceOrderResult {
  return { orderId: null, status: 'NOT_PLACED', failure: { code, message } }
}
