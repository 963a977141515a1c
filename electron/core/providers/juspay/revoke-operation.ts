import { z } from 'zod'
import type { StaffSummary } from '../../../../shared/domain/staff'
import type { JournalRow } from '../../journal/journal-store'
import type { AttemptResult, OperationHandler } from '../../journal/worker'
import type { JournalOperation } from '../../journal/journal-operation'
import type { ProviderContext } from '../module'
import type { JuspayConnection } from './connection'

export const REVOKE_MANDATE = 'juspay.revokeMandate'

export const RevokePayloadSchema = z.object({ mandateId: z.string(), customerId: z.string() })

/**
 * Revoking a mandate is a journal row written before the call. A lost answer is verified with a
 * status check: REVOKED means it went through, still ACTIVE or PAUSED means it is safe to send
 * again, anything else (expired, failed) means there is nothing left to revoke.
 */
export class RevokeMandateOperation implements JournalOperation {
  readonly label = { en: 'Juspay mandate revoke', vi: 'Thu hồi ủy quyền Juspay' }
  readonly handler: OperationHandler

  constructor(
    private readonly connection: JuspayConnection,
    private readonly ctx: ProviderContext
  ) {
    this.handler = {
      send: (row) => this.send(row),
      verify: (row) => this.verify(row),
      settle: (row, outcome) => this.track(row, outcome.to === 'succeeded' ? 'succeeded' : outcome.to === 'rejected' ? 'rejected' : outcome.to)
    }
  }

  settleByHand(row: JournalRow, outcome: 'succeeded' | 'rejected', _actor: StaffSummary): void {
    this.track(row, outcome)
  }

  /** A mandate is Juspay's record; History keeps where the revoke stands. */
  private track(row: JournalRow, state: string): void {
    const p = RevokePayloadSchema.parse(JSON.parse(row.payload))
    const status = state === 'succeeded' ? 'done' : state === 'rejected' ? 'failed' : state === 'needs_review' ? 'review' : 'open'
    this.ctx.history.record({
      provider: 'juspay',
      kind: 'mandate_revoke',
      ref: row.key,
      status,
      detailStatus: state,
      summary: `mandate ${p.mandateId} of ${p.customerId}`,
      journalSubject: row.subject,
      callSubject: `mandate:${p.mandateId}`,
      terms: [p.mandateId, p.customerId],
      providerRef: p.mandateId,
      at: this.ctx.now().toISOString()
    })
  }

  private async send(row: JournalRow): Promise<AttemptResult> {
    const p = RevokePayloadSchema.parse(JSON.parse(row.payload))
    const answer = await (await this.connection.client()).revoke(p.mandateId, p.customerId)
    if (answer.kind === 'not_sent') return { to: 'pending', requestId: answer.requestId, note: `not sent: ${answer.reason}` }
    if (answer.kind === 'auth_failed') return { to: 'rejected', requestId: answer.requestId, note: answer.message, result: { code: 'access_denied', message: answer.message } }
    if (answer.kind === 'no_answer') return { to: 'unknown', requestId: answer.requestId, note: `no usable answer: ${answer.reason}` }
    if (answer.kind === 'ok') return { to: 'succeeded', requestId: answer.requestId, result: { status: answer.value.mandate_status } }
    if (answer.status === 429 || answer.status === 423) return { to: 'pending', requestId: answer.requestId, note: `Juspay asked us to wait (${answer.status})` }
    const code = answer.error.error_code ?? `http_${answer.status}`
    return { to: 'rejected', requestId: answer.requestId, note: `Juspay refused the revoke (${answer.status} ${code})`, result: { code, message: answer.error.error_message ?? '' } }
  }

  private async verify(row: JournalRow): Promise<AttemptResult> {
    const p = RevokePayloadSchema.parse(JSON.parse(row.payload))
    const answer = await (await this.connection.client()).mandateStatus(p.mandateId, p.customerId)
    if (answer.kind !== 'ok') return { to: 'unknown', requestId: answer.requestId, note: `could not ask Juspay yet (${answer.kind})` }
    const status = (answer.value.mandate_status ?? answer.value.status ?? '').toUpperCase()
    if (status === 'REVOKED') return { to: 'succeeded', requestId: answer.requestId, note: 'verified: the mandate is revoked', result: { status } }
    if (status === 'ACTIVE' || status === 'PAUSED') return { to: 'pending', requestId: answer.requestId, note: `verified: still ${status}, safe to send again`, retryAfterMs: 0 }
    return { to: 'rejected', requestId: answer.requestId, note: `verified: the mandate is ${status}`, result: { code: 'INVALID_ACTION', message: `The mandate is ${status}` } }
  }
}
