import { TillError } from '../../../../shared/errors'
import type { GiftOrder, GiftOrderLookup, GiftOrderStatus, GiftSale, SellInput } from '../../../../shared/domain/giftcards'
import { dayBounds } from '../../../../shared/time'
import type { StaffSummary } from '../../../../shared/domain/staff'
import { inr } from '../../../../shared/money'
import { crashPoint } from '../../journal/crash-points'
import { readJson } from '../../journal/journal-store'
import type { ProviderContext } from '../module'
import type { HubbleConnection } from './connection'
import { paiseOf, toBrand } from './map'
import type { GiftOrdersRepo } from './orders-repo'
import { cardsOf, maskedCards, PLACE_ORDER, PlaceOrderResultSchema, type PlaceOrderOperation } from './place-order'

export { GIVE_UP_AFTER_MINUTES, POLL_AT_MINUTES } from './poll-schedule'
import { checkSale } from './rules'
import { WireBrandSchema, type WireOrder } from './wire'
import { GIVE_UP_AFTER_MINUTES, PollSchedule } from './poll-schedule'

/** A failure the till itself decided on a timer: Hubble's later word overrides it. */
export const NO_ANSWER = 'NO_ANSWER'

/** Hubble's status of an order as the till records it; null for a status the till does not know. */
function localStatusOf(hubbleStatus: string): GiftOrderStatus | null {
  switch (hubbleStatus.toUpperCase()) {
    case 'SUCCESS':
      return 'succeeded'
    case 'FAILED':
    case 'CANCELLED':
      return 'failed'
    case 'REVERSED':
      return 'reversed'
    case 'PROCESSING':
      return 'processing'
    default:
      return null
  }
}

/** Selling gift cards, following orders Hubble is still processing, the catalogue and the wallet. */
export class GiftCardSales {
  /** Polls of orders Hubble is still processing, on the clock that never jumps. */
  readonly polls: PollSchedule

  constructor(
    private readonly ctx: ProviderContext,
    private readonly connection: HubbleConnection,
    private readonly orders: GiftOrdersRepo,
    private readonly placeOrder: PlaceOrderOperation,
    wake: () => void
  ) {
    this.polls = new PollSchedule(ctx.monotonic, wake)
    for (const order of this.orders.processing()) this.polls.watch(order.referenceId, order.polls)
  }

  /** An order moved: one Hubble is processing is followed from now, any other is not. */
  noteOrder(referenceId: string): void {
    const order = this.orders.get(referenceId)
    if (order?.status === 'processing') this.polls.watch(referenceId, 0)
    else this.polls.forget(referenceId)
  }

  /** Checks the brand's rules, journals the order with a referenceId made once, places it, and answers with the cards (shown whole once). */
  async sell(input: SellInput, actor: StaffSummary | null): Promise<GiftSale> {
    const brand = this.orders.brand(input.productId)
    if (!brand)
      throw new TillError('not_found', 'This brand is not in the till’s catalogue, or is not sold now. Sync the catalogue, or choose another brand.', { params: { reason: 'gift_brand_unknown' } })
    const total = checkSale(brand, input)
    const { referenceId, claimed } = this.ctx.db
      .transaction(() => {
        const ref = this.ctx.identity.nextReference('gift')
        this.orders.insert({
          referenceId: ref,
          productId: brand.id,
          brandTitle: brand.title,
          amountPaise: total,
          lines: input.lines.map((l) => ({ denominationPaise: l.denomination, quantity: l.quantity })),
          customer: input.customer,
          staffId: actor?.id ?? null,
          at: this.ctx.now().toISOString()
        })
        this.ctx.audit.append({
          actor,
          action: 'gift_card_sale_requested',
          subject: ref,
          outcome: 'ok',
          detail: { brand: brand.title, amount: total, currency: 'INR', cards: input.lines.reduce((n, l) => n + l.quantity, 0) }
        })
        const id = this.ctx.journal.insert({
          key: `${PLACE_ORDER}:${ref}`,
          provider: 'hubble',
          operation: PLACE_ORDER,
          subject: ref,
          payload: { referenceId: ref, productId: brand.id, amountPaise: total, lines: input.lines.map((l) => ({ denominationPaise: l.denomination, quantity: l.quantity })), customer: input.customer }
        })
        return { referenceId: ref, claimed: this.ctx.worker.claimInside(id) }
      })
      .immediate()
    crashPoint('after-journal-write')
    const row = await this.ctx.worker.runClaimed(claimed)
    const result = row ? readJson(row.result, PlaceOrderResultSchema) : null
    if (row?.state === 'rejected' && result?.status === 'NOT_PLACED') {
      const reason = result.failure?.code === 'NOT_SET_UP' ? 'not_set_up' : result.failure?.code === 'CREDENTIALS_REFUSED' ? 'credentials_refused' : 'unreachable'
      throw new TillError('provider_unreachable', `Nothing was sold: ${row.last_error ?? 'Hubble could not be reached'}.`, { params: { reason, provider: 'Hubble', missing: row.last_error ?? '' } })
    }
    return { order: this.view(referenceId), cards: this.placeOrder.takeCards(referenceId) }
  }

