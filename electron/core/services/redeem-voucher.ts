import { z } from 'zod'
import { TillError } from '../../../shared/errors'
import {
  SkuLineSchema,
  type BillInput,
  type CheckedVoucher,
  type CheckResult,
  type OfflineAcceptInputSchema,
  type OfflineExposure,
  type Redemption
} from '../../../shared/domain/redeem'
import { isGotItCodeFormat, maskCode, normalizeCode } from '../../../shared/domain/voucher-code'
import type { StaffSummary } from '../../../shared/domain/staff'
import { sumMoney, vnd } from '../../../shared/money'
import type { CoreContext } from '../context'
import type { HistoryEntry, JournalRow, JournalStore } from '../journal/journal-store'
import type { AttemptResult, JournalWorker, OperationHandler } from '../journal/worker'
import type { CallLog } from '../providers/call-log'
import type { GotItAnswer } from '../providers/gotit/client'
import { gmt7DateTimeToUtc } from '../providers/gotit/gmt7'
import { problemOf, toCheckedVoucher, usedBillNumber } from '../providers/gotit/map'
import type { WireResponse } from '../providers/gotit/wire'
import { nextBillNumber } from './bill-number'
import { readPreferences } from '../db/repos/preferences-repo'
import { gotItClient } from './gotit-connection'
import { crashPoint } from '../journal/crash-points'

export const MARK_USE = 'gotit.markUse'
export const RESERVE = 'gotit.reserve'
export const UNRESERVE = 'gotit.unreserve'
export const DEFAULT_MAX_CODES_PER_BILL = 20

const MarkUsePayloadSchema = z.object({
  billNumber: z.string(),
  codes: z.array(z.string()).min(1),
  totalBill: z.number().int().optional(),
  skus: z.array(SkuLineSchema).optional(),
  /** Online redemption: if the request never left, nothing is queued (the cashier takes another payment). */
  queueWhenOffline: z.boolean(),
  flow: z.enum(['direct', 'reserve']).default('direct')
})
type MarkUsePayload = z.infer<typeof MarkUsePayloadSchema>

const ReservationPayloadSchema = z.object({
  billNumber: z.string(),
  codes: z.array(z.string()).min(1),
  billCreatedAt: z.string(),
  totalBill: z.number().int().optional(),
  skus: z.array(SkuLineSchema).optional()
})

interface BillRow {
  id: number
  bill_number: string
  status: Redemption['status']
  flow: 'direct' | 'reserve'
  total_vnd: number | null
  skus: string
  transaction_id: string | null
  problem: string | null
  created_at: string
  settled_at: string | null
}

interface VoucherRow {
  code: string
  value_vnd: number | null
  amount_vnd: number
}

function gmt7Today(now: Date): string {
  return new Date(now.getTime() + 7 * 3600 * 1000).toISOString().slice(0, 10)
}

/** An answer that is not a readable Got It response, as the error the cashier sees. */
function unreachable(answer: Exclude<GotItAnswer, { kind: 'response' }>): TillError {
  const why =
    answer.kind === 'not_sent'
      ? `Got It could not be reached (${answer.reason}).`
      : answer.kind === 'no_answer'
        ? `Got It did not answer usably (${answer.reason}${answer.status ? ` ${answer.status}` : ''}).`
        : `Got It answered HTTP ${answer.status} without a readable body.`
  return new TillError('provider_unreachable', why, { requestId: answer.requestId })
}

/** A failure that is about the whole request rather than a voucher [ASSUMED codes: the list is not public]. */
function requestFailure(response: WireResponse, requestId: string): TillError {
  const code = (response.return_code ?? '').toUpperCase()
  const said = `${response.message_en ?? ''} (${response.return_code ?? 'no code'})`
  if (code.includes('PIN')) return new TillError('invalid_store_pin', `Got It does not accept the store PIN: ${said}`, { requestId })
  if (code.includes('TOO_MANY') || code.includes('LIMIT')) return new TillError('too_many_codes', `Got It refused the number of codes: ${said}`, { requestId })
  return new TillError('provider_rejected', `Got It refused the request: ${said}`, { requestId })
}

