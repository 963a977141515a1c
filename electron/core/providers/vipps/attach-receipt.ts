import { isDeepStrictEqual } from 'node:util'
import { z } from 'zod'
import { VippsProblemSchema } from '../../../../shared/domain/receipts'
import type { StaffSummary } from '../../../../shared/domain/staff'
import type { JournalRow } from '../../journal/journal-store'
import type { AttemptResult, OperationHandler } from '../../journal/worker'
import { credentialsRefused, refusesCredentials } from '../../journal/credentials-refused'
import type { JournalOperation } from '../../journal/journal-operation'
import type { ProviderContext } from '../module'
import type { AttachmentsRepo } from './attachments-repo'
import { credentialsProblem, problemOf, VIPPS, type VippsAnswer } from './client'
import type { VippsConnection } from './connection'

export const ATTACH_RECEIPT = 'vipps.attachReceipt'

export const AttachReceiptPayloadSchema = z.object({ msn: z.string(), paymentType: z.string(), orderId: z.string(), receipt: z.record(z.string(), z.unknown()) })
type Payload = z.infer<typeof AttachReceiptPayloadSchema>

/**
 * Attaching a receipt to a payment is a journal row written before the call. Vipps keeps one
 * receipt per payment, so it is sent once: a 409 whose stored receipt is ours counts as success,
 * one that is not ours goes to a manager, and an unknown outcome is verified with a GET first.
 */
export class AttachReceiptOperation implements JournalOperation {
  readonly label = { en: 'Vipps MobilePay receipt', vi: 'Biên lai Vipps MobilePay' }
  readonly handler: OperationHandler

  constructor(
    private readonly ctx: ProviderContext,
    private readonly connection: VippsConnection,
    private readonly attachments: AttachmentsRepo
  ) {
    this.handler = { send: (row) => this.send(row), verify: (row) => this.verify(row), settle: (row, outcome) => this.settle(row, outcome) }
  }

  settleByHand(row: JournalRow, outcome: 'succeeded' | 'rejected', actor: StaffSummary): void {
    const p = AttachReceiptPayloadSchema.parse(JSON.parse(row.payload))
    this.attachments.update(
      p.msn,
      p.paymentType,
      p.orderId,
      outcome === 'succeeded' ? 'attached' : 'refused',
      outcome === 'rejected' ? { title: 'Settled by a manager', detail: actor.name, trace: null } : null,
      this.ctx.now().toISOString()
    )
    this.changed(p)
  }

  /** Tells the screens where the receipt stands now. */
  private changed(p: Payload): void {
    const view = this.attachments.get(p.msn, p.paymentType, p.orderId)
    if (view) this.ctx.events.emit('receipts:changed', view)
  }

  private async send(row: JournalRow): Promise<AttemptResult> {
    const p = AttachReceiptPayloadSchema.parse(JSON.parse(row.payload))
    const { client } = await this.connection.client()
    const answer = await client.addReceipt(p.paymentType, p.orderId, p.receipt)
    this.note(p, answer)
    if (answer.kind === 'auth_failed' && refusesCredentials(answer)) return credentialsRefused(VIPPS, answer.requestId, answer.message, credentialsProblem(answer.message))
    if (answer.kind === 'not_sent' || answer.kind === 'auth_failed')
      return { to: 'pending', requestId: answer.requestId, note: answer.kind === 'not_sent' ? `not sent: ${answer.reason}` : `not sent: ${answer.message}` }
    if (answer.kind === 'no_answer') return { to: 'unknown', requestId: answer.requestId, note: `no usable answer: ${answer.reason}` }
    if (answer.kind === 'ok') return { to: 'succeeded', requestId: answer.requestId, result: { attached: true } }
    if (answer.status === 409) return this.compare(p, answer.requestId, 'Vipps already has a receipt for this payment: ')
    if (answer.status === 429 || answer.status === 423) return { to: 'pending', requestId: answer.requestId, note: `Vipps asked us to wait (${answer.status})` }
    return { to: 'rejected', requestId: answer.requestId, note: `Vipps refused the receipt (${answer.status})`, result: problemOf(answer.problem, answer.status) }
  }

  private async verify(row: JournalRow): Promise<AttemptResult> {
    return this.compare(AttachReceiptPayloadSchema.parse(JSON.parse(row.payload)), null, 'verified: ')
  }

  /** What Vipps holds for the payment decides: our receipt is done, none means send again, another one is a manager's. */
  private async compare(p: Payload, requestId: string | null, prefix: string): Promise<AttemptResult> {
    const { client } = await this.connection.client()
    const answer = await client.order(p.paymentType, p.orderId)
    this.note(p, answer)
    if (answer.kind === 'problem' && answer.status === 404) return { to: 'pending', requestId: answer.requestId, note: `${prefix}no receipt at Vipps, safe to send again`, retryAfterMs: 0 }
    if (answer.kind !== 'ok') return { to: 'unknown', requestId: answer.requestId ?? requestId, note: `${prefix}could not ask Vipps yet (${answer.kind})` }
    if (answer.value.receipt === undefined || answer.value.receipt === null)
      return { to: 'pending', requestId: answer.requestId, note: `${prefix}no receipt at Vipps, safe to send again`, retryAfterMs: 0 }
    if (isDeepStrictEqual(answer.value.receipt, p.receipt)) return { to: 'succeeded', requestId: answer.requestId, note: `${prefix}the stored receipt is ours`, result: { attached: true } }
    return {
      to: 'needs_review',
      requestId: answer.requestId,
      note: `${prefix}Vipps holds a different receipt for this payment`,
      result: { title: 'Another receipt is attached', detail: 'Vipps keeps the first receipt of a payment; a manager should check which one is right.', trace: null }
    }
  }

  private settle(row: JournalRow, outcome: AttemptResult): void {
    const p = AttachReceiptPayloadSchema.parse(JSON.parse(row.payload))
    const at = this.ctx.now().toISOString()
    const problem = 'result' in outcome ? (VippsProblemSchema.safeParse(outcome.result).data ?? null) : null
    const status = outcome.to === 'succeeded' ? 'attached' : outcome.to === 'rejected' ? 'refused' : outcome.to === 'needs_review' ? 'needs_review' : outcome.to === 'unknown' ? 'verifying' : 'queued'
    this.attachments.update(p.msn, p.paymentType, p.orderId, status, problem, at)
    this.changed(p)
  }

  private note(p: Payload, answer: VippsAnswer<unknown>): void {
    this.attachments.addRequestId(p.msn, p.paymentType, p.orderId, answer.requestId)
  }
}