  view(referenceId: string): GiftOrder {
    const order = this.orders.get(referenceId)
    if (!order) throw new TillError('not_found', `There is no gift card order ${referenceId} on this till.`)
    return order
  }

  /**
   * Orders Hubble is still processing: polled by id 1, 3, 6, 10 and 14 minutes after placing
   * (on the monotonic clock), and failed on the till's side at 15 minutes for a manager to
   * reconcile, until Hubble says otherwise (a callback or a lookup corrects it).
   */
  async followUp(): Promise<number> {
    let moved = 0
    try {
      for (const order of this.orders.processing()) {
        this.polls.watch(order.referenceId, order.polls)
        const due = this.polls.due(order.referenceId)
        if (due === null) continue
        const at = this.ctx.now().toISOString()
        if (due === 'give_up') {
          this.orders.update(order.referenceId, {
            status: 'failed',
            failure: { code: NO_ANSWER, message: `Hubble was still processing after ${GIVE_UP_AFTER_MINUTES} minutes; check the order with Hubble` },
            settled: true,
            at
          })
          this.ctx.log.warn('gift card order failed on our side: still processing', { referenceId: order.referenceId, orderId: order.orderId })
          this.polls.forget(order.referenceId)
          this.ctx.events.emit('giftcards:changed', this.view(order.referenceId))
          moved += 1
          continue
        }
        if (!order.orderId) continue
        const answer = await (await this.connection.client()).order(order.orderId, order.referenceId)
        this.polls.polled(order.referenceId)
        this.orders.addRequestId(order.referenceId, answer.requestId)
        this.orders.update(order.referenceId, { status: 'processing', poll: true, at })
        if (answer.kind !== 'ok') continue
        if (this.applyHubble(order.referenceId, answer.value, 'poll').moved) moved += 1
      }
    } finally {
      this.polls.arm()
    }
    return moved
  }

  /**
   * Hubble's word on one of this till's orders (from a poll, a callback confirmed by asking
   * Hubble, or a lookup) outranks what the till guessed: a PROCESSING order settles, a failure
   * the till decided on its timer is corrected, and a sold order Hubble reversed is reversed.
   * Hubble's own FAILED and a reversal are final; an order waiting for a manager stays theirs.
   */
  private applyHubble(referenceId: string, wire: WireOrder, source: 'poll' | 'callback' | 'lookup'): { moved: boolean; outcome: string } {
    const order = this.view(referenceId)
    const status = wire.status.toUpperCase()
    const target = localStatusOf(status)
    if (target === null) return { moved: false, outcome: `Hubble says ${status}, which the till does not know` }
    if (target === order.status) return { moved: false, outcome: `already ${order.status}` }
    const tillGuess = order.status === 'failed' && order.failure?.code === NO_ANSWER
    const open = order.status === 'processing' || order.status === 'verifying' || order.status === 'placing'
    const reversal = order.status === 'succeeded' && target === 'reversed'
    if (!open && !tillGuess && !reversal) return { moved: false, outcome: `already ${order.status}; Hubble says ${status}` }
    const at = this.ctx.now().toISOString()
    const cards = target === 'succeeded' ? cardsOf(wire) : null
    if (cards) this.placeOrder.keepCards(referenceId, cards)
    this.ctx.db
      .transaction(() => {
        this.orders.update(referenceId, {
          status: target,
          ...(wire.id ? { orderId: wire.id } : {}),
          ...(cards ? { cards: maskedCards(cards) } : {}),
          failure: target === 'failed' ? { code: status, message: wire.failureReason ?? status } : null,
          clearFailure: target !== 'failed',
          ...(tillGuess ? { correctedFrom: order.status } : {}),
          settled: target !== 'processing',
          at
        })
        if (tillGuess) {
          this.ctx.audit.append({
            actor: null,
            action: 'provider_corrected',
            subject: referenceId,
            outcome: 'ok',
            detail: { provider: 'hubble', was: `${order.status} (no answer from Hubble in ${GIVE_UP_AFTER_MINUTES} minutes)`, now: target, hubbleStatus: status, learntFrom: source }
          })
        }
        if (target === 'reversed') {
          this.ctx.audit.append({
            actor: null,
            action: 'gift_card_sale_reversed',
            subject: referenceId,
            outcome: 'ok',
            detail: { orderId: wire.id, amount: order.amount.amount, currency: order.amount.currency, learntFrom: source }
          })
        }
      })
      .immediate()
    if (tillGuess || target === 'reversed') this.ctx.log.warn('Hubble corrected a gift card order', { referenceId, was: order.status, now: target, learntFrom: source })
    this.noteOrder(referenceId)
    this.ctx.events.emit('giftcards:changed', this.view(referenceId))
    return { moved: true, outcome: `order ${status.toLowerCase()}${tillGuess ? ` (corrected from ${order.status})` : ''}` }
  }

