import { credentialsRefused, refusesCredentials } from '../../journal/credentials-refused'
import type { StaffSummary } from '../../../../shared/domain/staff'
import { maskCode } from '../../../../shared/domain/voucher-code'
import type { JournalRow } from '../../journal/journal-store'
import { readJson } from '../../journal/journal-store'
import type { AttemptResult, OperationHandler } from '../../journal/worker'
import type { JournalOperation } from '../../journal/journal-operation'
import type { ProviderContext } from '../module'
import { gmt7Today, isRequestRefusal, requestFailure } from './answers'
import type { RefusalClassifier } from './classify'
import { BillProblemSchema, type BillProblem, type BillsRepo } from './bills-repo'
import type { GotItConnection } from './connection'
import { gmt7DateTimeToUtc } from './gmt7'
import { usedBillNumber } from './map'
import { MarkUsePayloadSchema, MarkUseResultSchema, type MarkUseResult } from './payloads'
import type { WireResponse } from './wire'

/**
 * The journal operation that marks a bill's vouchers used. Sent once; an outcome that is not
 * known is verified with a check of each code on our bill number before anything is sent again.
 */
export class MarkUseOperation implements JournalOperation {
  readonly label = { en: 'Got It mark use', vi: 'Đánh dấu đã dùng Got It' }
  readonly handler: OperationHandler

  constructor(
    private readonly ctx: ProviderContext,
    private readonly connection: GotItConnection,
    private readonly bills: BillsRepo,
    private readonly classifier: RefusalClassifier,
    private readonly onSettled: (billNumber: string) => void
  ) {
    this.handler = {
      send: (row) => this.send(row),
      verify: (row) => this.verify(row),
      settle: (row, outcome) => this.settleBill(row, outcome),
      settled: (row) => {
        if (row.subject) this.onSettled(row.subject)
      }
    }
  }

  settleByHand(row: JournalRow, outcome: 'succeeded' | 'rejected', actor: StaffSummary): void {
    this.settleBill(
      row,
      outcome === 'succeeded'
        ? { to: 'succeeded', requestId: null, result: { transactionId: null, resolvedBy: actor.id } }
        : { to: 'rejected', requestId: null, note: `resolved by ${actor.name}`, result: { reason: 'unresolved', resolvedBy: actor.id } }
    )
  }

  private async send(row: JournalRow): Promise<AttemptResult> {
    const payload = MarkUsePayloadSchema.parse(JSON.parse(row.payload))
    let client
    try {
      client = await this.connection.client()
    } catch (error) {
      const note = error instanceof Error ? error.message : String(error)
      return payload.queueWhenOffline ? { to: 'pending', requestId: null, note } : { to: 'rejected', requestId: null, note, result: { reason: 'provider_unreachable' } }
    }
    const answer = await client.markUse({
      codes: payload.codes,
      billNumber: payload.billNumber,
      ...(payload.totalBill === undefined ? {} : { totalBill: payload.totalBill }),
      ...(payload.skus === undefined ? {} : { skus: payload.skus }),
      direct: payload.flow === 'direct'
    })
    // A queued mark use (accepted offline) cannot go while Got It refuses the till's store PIN: it waits for a manager.
    if (answer.kind === 'auth_failed' && payload.queueWhenOffline && refusesCredentials(answer)) return credentialsRefused('Got It', answer.requestId, answer.message)
    if (answer.kind === 'not_sent' || answer.kind === 'auth_failed' || (answer.kind === 'unreadable' && answer.status === 429)) {
      const note = answer.kind === 'unreadable' ? 'Got It asked us to slow down (429)' : answer.kind === 'auth_failed' ? `not sent: ${answer.message}` : `not sent: ${answer.reason}`
      return payload.queueWhenOffline || answer.kind === 'unreadable'
        ? { to: 'pending', requestId: answer.requestId, note }
        : { to: 'rejected', requestId: answer.requestId, note, result: { reason: 'provider_unreachable' } }
    }
    if (answer.kind !== 'response') return { to: 'unknown', requestId: answer.requestId, note: answer.kind === 'no_answer' ? `no usable answer: ${answer.reason}` : `HTTP ${answer.status}` }
    const response = answer.response
    if (response.success) {
      return { to: 'succeeded', requestId: answer.requestId, result: { transactionId: response.transaction_id ?? null, usedAt: gmt7DateTimeToUtc(response.data?.[0]?.redemptions?.used_date) } }
    }
    const item = response.data?.[0]
    // "Already used" on our own bill: an earlier attempt got through. Verify rather than trust one code.
    if (item && item.state === 4 && usedBillNumber(item) === payload.billNumber) {
      return { to: 'unknown', requestId: answer.requestId, note: 'Got It says a code is already used on this bill; verifying' }
    }
    const { refusal: problem } = this.classifier.classify(response, item, gmt7Today(this.ctx.now()))
    if (isRequestRefusal(problem)) {
      const failure = requestFailure(problem, response, answer.requestId)
      return { to: 'rejected', requestId: answer.requestId, note: failure.message, result: { reason: problem === 'invalid_store_pin' ? 'invalid_store_pin' : 'refused', response } }
    }
    const note = `Got It refused ${item ? maskCode(item.code) : 'the bill'}: ${response.message_en ?? problem}`
    if (payload.queueWhenOffline) {
      // Accepted offline and now refused: the customer already left with the goods. A manager decides.
      return { to: 'needs_review', requestId: answer.requestId, note: `${note} (accepted offline on bill ${payload.billNumber})`, result: { reason: problem, response } }
    }
    return { to: 'rejected', requestId: answer.requestId, note, result: { reason: problem, response } }
  }