/**
 * Redeeming Got It vouchers against a bill with DIRECT_FLOW: check, then mark use. The mark use
 * is a journal row written with the bill before the call; an outcome that is not known is
 * verified with a check on our bill number before anything is sent again.
 */
export class RedeemService {
  private worker: JournalWorker | null = null

  constructor(
    private readonly ctx: CoreContext,
    private readonly journal: JournalStore,
    private readonly callLog: CallLog
  ) {}

  attach(worker: JournalWorker): void {
    this.worker = worker
  }

  async check(input: BillInput, actor: StaffSummary | null): Promise<CheckResult> {
    const codes = input.codes.map(normalizeCode)
    if (new Set(codes).size !== codes.length) throw new TillError('invalid_input', 'A code is on the bill twice.')
    if (codes.length > DEFAULT_MAX_CODES_PER_BILL) {
      throw new TillError('too_many_codes', `A bill takes at most ${DEFAULT_MAX_CODES_PER_BILL} codes.`, { params: { max: DEFAULT_MAX_CODES_PER_BILL } })
    }
    const bill = this.openBill(input.billNumber, actor)
    const results = new Map<string, CheckedVoucher>()
    for (const code of codes.filter((c) => !isGotItCodeFormat(c))) results.set(code, this.unchecked(code, 'invalid_format'))
    let remaining = codes.filter(isGotItCodeFormat)
    let requestId = ''
    const client = remaining.length > 0 ? await gotItClient(this.ctx, this.callLog) : null
    // Got It names only the first failing code; check the rest again until every code is known.
    while (client && remaining.length > 0) {
      const answer = await client.check({
        codes: remaining,
        billNumber: bill.bill_number,
        ...(input.billTotal === undefined ? {} : { totalBill: input.billTotal }),
        ...(input.skus === undefined ? {} : { skus: input.skus }),
        direct: bill.flow === 'direct'
      })
      if (answer.kind !== 'response') throw unreachable(answer)
      requestId = answer.requestId
      const response = answer.response
      if (response.success) {
        for (const item of response.data ?? []) if (remaining.includes(item.code)) results.set(item.code, toCheckedVoucher(item, null, null))
        for (const code of remaining) if (!results.has(code)) results.set(code, { ...this.unchecked(code, 'refused'), checked: false })
        break
      }
      const item = response.data?.[0]
      if (!item || !remaining.includes(item.code)) throw requestFailure(response, answer.requestId)
      results.set(item.code, toCheckedVoucher(item, problemOf(item, response.return_code ?? null, gmt7Today(this.ctx.now())) ?? 'refused', response))
      remaining = remaining.filter((code) => code !== item.code)
    }
    const vouchers = codes.map((code) => results.get(code) ?? this.unchecked(code, 'refused'))
    this.ctx.db
      .transaction(() => {
        this.ctx.db
          .prepare("UPDATE bills SET total_vnd = ?, skus = ?, status = 'open', problem = NULL, updated_at = ? WHERE id = ?")
          .run(input.billTotal ?? null, JSON.stringify(input.skus ?? []), this.ctx.now().toISOString(), bill.id)
        this.ctx.db.prepare('DELETE FROM bill_vouchers WHERE bill_id = ?').run(bill.id)
        const insert = this.ctx.db.prepare('INSERT INTO bill_vouchers (bill_id, position, code, value_vnd, amount_vnd) VALUES (?, ?, ?, ?, ?)')
        vouchers.forEach((v, position) => insert.run(bill.id, position, v.code, v.value?.amount ?? null, v.amountToApply?.amount ?? 0))
      })
      .immediate()
    const allRedeemable = vouchers.every((v) => v.problem === null && v.amountToApply !== null)
    if (bill.flow === 'reserve' && allRedeemable) await this.reserve(bill, codes, input)
    return {
      billNumber: bill.bill_number,
      vouchers,
      allRedeemable,
      totalToApply: sumMoney('VND', vouchers.flatMap((v) => (v.amountToApply ? [v.amountToApply] : []))),
      requestId
    }
  }