  /** An order as Hubble knows it, placed here or anywhere else; never with whole card numbers or PINs. */
  async lookup(by: { orderId: string } | { referenceId: string }): Promise<GiftOrderLookup> {
    const client = await this.connection.client()
    const answer = 'orderId' in by ? await client.order(by.orderId) : await client.orderByReference(by.referenceId)
    if (answer.kind === 'refused' && answer.error.id === 'E001') {
      throw new TillError('not_found', 'Hubble has no such order. Check the id and try again.', { requestId: answer.requestId, params: { reason: 'gift_order_unknown' } })
    }
    if (answer.kind !== 'ok')
      throw new TillError('provider_unreachable', `Hubble could not be asked about the order (${answer.kind}).`, { requestId: answer.requestId, params: { reason: 'unreachable', provider: 'Hubble' } })
    const order = answer.value
    const local = this.orders.get(order.referenceId) ?? null
    if (local) {
      this.orders.addRequestId(local.referenceId, answer.requestId)
      this.applyHubble(local.referenceId, order, 'lookup')
    }
    return {
      orderId: order.id,
      referenceId: order.referenceId,
      hubbleStatus: order.status.toUpperCase(),
      cards: maskedCards(cardsOf(order)),
      failureReason: order.failureReason ?? null,
      local: local ? this.view(local.referenceId) : null,
      requestId: answer.requestId
    }
  }

  /**
   * The cards of a sale that settled after its answer (a lost answer the till recovered, an order
   * Hubble finished processing): as a plain success shows them, once, while the till still holds
   * them in memory; otherwise fetched again from Hubble and audited like Show the cards again.
   */
  async cardsOfSale(referenceId: string, actor: StaffSummary | null): Promise<GiftSale> {
    const order = this.view(referenceId)
    const held = order.status === 'succeeded' ? this.placeOrder.takeCards(referenceId) : []
    return held.length > 0 ? { order, cards: held } : this.showAgain(referenceId, actor)
  }

  /** The cards of an issued order, whole, fetched again from Hubble (they are never kept); audited. */
  async showAgain(referenceId: string, actor: StaffSummary | null): Promise<GiftSale> {
    const order = this.view(referenceId)
    if (order.status !== 'succeeded' || !order.orderId) throw new TillError('conflict', `Order ${referenceId} has no issued cards to show.`, { params: { reason: 'gift_no_cards' } })
    const answer = await (await this.connection.client()).order(order.orderId, referenceId)
    if (answer.kind !== 'ok')
      throw new TillError('provider_unreachable', `Hubble could not be asked for the cards (${answer.kind}).`, { requestId: answer.requestId, params: { reason: 'unreachable', provider: 'Hubble' } })
    this.orders.addRequestId(referenceId, answer.requestId)
    const cards = cardsOf(answer.value)
    this.ctx.audit.append({
      actor,
      action: 'gift_cards_shown',
      subject: referenceId,
      outcome: 'ok',
      detail: {
        cards: cards.length,
        last4: maskedCards(cards)
          .map((c) => c.last4 ?? 'PIN')
          .join(' ')
      }
    })
    return { order: this.view(referenceId), cards }
  }

