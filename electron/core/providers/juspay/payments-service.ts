import { DEFAULT_CASHIER_REFUND_LIMIT_RUPEES } from '../../../../shared/providers/juspay'
import type { MandateView, PaymentOrder, TillRefund } from '../../../../shared/domain/payments'
import type { StaffSummary } from '../../../../shared/domain/staff'
import { TillError } from '../../../../shared/errors'
import type { ProviderContext } from '../module'
import { orderSubject, type JuspayAnswer } from './client'
import type { JuspayConnection } from './connection'
import { juspayFailure, mandateView, orderView, rupeesText } from './map'
import { acceptedOf, nextPoll, REFUND } from './refund-operation'
import { FINAL_REFUND_STATES, type RefundsRepo } from './refunds-repo'
import { REVOKE_MANDATE } from './revoke-operation'
import type { WireOrder } from './wire'

/** A refund's blocked reason as the reason of the error people read. */
const BLOCKED_REASON = { not_charged: 'juspay_not_refundable', nothing_left: 'juspay_nothing_left', not_supported: 'juspay_refund_unsupported', too_late: 'juspay_refund_too_late' } as const

function ok<T>(answer: JuspayAnswer<T>, what: string): { value: T; requestId: string } {
  if (answer.kind === 'ok') return { value: answer.value, requestId: answer.requestId }
  throw juspayFailure(answer, what)
}

/** Looking Juspay orders up, refunding them, changing unpaid ones, and customers' mandates. */
export class PaymentsService {
  constructor(
    private readonly ctx: ProviderContext,
    private readonly connection: JuspayConnection,
    private readonly refunds: RefundsRepo
  ) {}

  /** The most a cashier refunds without a manager, in paise. */
  cashierLimit(): number {
    const rupees = Number(this.ctx.settings.values()['cashierRefundLimitRupees'] ?? DEFAULT_CASHIER_REFUND_LIMIT_RUPEES)
    return Number.isFinite(rupees) && rupees >= 0 ? Math.round(rupees) * 100 : 200_000
  }

  async order(orderId: string): Promise<PaymentOrder> {
    const client = await this.connection.client()
    const answer = await client.order(orderId)
    if (answer.kind === 'error' && answer.status === 404) {
      throw new TillError('not_found', `Juspay has no order ${orderId}.`, { requestId: answer.requestId, params: { reason: 'juspay_unknown_order', orderId } })
    }
    const { value, requestId } = ok(answer, `the status of ${orderId}`)
    this.absorb(value)
    return this.view(value, requestId)
  }

  async execution(orderId: string): Promise<PaymentOrder> {
    const answer = await (await this.connection.client()).execution(orderId)
    if (answer.kind === 'error' && answer.status === 404) {
      throw new TillError('not_found', `Juspay has no mandate debit ${orderId}.`, { requestId: answer.requestId, params: { reason: 'juspay_unknown_order', orderId } })
    }
    const { value, requestId } = ok(answer, `the mandate debit ${orderId}`)
    return this.view(value, requestId)
  }

  /**
   * Checks the refund against Juspay's order as it is now, asks a manager above the cashier's
   * limit, then journals it with a unique_request_id made once and makes the first attempt.
   */
  async refund(
    input: { orderId: string; amount?: number | undefined; reason?: string | undefined; approval?: { managerId: string; managerPin: string } | undefined },
    actor: StaffSummary
  ): Promise<TillRefund> {
    const order = await this.order(input.orderId)
    if (order.refundBlocked) {
      throw new TillError('conflict', `Order ${order.orderId} cannot be refunded: ${order.refundBlocked} (status ${order.status}).`, {
        params: { reason: BLOCKED_REASON[order.refundBlocked], status: order.status, lastDate: order.lastDateToRefund ?? '' }
      })
    }
    const amount = input.amount ?? order.refundable.amount
    if (amount > order.refundable.amount) {
      throw new TillError('invalid_input', `At most ${rupeesText(order.refundable.amount)} of ${order.orderId} can be refunded; ${rupeesText(amount)} was asked for.`, {
        params: { reason: 'juspay_over_refund', refundable: rupeesText(order.refundable.amount), amount: rupeesText(amount) }
      })
    }
    let approvedBy: StaffSummary | null = null
    if (actor.role !== 'manager' && amount > this.cashierLimit()) {
      if (!input.approval) {
        throw new TillError('forbidden', `A refund above ${rupeesText(this.cashierLimit())} needs a manager.`, {
          params: { reason: 'juspay_refund_needs_manager', limit: rupeesText(this.cashierLimit()) }
        })
      }
      approvedBy = await this.ctx.auth.approveAsManager(input.approval.managerId, input.approval.managerPin)
    }
    const at = this.ctx.now().toISOString()
    const { claimed, uniqueRequestId } = this.ctx.db
      .transaction(() => {
        // Letters and digits, at most 21: what every Juspay page accepts; unique across this chain's tills.
        const uid = this.ctx.identity.nextReference('refund')
        this.refunds.insert({
          uniqueRequestId: uid,
          orderId: order.orderId,
          customerId: order.customerId,
          amountPaise: amount,
          staff: actor,
          approvedBy: approvedBy ? { id: approvedBy.id, name: approvedBy.name } : null,
          reason: input.reason ?? null,
          at
        })
        const rowId = this.ctx.journal.insert({
          key: `${REFUND}:${uid}`,
          provider: 'juspay',
          operation: REFUND,
          subject: uid,
          payload: { uniqueRequestId: uid, orderId: order.orderId, customerId: order.customerId, amountPaise: amount }
        })
        this.ctx.audit.append({
          actor,
          action: 'refund_requested',
          subject: uid,
          outcome: 'ok',
          detail: { orderId: order.orderId, amount: rupeesText(amount), currency: 'INR', approvedBy: approvedBy?.name ?? null, reason: input.reason ?? null }
        })
        return { claimed: this.ctx.worker.claimInside(rowId), uniqueRequestId: uid }
      })
      .immediate()
    await this.ctx.worker.runClaimed(claimed)
    return this.tillRefund(uniqueRequestId)
  }

