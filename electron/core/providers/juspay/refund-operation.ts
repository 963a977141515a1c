import { z } from 'zod'
import type { RefundStatus } from '../../../../shared/domain/payments'
import type { StaffSummary } from '../../../../shared/domain/staff'
import type { JournalRow } from '../../journal/journal-store'
import type { AttemptResult, OperationHandler } from '../../journal/worker'
import type { JournalOperation } from '../../journal/journal-operation'
import type { ProviderContext } from '../module'
import type { JuspayAnswer } from './client'
import type { JuspayConnection } from './connection'
import { refundView, rupeesText } from './map'
import type { RefundsRepo } from './refunds-repo'
import type { WireOrder } from './wire'

export const REFUND = 'juspay.refund'

export const RefundPayloadSchema = z.object({ uniqueRequestId: z.string(), orderId: z.string(), customerId: z.string().nullable(), amountPaise: z.number().int().positive() })
type Payload = z.infer<typeof RefundPayloadSchema>

/** What became of the refund at Juspay once it took the request. */
const AcceptedSchema = z.object({
  status: z.enum(['PENDING', 'SUCCESS', 'FAILURE', 'MANUAL_REVIEW']),
  juspayRefundId: z.string().nullable(),
  reference: z.string().nullable(),
  error: z.string().nullable()
})
const RefusedSchema = z.object({ code: z.string(), message: z.string() })

/** Minutes after the refund was accepted at which the till asks Juspay again, then every six hours until it settles. */
export const REFUND_POLL_MINUTES = [1, 2, 5, 10, 30, 60]
const THEN_EVERY_MINUTES = 360

export function nextPoll(polls: number, from: Date): string {
  const minutes = REFUND_POLL_MINUTES[polls] ?? THEN_EVERY_MINUTES
  return new Date(from.getTime() + minutes * 60_000).toISOString()
}

/** Our refund in an order Juspay sent back, as the journal keeps it. */
export function acceptedOf(order: WireOrder, uniqueRequestId: string): z.infer<typeof AcceptedSchema> | null {
  const wire = (order.refunds ?? []).find((r) => r.unique_request_id === uniqueRequestId)
  if (!wire) return null
  const view = refundView(wire, true)
  const status = view.status === 'SUCCESS' || view.status === 'FAILURE' || view.status === 'MANUAL_REVIEW' ? view.status : 'PENDING'
  return { status, juspayRefundId: view.juspayRefundId, reference: view.reference, error: view.error }
}

/**
 * A refund is a journal row with a unique_request_id made once, written before the call. Sent
 * once per attempt; a lost answer (or Juspay's `duplicate.call`) is verified from the order's
 * refund list before anything is sent again, so one request never becomes two refunds.
 */
export class RefundOperation implements JournalOperation {
  readonly label = { en: 'Juspay refund', vi: 'Hoàn tiền Juspay' }
  readonly handler: OperationHandler

  constructor(
    private readonly ctx: ProviderContext,
    private readonly connection: JuspayConnection,
    private readonly refunds: RefundsRepo,
    private readonly onChanged: (uniqueRequestId: string) => void
  ) {
    this.handler = {
      send: (row) => this.send(row),
      verify: (row) => this.verify(RefundPayloadSchema.parse(JSON.parse(row.payload))),
      settle: (row, outcome) => this.settle(RefundPayloadSchema.parse(JSON.parse(row.payload)), outcome),
      settled: (row) => this.onChanged(RefundPayloadSchema.parse(JSON.parse(row.payload)).uniqueRequestId)
    }
  }

  settleByHand(row: JournalRow, outcome: 'succeeded' | 'rejected', actor: StaffSummary): void {
    const p = RefundPayloadSchema.parse(JSON.parse(row.payload))
    const at = this.ctx.now().toISOString()
    // A refund a manager says went through is still followed at Juspay until it settles there.
    if (outcome === 'succeeded') this.refunds.update(p.uniqueRequestId, { status: 'PENDING', nextPollAt: at, at })
    else this.refunds.update(p.uniqueRequestId, { status: 'refused', problem: { code: 'settled_by_hand', message: `settled by ${actor.name}` }, nextPollAt: null, at })
  }