  /** Marks the checked vouchers of a bill used. Answers once Got It has, or when the outcome is being verified. */
  async redeem(billNumber: string, actor: StaffSummary | null): Promise<Redemption> {
    const { journalId } = this.ctx.db
      .transaction(() => {
        const bill = this.bill(billNumber)
        if (bill.status !== 'open') throw new TillError('conflict', `Bill ${billNumber} is ${bill.status}; it cannot be redeemed again.`)
        const vouchers = this.vouchers(bill.id)
        if (vouchers.length === 0 || vouchers.some((v) => v.amount_vnd <= 0)) {
          throw new TillError('conflict', 'Check the vouchers first: every voucher on the bill must be valid.')
        }
        const attempt = (this.ctx.db.prepare('SELECT count(*) FROM journal WHERE subject = ?').pluck().get(billNumber) as number) + 1
        const payload: MarkUsePayload = {
          billNumber,
          codes: vouchers.map((v) => v.code),
          ...(bill.total_vnd === null ? {} : { totalBill: bill.total_vnd }),
          skus: z.array(SkuLineSchema).parse(JSON.parse(bill.skus)),
          queueWhenOffline: false,
          flow: bill.flow
        }
        const id = this.journal.insert({ key: `${MARK_USE}:${billNumber}:${attempt}`, provider: 'gotit', operation: MARK_USE, subject: billNumber, payload })
        this.ctx.db.prepare("UPDATE bills SET status = 'redeeming', staff_id = COALESCE(?, staff_id), updated_at = ? WHERE id = ?").run(actor?.id ?? null, this.ctx.now().toISOString(), bill.id)
        return { journalId: id }
      })
      .immediate()
    if (!this.worker) throw new TillError('internal', 'The journal worker is not running.')
    crashPoint('after-journal-write')
    const row = await this.worker.runNow(journalId)
    if (row?.state === 'rejected' && row.result && (JSON.parse(row.result) as { reason?: string }).reason === 'provider_unreachable') {
      const history = JSON.parse(row.history) as HistoryEntry[]
      throw new TillError('provider_unreachable', `Nothing was redeemed: ${row.last_error ?? 'Got It could not be reached'}.`, {
        requestId: history.at(-1)?.requestId ?? undefined
      })
    }
    return this.view(billNumber)
  }

  /**
   * Writes a bill and its mark use to the journal for the worker to send when Got It is
   * reachable (the queued path: offline acceptance, benchmarks). Returns the journal row id.
   */
  enqueueMarkUse(codes: { code: string; amount: number }[], actor: StaffSummary | null, approvedBy: StaffSummary | null = null): { billNumber: string; journalId: number } {
    return this.ctx.db
      .transaction(() => {
        const billNumber = nextBillNumber(this.ctx.db, this.ctx.tillId)
        const now = this.ctx.now().toISOString()
        const info = this.ctx.db
          .prepare(
            "INSERT INTO bills (bill_number, status, flow, staff_id, created_at, updated_at, offline_accepted, offline_approved_by) VALUES (?, 'verifying', 'direct', ?, ?, ?, ?, ?)"
          )
          .run(billNumber, actor?.id ?? null, now, now, approvedBy ? 1 : 0, approvedBy?.id ?? null)
        const insert = this.ctx.db.prepare('INSERT INTO bill_vouchers (bill_id, position, code, value_vnd, amount_vnd) VALUES (?, ?, ?, ?, ?)')
        codes.forEach((c, position) => insert.run(info.lastInsertRowid, position, c.code, c.amount, c.amount))
        const payload: MarkUsePayload = { billNumber, codes: codes.map((c) => c.code), queueWhenOffline: true, flow: 'direct' }
        const journalId = this.journal.insert({ key: `${MARK_USE}:${billNumber}:1`, provider: 'gotit', operation: MARK_USE, subject: billNumber, payload })
        return { billNumber, journalId }
      })
      .immediate()
  }