  tillRefund(uniqueRequestId: string): TillRefund {
    const refund = this.refunds.get(uniqueRequestId)
    if (!refund) throw new TillError('not_found', `There is no refund ${uniqueRequestId} on this till.`)
    return refund
  }

  list(options: { orderId?: string | undefined; limit: number }): TillRefund[] {
    return this.refunds.list({ ...(options.orderId ? { orderId: options.orderId } : {}), limit: options.limit })
  }

  async update(input: { orderId: string; amount: number; udf?: Partial<Record<string, string>> | undefined }): Promise<PaymentOrder> {
    const fields: Record<string, string> = { amount: rupeesText(input.amount) }
    for (const [key, value] of Object.entries(input.udf ?? {})) if (value !== undefined) fields[key] = value
    const answer = await (await this.connection.client()).update(input.orderId, fields)
    if (answer.kind === 'error' && (answer.error.error_code ?? '').toUpperCase() === 'INVALID_ACTION') {
      throw new TillError('conflict', `Juspay will not change ${input.orderId}: ${answer.error.error_message ?? 'a transaction started'}.`, {
        requestId: answer.requestId,
        params: { reason: 'juspay_update_after_payment', orderId: input.orderId }
      })
    }
    if (answer.kind === 'error' && answer.status === 404)
      throw new TillError('not_found', `Juspay has no order ${input.orderId}.`, { requestId: answer.requestId, params: { reason: 'juspay_unknown_order', orderId: input.orderId } })
    const { value, requestId } = ok(answer, `the update of ${input.orderId}`)
    return this.view(value, requestId)
  }

  async mandates(customerId: string): Promise<MandateView[]> {
    const { value } = ok(await (await this.connection.client()).mandates(customerId), `the mandates of ${customerId}`)
    const now = this.ctx.now()
    return value.list.map((m) => mandateView(m, now))
  }

  async mandate(mandateId: string, customerId: string): Promise<MandateView> {
    const answer = await (await this.connection.client()).mandateStatus(mandateId, customerId)
    if (answer.kind === 'error' && answer.status === 404)
      throw new TillError('not_found', `Juspay has no mandate ${mandateId}.`, { requestId: answer.requestId, params: { reason: 'juspay_unknown_mandate', mandateId } })
    return mandateView(ok(answer, `mandate ${mandateId}`).value, this.ctx.now())
  }