  private async send(row: JournalRow): Promise<AttemptResult> {
    const p = RefundPayloadSchema.parse(JSON.parse(row.payload))
    const client = await this.connection.client()
    const answer = await client.refund(p.orderId, { uniqueRequestId: p.uniqueRequestId, amount: rupeesText(p.amountPaise) })
    this.note(p, answer)
    if (answer.kind === 'not_sent') return { to: 'pending', requestId: answer.requestId, note: `not sent: ${answer.reason}` }
    if (answer.kind === 'auth_failed') return { to: 'rejected', requestId: answer.requestId, note: answer.message, result: { code: 'access_denied', message: answer.message } }
    if (answer.kind === 'no_answer') return { to: 'unknown', requestId: answer.requestId, note: `no usable answer: ${answer.reason}` }
    if (answer.kind === 'ok') {
      const accepted = acceptedOf(answer.value, p.uniqueRequestId)
      return accepted ? { to: 'succeeded', requestId: answer.requestId, result: accepted } : { to: 'unknown', requestId: answer.requestId, note: 'Juspay answered without our refund in the order' }
    }
    const code = answer.error.error_code ?? ''
    // The id is taken: the first attempt reached Juspay after all. Which refund it made decides.
    if (code === 'duplicate.call') return this.verify(p)
    if (answer.status === 429 || answer.status === 423) return { to: 'pending', requestId: answer.requestId, note: `Juspay asked us to wait (${answer.status})` }
    return {
      to: 'rejected',
      requestId: answer.requestId,
      note: `Juspay refused the refund (${answer.status} ${code})`,
      result: { code: code || `http_${answer.status}`, message: answer.error.error_message ?? answer.error.user_message ?? '' }
    }
  }

  /** Reads the order: our unique_request_id among its refunds means it was made; absent means it is safe to send again. */
  private async verify(p: Payload): Promise<AttemptResult> {
    const client = await this.connection.client()
    const answer = await client.order(p.orderId)
    this.note(p, answer)
    if (answer.kind === 'ok') {
      const accepted = acceptedOf(answer.value, p.uniqueRequestId)
      if (accepted) return { to: 'succeeded', requestId: answer.requestId, note: 'verified: the refund is in the order’s refund list', result: accepted }
      return { to: 'pending', requestId: answer.requestId, note: 'verified: Juspay has no refund with our id, safe to send again', retryAfterMs: 0 }
    }
    if (answer.kind === 'error' && answer.status === 404)
      return { to: 'rejected', requestId: answer.requestId, note: 'the order is unknown at Juspay', result: { code: 'order_not_found', message: answer.error.error_message ?? 'Order not found' } }
    return { to: 'unknown', requestId: answer.requestId, note: `could not ask Juspay yet (${answer.kind})` }
  }

  private settle(p: Payload, outcome: AttemptResult): void {
    const at = this.ctx.now()
    const when = at.toISOString()
    if (outcome.to === 'succeeded') {
      const accepted = AcceptedSchema.parse(outcome.result)
      const open = accepted.status === 'PENDING' || accepted.status === 'MANUAL_REVIEW'
      this.refunds.update(p.uniqueRequestId, {
        status: accepted.status,
        juspayRefundId: accepted.juspayRefundId,
        reference: accepted.reference,
        problem: accepted.status === 'FAILURE' ? { code: 'FAILURE', message: accepted.error ?? 'The refund failed at the bank' } : null,
        nextPollAt: open ? nextPoll(0, at) : null,
        at: when
      })
      return
    }
    if (outcome.to === 'rejected') {
      this.refunds.update(p.uniqueRequestId, { status: 'refused', problem: RefusedSchema.safeParse(outcome.result).data ?? { code: 'refused', message: outcome.note }, nextPollAt: null, at: when })
      return
    }
    const status: RefundStatus = outcome.to === 'unknown' ? 'verifying' : outcome.to === 'needs_review' ? 'needs_review' : 'queued'
    this.refunds.update(p.uniqueRequestId, { status, at: when })
  }

  private note(p: Payload, answer: JuspayAnswer<unknown>): void {
    this.refunds.addRequestId(p.uniqueRequestId, answer.requestId)
  }
}