  /**
   * The offline policy: Got It cannot be reached, so the vouchers cannot be checked. Within the
   * caps and with a manager's PIN they are accepted and their mark use is queued; if Got It
   * later refuses one, the operation waits in the Queue for a manager.
   */
  async acceptOffline(input: z.infer<typeof OfflineAcceptInputSchema>, actor: StaffSummary | null): Promise<Redemption> {
    const policy = readPreferences(this.ctx.db).offlinePolicy
    if (!policy.enabled) throw new TillError('forbidden', 'Accepting vouchers offline is off at this store; a manager can turn it on in Settings.')
    const gotit = this.ctx.connectivity.list().find((status) => status.provider === 'gotit')
    if (gotit?.connectivity !== 'offline') throw new TillError('conflict', 'Got It can be reached: check the vouchers instead of accepting them offline.')
    const vouchers = input.vouchers.map((v) => ({ code: normalizeCode(v.code), amount: v.value }))
    if (new Set(vouchers.map((v) => v.code)).size !== vouchers.length) throw new TillError('invalid_input', 'A code is on the bill twice.')
    for (const v of vouchers) {
      if (!isGotItCodeFormat(v.code)) throw new TillError('invalid_input', `${maskCode(v.code)} is not a Got It code.`)
      if (v.amount > policy.perVoucherCap) {
        throw new TillError('invalid_input', `A voucher of ${v.amount} ₫ is above the offline limit of ${policy.perVoucherCap} ₫ per voucher.`, { params: { cap: policy.perVoucherCap } })
      }
    }
    const total = vouchers.reduce((sum, v) => sum + v.amount, 0)
    const shiftTotal = this.exposure().shiftTotal.amount
    if (shiftTotal + total > policy.perShiftCap) {
      throw new TillError('conflict', `Accepting ${total} ₫ more offline would pass this shift's limit of ${policy.perShiftCap} ₫ (${shiftTotal} ₫ already).`, {
        params: { cap: policy.perShiftCap, used: shiftTotal }
      })
    }
    const manager = await this.ctx.auth.approveAsManager(input.managerId, input.managerPin)
    const { billNumber } = this.ctx.db
      .transaction(() => {
        const queued = this.enqueueMarkUse(vouchers, actor, manager)
        this.ctx.audit.append({
          actor,
          action: 'offline_accepted',
          subject: queued.billNumber,
          outcome: 'ok',
          detail: { approvedBy: manager.name, total, codes: vouchers.map((v) => maskCode(v.code)).join(' ') }
        })
        return queued
      })
      .immediate()
    void this.worker?.drain()
    return this.view(billNumber)
  }

  /** What was accepted offline and is not settled yet, and this shift's offline total. */
  exposure(): OfflineExposure {
    const open = this.ctx.db
      .prepare(
        "SELECT count(DISTINCT b.id) AS count, COALESCE(sum(v.amount_vnd), 0) AS amount FROM bills b JOIN bill_vouchers v ON v.bill_id = b.id WHERE b.offline_accepted = 1 AND b.status IN ('verifying', 'needs_review', 'redeeming')"
      )
      .get() as { count: number; amount: number }
    const shiftStart = (this.ctx.db.prepare("SELECT at FROM audit_log WHERE action = 'shift_closed' ORDER BY id DESC LIMIT 1").pluck().get() as string | undefined) ?? ''
    const shift = this.ctx.db
      .prepare('SELECT COALESCE(sum(v.amount_vnd), 0) FROM bills b JOIN bill_vouchers v ON v.bill_id = b.id WHERE b.offline_accepted = 1 AND b.created_at > ?')
      .pluck()
      .get(shiftStart) as number
    return { count: open.count, amount: vnd(open.amount), shiftTotal: vnd(shift) }
  }

  /** Gives up a bill; in RESERVE_FLOW its reservations are released (journaled, so a release is never lost). */
  async abandon(billNumber: string): Promise<Redemption> {
    const bill = this.bill(billNumber)
    if (bill.status !== 'open' && bill.status !== 'rejected') return this.view(billNumber)
    const release = this.ctx.db
      .transaction(() => {
        this.ctx.db.prepare("UPDATE bills SET status = 'abandoned', updated_at = ? WHERE id = ?").run(this.ctx.now().toISOString(), bill.id)
        const reserved = this.reservedCodes(bill)
        if (reserved.length === 0) return null
        return this.journal.insert({
          key: `${UNRESERVE}:${billNumber}:${this.nextAttempt(billNumber)}`,
          provider: 'gotit',
          operation: UNRESERVE,
          subject: billNumber,
          payload: { billNumber, codes: reserved, billCreatedAt: bill.created_at }
        })
      })
      .immediate()
    if (release !== null) await this.worker?.runNow(release)
    return this.view(billNumber)
  }