  /** Revokes an active or paused mandate: checked first, journaled and audited before the call. */
  async revoke(
    mandateId: string,
    customerId: string,
    actor: StaffSummary
  ): Promise<{ mandateId: string; state: 'revoked' | 'queued' | 'verifying' | 'refused' | 'needs_review'; problem: { code: string; message: string } | null }> {
    const before = await this.mandate(mandateId, customerId)
    if (!before.revocable)
      throw new TillError('conflict', `Mandate ${mandateId} is ${before.rawStatus} and cannot be revoked.`, { params: { reason: 'juspay_mandate_not_active', status: before.rawStatus } })
    const id = this.ctx.db
      .transaction(() => {
        const key = `${REVOKE_MANDATE}:${mandateId}:${this.ctx.journal.countBySubject(`mandate:${mandateId}`) + 1}`
        const rowId = this.ctx.journal.insert({ key, provider: 'juspay', operation: REVOKE_MANDATE, subject: `mandate:${mandateId}`, payload: { mandateId, customerId } })
        this.ctx.history.record({
          provider: 'juspay',
          kind: 'mandate_revoke',
          ref: key,
          status: 'open',
          detailStatus: 'pending',
          staffId: actor.id,
          summary: `mandate ${mandateId} of ${customerId}`,
          journalSubject: `mandate:${mandateId}`,
          callSubject: `mandate:${mandateId}`,
          terms: [mandateId, customerId],
          providerRef: mandateId,
          at: this.ctx.now().toISOString()
        })
        this.ctx.audit.append({ actor, action: 'mandate_revoke_requested', subject: mandateId, outcome: 'ok', detail: { customerId, statusBefore: before.rawStatus } })
        return rowId
      })
      .immediate()
    const row = await this.ctx.worker.runNow(id)
    const state = row?.state === 'succeeded' ? 'revoked' : row?.state === 'rejected' ? 'refused' : row?.state === 'unknown' ? 'verifying' : row?.state === 'needs_review' ? 'needs_review' : 'queued'
    const result: unknown = row?.result ? JSON.parse(row.result) : null
    const problem = state === 'refused' && result && typeof result === 'object' && 'code' in result && 'message' in result ? { code: String(result.code), message: String(result.message) } : null
    return { mandateId, state, problem }
  }

  /** Asks Juspay about every refund whose next look is due (housekeeping, every minute). */
  async followUp(): Promise<void> {
    const due = this.refunds.due(this.ctx.now().toISOString())
    const orders = new Map(due.map((d) => [d.orderId.toLowerCase(), d]))
    for (const d of orders.values()) {
      const answer = await (await this.connection.client()).order(d.orderId)
      if (answer.kind === 'ok') this.absorb(answer.value, true)
      else
        for (const r of due.filter((x) => x.orderId.toLowerCase() === d.orderId.toLowerCase()))
          this.refunds.notePoll(r.uniqueRequestId, nextPoll(this.refunds.polls(r.uniqueRequestId), this.ctx.now()))
    }
  }

  /** A webhook named this order: what Juspay says when asked decides, never the webhook's body. */
  async confirmOrder(orderId: string): Promise<string> {
    const answer = await (await this.connection.client()).order(orderId)
    if (answer.kind !== 'ok') throw juspayFailure(answer, `the status of ${orderId}`)
    const changed = this.absorb(answer.value)
    return changed > 0 ? `confirmed: ${changed} refund(s) of ${orderId} moved on` : `confirmed: nothing of ours changed in ${orderId}`
  }

  shiftSummary(since: string): { count: number; paise: number } {
    return this.refunds.since(since)
  }

  /** Takes the states of this till's refunds from an order Juspay sent; returns how many moved on. */
  private absorb(order: WireOrder, polled = false): number {
    const now = this.ctx.now()
    let changed = 0
    for (const uid of this.refunds.ids(order.order_id)) {
      const mine = this.refunds.get(uid)
      const accepted = acceptedOf(order, uid)
      // Only refunds Juspay already took are followed here; one still in the journal is the journal's.
      if (!mine || !accepted || !['PENDING', 'MANUAL_REVIEW'].includes(mine.status)) continue
      if (accepted.status === mine.status) {
        // Only the follow-up's own look moves its schedule on; a cashier's lookup does not delay it.
        if (polled) this.refunds.notePoll(uid, nextPoll(this.refunds.polls(uid) + 1, now))
        continue
      }
      this.refunds.update(uid, {
        status: accepted.status,
        reference: accepted.reference,
        problem: accepted.status === 'FAILURE' ? { code: 'FAILURE', message: accepted.error ?? 'The refund failed at the bank' } : null,
        nextPollAt: FINAL_REFUND_STATES.has(accepted.status) ? null : nextPoll(this.refunds.polls(uid) + 1, now),
        at: now.toISOString()
      })
      changed += 1
      this.ctx.events.emit('payments:changed', this.tillRefund(uid))
    }
    return changed
  }

  private view(value: WireOrder, requestId: string): PaymentOrder {
    const base = orderView(value, this.refunds.ids(value.order_id), this.refunds.openOf(value.order_id), this.ctx.now())
    return { ...base, requestId, calls: this.ctx.http.log.about('juspay', orderSubject(value.order_id)) }
  }
}