  /** docs/providers/gotit.md §9: check each code on our bill: used by us = done; still redeemable = safe to send again. */
  private async verify(row: JournalRow): Promise<AttemptResult> {
    const payload = MarkUsePayloadSchema.parse(JSON.parse(row.payload))
    const client = await this.connection.client()
    const ours: string[] = []
    const free: string[] = []
    const other: { code: string; response: WireResponse }[] = []
    let requestId: string | null = null
    for (const code of payload.codes) {
      const answer = await client.check({ codes: [code], billNumber: payload.billNumber, direct: payload.flow === 'direct' })
      if (answer.kind !== 'response') return { to: 'unknown', requestId: answer.requestId, note: `could not verify yet: ${answer.kind}` }
      requestId = answer.requestId
      const item = answer.response.data?.[0]
      if (answer.response.success) free.push(code)
      else if (item && item.state === 4 && usedBillNumber(item) === payload.billNumber) ours.push(code)
      else other.push({ code, response: answer.response })
    }
    if (ours.length === payload.codes.length) return { to: 'succeeded', requestId, note: 'verified: used on this bill', result: { transactionId: null, verifiedBy: 'check' } }
    if (free.length === payload.codes.length) return { to: 'pending', requestId, note: 'verified: not used yet, safe to send again', retryAfterMs: 0 }
    const first = other[0]
    if (ours.length === 0 && first) {
      const { refusal: problem } = this.classifier.classify(first.response, first.response.data?.[0], gmt7Today(this.ctx.now()))
      const note = `verified: ${maskCode(first.code)} cannot be used (${problem})`
      if (payload.queueWhenOffline) return { to: 'needs_review', requestId, note: `${note}; accepted offline on bill ${payload.billNumber}`, result: { reason: problem } }
      return { to: 'rejected', requestId, note, result: { reason: problem, response: first.response } }
    }
    return { to: 'needs_review', requestId, note: `verified: ${ours.length} used on this bill, ${free.length} not used, ${other.length} refused` }
  }

  /** The bill follows its mark use, in the same transaction as the journal move. */
  private settleBill(row: JournalRow, outcome: AttemptResult): void {
    if (!row.subject) return
    const at = this.ctx.now().toISOString()
    const result: MarkUseResult = 'result' in outcome && outcome.result !== undefined ? (MarkUseResultSchema.safeParse(outcome.result).data ?? {}) : (readJson(row.result, MarkUseResultSchema) ?? {})
    switch (outcome.to) {
      case 'succeeded':
        this.bills.setStatus(row.subject, 'redeemed', at, { transactionId: result.transactionId ?? null, settled: true })
        break
      case 'rejected': {
        const reason = result.reason ?? 'refused'
        if (reason === 'provider_unreachable') {
          // Nothing left the till: the bill is open again and the cashier is told Got It is unreachable.
          this.bills.setStatus(row.subject, 'open', at)
          break
        }
        const response = result.response
        const problem: BillProblem = {
          reason: BillProblemSchema.shape.reason.safeParse(reason).data ?? 'refused',
          code: response?.data?.[0]?.code ?? null,
          message: response ? { en: response.message_en ?? '', vi: response.message_vi ?? '', code: response.return_code ?? null } : null
        }
        this.bills.setStatus(row.subject, 'rejected', at, { problem, settled: true })
        break
      }
      case 'needs_review':
        this.bills.setStatus(row.subject, 'needs_review', at, { problem: { reason: 'unresolved', code: null, message: null } })
        break
      default:
        this.bills.setStatus(row.subject, 'verifying', at)
    }
  }
}