  /** RESERVE_FLOW: lock the checked codes to this bill until it is redeemed or abandoned. */
  private async reserve(bill: BillRow, codes: string[], input: BillInput): Promise<void> {
    const id = this.ctx.db
      .transaction(() =>
        this.journal.insert({
          key: `${RESERVE}:${bill.bill_number}:${this.nextAttempt(bill.bill_number)}`,
          provider: 'gotit',
          operation: RESERVE,
          subject: bill.bill_number,
          payload: { billNumber: bill.bill_number, codes, billCreatedAt: bill.created_at, ...(input.billTotal === undefined ? {} : { totalBill: input.billTotal }), ...(input.skus ? { skus: input.skus } : {}) }
        })
      )
      .immediate()
    const row = await this.worker?.runNow(id)
    if (row?.state !== 'succeeded') {
      throw new TillError('provider_unreachable', `The vouchers could not be reserved for this bill: ${row?.last_error ?? 'no answer'}.`)
    }
  }

  /** Codes this bill holds reserved at Got It: reserved by a journal row and not released since. */
  private reservedCodes(bill: BillRow): string[] {
    const rows = this.ctx.db
      .prepare<[string, string, string], { operation: string; payload: string; state: string }>(
        'SELECT operation, payload, state FROM journal WHERE subject = ? AND operation IN (?, ?) ORDER BY id'
      )
      .all(bill.bill_number, RESERVE, UNRESERVE)
    const held = new Set<string>()
    for (const row of rows) {
      const codes = ReservationPayloadSchema.parse(JSON.parse(row.payload)).codes
      if (row.operation === RESERVE && row.state !== 'rejected') codes.forEach((c) => held.add(c))
      if (row.operation === UNRESERVE) codes.forEach((c) => held.delete(c))
    }
    return [...held]
  }

  private nextAttempt(billNumber: string): number {
    return (this.ctx.db.prepare('SELECT count(*) FROM journal WHERE subject = ?').pluck().get(billNumber) as number) + 1
  }

  /** Journal handlers for reserve and unreserve: send once; verify with a check of each code. */
  reservationHandler(operation: typeof RESERVE | typeof UNRESERVE): OperationHandler {
    const reserving = operation === RESERVE
    return {
      send: async (row) => {
        const payload = ReservationPayloadSchema.parse(JSON.parse(row.payload))
        const client = await gotItClient(this.ctx, this.callLog)
        const request = {
          codes: payload.codes,
          billNumber: payload.billNumber,
          billCreatedAt: new Date(payload.billCreatedAt),
          ...(payload.totalBill === undefined ? {} : { totalBill: payload.totalBill }),
          ...(payload.skus === undefined ? {} : { skus: payload.skus })
        }
        const answer = reserving ? await client.reserve(request) : await client.unreserve(request)
        if (answer.kind === 'not_sent') return reserving ? { to: 'rejected', requestId: answer.requestId, note: `not sent: ${answer.reason}`, result: {} } : { to: 'pending', requestId: answer.requestId, note: `not sent: ${answer.reason}` }
        if (answer.kind !== 'response') return { to: 'unknown', requestId: answer.requestId, note: `no usable answer (${answer.kind})` }
        if (answer.response.success) return { to: 'succeeded', requestId: answer.requestId, result: {} }
        const item = answer.response.data?.[0]
        // Releasing what is no longer reserved (used, or released before) has nothing left to do.
        if (!reserving && item && item.state !== 11) return { to: 'succeeded', requestId: answer.requestId, result: {}, note: 'already released' }
        return { to: 'rejected', requestId: answer.requestId, note: `Got It refused: ${answer.response.message_en ?? answer.response.return_code ?? ''}`, result: {} }
      },
      verify: async (row) => {
        const payload = ReservationPayloadSchema.parse(JSON.parse(row.payload))
        const client = await gotItClient(this.ctx, this.callLog)
        let ours = 0
        let requestId: string | null = null
        for (const code of payload.codes) {
          const answer = await client.check({ codes: [code], billNumber: payload.billNumber })
          if (answer.kind !== 'response') return { to: 'unknown', requestId: answer.requestId, note: `could not verify yet: ${answer.kind}` }
          requestId = answer.requestId
          const item = answer.response.data?.[0]
          if (item?.state === 11 && usedBillNumber(item) === payload.billNumber) ours += 1
        }
        if (reserving) {
          return ours === payload.codes.length
            ? { to: 'succeeded', requestId, result: {}, note: 'verified: reserved for this bill' }
            : { to: 'pending', requestId, note: 'verified: not reserved, safe to send again', retryAfterMs: 0 }
        }
        return ours === 0 ? { to: 'succeeded', requestId, result: {}, note: 'verified: released' } : { to: 'pending', requestId, note: 'verified: still reserved', retryAfterMs: 0 }
      }
    }
  }