  /** This till's orders, newest first; a day is the store's calendar day. */
  list(filter: { status?: GiftOrder['status']; day?: string; limit: number }, timeZone: string): GiftOrder[] {
    const bounds = filter.day ? dayBounds(filter.day, timeZone) : null
    return this.orders.list({ ...(filter.status ? { status: filter.status } : {}), ...(bounds ? { from: bounds.from, to: bounds.to } : {}), limit: filter.limit })
  }

  /**
   * A callback said an order reached a terminal state: the body alone is not trusted, the order
   * is fetched from Hubble and applied if it is one of ours. Returns what happened, for the inbox.
   */
  async confirmOrder(orderId: string): Promise<string> {
    const known = this.orders.byOrderId(orderId)
    const answer = await (await this.connection.client()).order(orderId, known?.referenceId)
    if (answer.kind !== 'ok') throw new Error(`Hubble could not be asked about order ${orderId} (${answer.kind})`)
    const order = this.orders.byOrderId(orderId) ?? this.orders.get(answer.value.referenceId)
    if (!order) return 'not an order of this till'
    this.orders.addRequestId(order.referenceId, answer.requestId)
    return this.applyHubble(order.referenceId, answer.value, 'callback').outcome
  }

  /** Fetches the whole catalogue and keeps it; brands the till cannot use are kept as such, not shown. */
  async syncCatalogue(): Promise<{ brands: number; active: number }> {
    const answer = await (await this.connection.client()).products()
    if (answer.kind !== 'ok')
      throw new TillError('provider_unreachable', `The catalogue could not be fetched from Hubble (${answer.kind}).`, {
        requestId: answer.requestId,
        params: { reason: 'unreachable', provider: 'Hubble' }
      })
    const at = this.ctx.now().toISOString()
    const entries = answer.value.data.flatMap((raw) => {
      const wire = WireBrandSchema.safeParse(raw)
      if (!wire.success) return []
      return [{ id: wire.data.id, title: wire.data.title, status: wire.data.status.toUpperCase(), brand: toBrand(wire.data, at) }]
    })
    this.ctx.db.transaction(() => this.orders.replaceCatalogue(entries, at)).immediate()
    return { brands: entries.length, active: entries.filter((e) => e.status === 'ACTIVE' && e.brand).length }
  }

  /**
   * The daily refresh, as housekeeping that catches up after the till was off. A catalogue never
   * fetched waits for the Gift cards screen's first use, so a till that sells none never calls Hubble.
   */
  async syncIfStale(): Promise<void> {
    const last = this.orders.lastSync()
    if (!last || this.ctx.now().getTime() - Date.parse(last) < 24 * 3600_000) return
    await this.syncCatalogue()
  }

  async wallet(): Promise<{ balance: ReturnType<typeof inr> }> {
    const answer = await (await this.connection.client()).wallet()
    if (answer.kind !== 'ok')
      throw new TillError('provider_unreachable', `The wallet balance could not be read from Hubble (${answer.kind}).`, {
        requestId: answer.requestId,
        params: { reason: 'unreachable', provider: 'Hubble' }
      })
    const balance = paiseOf(answer.value.balance) ?? 0
    this.noteBalance(balance)
    return { balance: inr(balance) }
  }

  /**
   * A balance seen, read or said by Hubble's Wallet Low Balance callback (with Hubble's own
   * threshold): below the higher of the store's threshold and Hubble's raises the alert, above
   * both clears it. A balance between them keeps the alert Hubble raised.
   */
  noteBalance(balancePaise: number, hubbleThresholdPaise?: number): void {
    if (hubbleThresholdPaise !== undefined) this.hubbleThresholdPaise = hubbleThresholdPaise
    const thresholdPaise = Math.max(this.thresholdPaise(), this.hubbleThresholdPaise ?? 0)
    this.low = balancePaise < thresholdPaise ? { balancePaise, thresholdPaise } : null
  }

  private hubbleThresholdPaise: number | null = null

  /** The wallet alert for the top bar, in rupees as people read them, or null. */
  walletLow(): { balance: string; threshold: string } | null {
    return this.low ? { balance: (this.low.balancePaise / 100).toFixed(2), threshold: (this.low.thresholdPaise / 100).toFixed(2) } : null
  }

  private low: { balancePaise: number; thresholdPaise: number } | null = null

  private thresholdPaise(): number {
    return (Number(this.ctx.settings.values()['lowBalanceRupees'] ?? 5000) || 0) * 100
  }
}