  view(billNumber: string): Redemption {
    const bill = this.bill(billNumber)
    const vouchers = this.vouchers(bill.id)
    const last = this.ctx.db.prepare<[string], JournalRow>('SELECT * FROM journal WHERE subject = ? ORDER BY id DESC LIMIT 1').get(billNumber)
    const history = last ? (JSON.parse(last.history) as HistoryEntry[]) : []
    const requestId = [...history].reverse().find((h) => h.requestId)?.requestId ?? null
    return {
      billNumber,
      status: bill.status,
      flow: bill.flow,
      vouchers: vouchers.map((v) => ({ code: v.code, amount: vnd(v.amount_vnd) })),
      total: sumMoney(
        'VND',
        vouchers.map((v) => vnd(v.amount_vnd))
      ),
      transactionId: bill.transaction_id,
      problem: bill.problem ? (JSON.parse(bill.problem) as Redemption['problem']) : null,
      createdAt: bill.created_at,
      settledAt: bill.settled_at,
      requestId
    }
  }

  /** The journal handler for Got It mark use. */
  handler(): OperationHandler {
    return {
      send: (row) => this.sendMarkUse(row),
      verify: (row) => this.verifyMarkUse(row),
      settle: (row, outcome) => this.settleBill(row, outcome),
      settled: (row) => {
        if (row.subject) this.ctx.events.emit('redeem:changed', this.view(row.subject))
      }
    }
  }

  private async sendMarkUse(row: JournalRow): Promise<AttemptResult> {
    const payload = MarkUsePayloadSchema.parse(JSON.parse(row.payload))
    let client
    try {
      client = await gotItClient(this.ctx, this.callLog)
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
    if (answer.kind === 'not_sent' || (answer.kind === 'unreadable' && answer.status === 429)) {
      const note = answer.kind === 'not_sent' ? `not sent: ${answer.reason}` : 'Got It asked us to slow down (429)'
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
    if (!item) {
      const failure = requestFailure(response, answer.requestId)
      return { to: 'rejected', requestId: answer.requestId, note: failure.message, result: { reason: failure.code === 'invalid_store_pin' ? 'invalid_store_pin' : 'refused', response } }
    }
    const problem = problemOf(item, response.return_code ?? null, gmt7Today(this.ctx.now())) ?? 'refused'
    const note = `Got It refused ${maskCode(item.code)}: ${response.message_en ?? problem}`
    if (payload.queueWhenOffline) {
      // Accepted offline and now refused: the customer already left with the goods. A manager decides.
      return { to: 'needs_review', requestId: answer.requestId, note: `${note} (accepted offline on bill ${payload.billNumber})`, result: { reason: problem, response } }
    }
    return { to: 'rejected', requestId: answer.requestId, note, result: { reason: problem, response } }
  }

  /** gotit.md §9: check each code on our bill: used by us = done; still redeemable = safe to send again. */
  private async verifyMarkUse(row: JournalRow): Promise<AttemptResult> {
    const payload = MarkUsePayloadSchema.parse(JSON.parse(row.payload))
    const client = await gotItClient(this.ctx, this.callLog)
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
    if (ours.length === 0 && other.length > 0) {
      const first = other[0]
      const item = first?.response.data?.[0]
      const problem = problemOf(item, first?.response.return_code ?? null, gmt7Today(this.ctx.now())) ?? 'refused'
      const note = `verified: ${maskCode(first?.code ?? '')} cannot be used (${problem})`
      if (payload.queueWhenOffline) return { to: 'needs_review', requestId, note: `${note}; accepted offline on bill ${payload.billNumber}`, result: { reason: problem } }
      return { to: 'rejected', requestId, note, result: { reason: problem, response: first?.response } }
    }
    return { to: 'needs_review', requestId, note: `verified: ${ours.length} used on this bill, ${free.length} not used, ${other.length} refused` }
  }

  /** A manager settled a mark use by hand: the bill follows. */
  settleByHand(row: JournalRow, outcome: 'succeeded' | 'rejected'): void {
    if (row.operation !== MARK_USE) return
    this.settleBill(
      row,
      outcome === 'succeeded'
        ? { to: 'succeeded', requestId: null, result: { transactionId: null } }
        : { to: 'rejected', requestId: null, note: 'resolved by a manager', result: { reason: 'unresolved' } }
    )
  }

  private settleBill(row: JournalRow, outcome: AttemptResult): void {
    if (!row.subject) return
    const now = this.ctx.now().toISOString()
    const update = (status: Redemption['status'], extra: { transactionId?: string | null; problem?: Redemption['problem']; settled?: boolean }) =>
      this.ctx.db
        .prepare('UPDATE bills SET status = ?, transaction_id = COALESCE(?, transaction_id), problem = ?, settled_at = ?, updated_at = ? WHERE bill_number = ?')
        .run(status, extra.transactionId ?? null, extra.problem ? JSON.stringify(extra.problem) : null, extra.settled ? now : null, now, row.subject)
    switch (outcome.to) {
      case 'succeeded': {
        const result = outcome.result as { transactionId: string | null }
        update('redeemed', { transactionId: result.transactionId, settled: true })
        break
      }
      case 'rejected': {
        const result = (outcome.result ?? {}) as { reason?: string; response?: WireResponse }
        const reason = (result.reason ?? 'refused') as NonNullable<Redemption['problem']>['reason'] | 'provider_unreachable'
        if (reason === 'provider_unreachable') {
          // Nothing left the till: the bill is open again and the cashier is told Got It is unreachable.
          update('open', {})
          break
        }
        const response = result.response
        update('rejected', {
          problem: {
            reason,
            code: response?.data?.[0]?.code ?? null,
            message: response ? { en: response.message_en ?? '', vi: response.message_vi ?? '', code: response.return_code ?? null } : null
          },
          settled: true
        })
        break
      }
      case 'needs_review':
        update('needs_review', { problem: { reason: 'unresolved', code: null, message: null } })
        break
      default:
        update('verifying', {})
    }
  }

  private openBill(billNumber: string | undefined, actor: StaffSummary | null): BillRow {
    if (billNumber !== undefined) {
      const bill = this.bill(billNumber)
      if (bill.status !== 'open' && bill.status !== 'rejected') throw new TillError('conflict', `Bill ${billNumber} is ${bill.status}; start a new bill.`)
      return bill
    }
    return this.ctx.db
      .transaction(() => {
        const number = nextBillNumber(this.ctx.db, this.ctx.tillId)
        const now = this.ctx.now().toISOString()
        this.ctx.db
          .prepare("INSERT INTO bills (bill_number, status, flow, staff_id, created_at, updated_at) VALUES (?, 'open', ?, ?, ?, ?)")
          .run(number, readPreferences(this.ctx.db).gotitFlow, actor?.id ?? null, now, now)
        return this.bill(number)
      })
      .immediate()
  }

  private bill(billNumber: string): BillRow {
    const bill = this.ctx.db.prepare<[string], BillRow>('SELECT * FROM bills WHERE bill_number = ?').get(billNumber)
    if (!bill) throw new TillError('not_found', `There is no bill ${billNumber} on this till.`)
    return bill
  }

  private vouchers(billId: number): VoucherRow[] {
    return this.ctx.db.prepare<[number], VoucherRow>('SELECT code, value_vnd, amount_vnd FROM bill_vouchers WHERE bill_id = ? ORDER BY position').all(billId)
  }

  private unchecked(code: string, problem: CheckedVoucher['problem']): CheckedVoucher {
    return {
      code,
      problem,
      state: null,
      value: null,
      amountToApply: null,
      voucherType: null,
      expiryDate: null,
      expiresAt: null,
      conditions: null,
      used: null,
      checked: problem !== 'refused',
      providerMessage: null
    }
  }
}

