import { z } from 'zod'
import { RedemptionSchema, SkuLineSchema, type Redemption, type SkuLine } from '../../../../shared/domain/redeem'
import type { Db } from '../../db/connection'
import { last4, type HistoryLedger } from '../../history/history-ledger'
import type { HistoryStatus } from '../../../../shared/domain/history'

export type BillStatus = Redemption['status']
export type BillFlow = 'direct' | 'reserve'

export interface BillRow {
  id: number
  bill_number: string
  status: BillStatus
  flow: BillFlow
  total_vnd: number | null
  skus: string
  transaction_id: string | null
  problem: string | null
  staff_id: string | null
  created_at: string
  settled_at: string | null
}

/** A bill as History is told of it, with whether History has it already. */
type TrackedBill = BillRow & { updated_at: string; offline_accepted: number; offline_approved_by: string | null; in_history: 0 | 1 }

export interface VoucherRow {
  code: string
  value_vnd: number | null
  amount_vnd: number
}

/** Why a bill was refused, as stored on it and shown to the cashier. */
export const BillProblemSchema = RedemptionSchema.shape.problem.unwrap()
export type BillProblem = z.infer<typeof BillProblemSchema>

const SkusSchema = z.array(SkuLineSchema)

/** A bill's place in History; an open or given-up bill is there only once it was being redeemed. */
const HISTORY_STATUS: Record<BillStatus, HistoryStatus | null> = { redeeming: 'open', verifying: 'open', redeemed: 'done', rejected: 'failed', needs_review: 'review', open: null, abandoned: null }

/** How a bill already in History shows there: an open or given-up bill enters History only once it went to redemption. */
function historyStatusOf(status: BillStatus): HistoryStatus {
  return HISTORY_STATUS[status] ?? (status === 'abandoned' ? 'failed' : 'open')
}

/** All SQL on Got It bills and the vouchers on them. */
export class BillsRepo {
  constructor(
    private readonly db: Db,
    private readonly history: HistoryLedger
  ) {}

  /**
   * Tells History where a bill stands (amount, masked codes, who, offline or not), by its number or
   * its id; `at` is the bill's own `updated_at` when not given. A bill that has no place in History
   * yet and is not there is left out.
   */
  private track(key: { billNumber: string } | { id: number }, at?: string): void {
    const bill = this.db
      .prepare<[string | number], TrackedBill>(
        `SELECT b.*, EXISTS (SELECT 1 FROM history h WHERE h.provider = 'gotit' AND h.kind = 'redemption' AND h.ref = b.bill_number) AS in_history
         FROM bills b WHERE ${'id' in key ? 'b.id' : 'b.bill_number'} = ?`
      )
      .get('id' in key ? key.id : key.billNumber)
    if (!bill || (!HISTORY_STATUS[bill.status] && bill.in_history === 0)) return
    const billNumber = bill.bill_number
    const vouchers = this.vouchers(bill.id)
    this.history.record({
      provider: 'gotit',
      kind: 'redemption',
      ref: billNumber,
      status: historyStatusOf(bill.status),
      detailStatus: bill.status,
      amount: { amount: vouchers.reduce((sum, v) => sum + v.amount_vnd, 0), currency: 'VND' },
      staffId: bill.staff_id,
      approvedById: bill.offline_approved_by,
      offline: bill.offline_accepted === 1,
      summary: vouchers.map((v) => `••••${last4(v.code)}`).join(' '),
      journalSubject: billNumber,
      callSubject: billNumber,
      terms: [...vouchers.map((v) => last4(v.code)), ...(bill.transaction_id ? [bill.transaction_id] : [])],
      providerRef: bill.transaction_id,
      at: at ?? bill.updated_at
    })
  }

  get(billNumber: string): BillRow | undefined {
    return this.db.prepare<[string], BillRow>('SELECT * FROM bills WHERE bill_number = ?').get(billNumber)
  }

  insert(bill: { billNumber: string; status: BillStatus; flow: BillFlow; staffId: string | null; at: string; offlineApprovedBy?: string | null }): BillRow {
    const row = this.db
      .prepare<[string, BillStatus, BillFlow, string | null, string, string, number, string | null], BillRow>(
        'INSERT INTO bills (bill_number, status, flow, staff_id, created_at, updated_at, offline_accepted, offline_approved_by) VALUES (?, ?, ?, ?, ?, ?, ?, ?) RETURNING *'
      )
      .get(bill.billNumber, bill.status, bill.flow, bill.staffId, bill.at, bill.at, bill.offlineApprovedBy ? 1 : 0, bill.offlineApprovedBy ?? null)
    if (!row) throw new Error(`bill ${bill.billNumber} was not written`)
    // A new number cannot be in History yet: a checked bill enters it only once it goes to redemption.
    if (HISTORY_STATUS[bill.status]) this.track({ id: row.id }, bill.at)
    return row
  }

  vouchers(billId: number): VoucherRow[] {
    return this.db.prepare<[number], VoucherRow>('SELECT code, value_vnd, amount_vnd FROM bill_vouchers WHERE bill_id = ? ORDER BY position').all(billId)
  }

  /** Replaces what a check found on an open bill. */
  replaceChecked(billId: number, bill: { totalVnd: number | null; skus: SkuLine[]; at: string }, vouchers: { code: string; valueVnd: number | null; amountVnd: number }[]): void {
    this.db.prepare("UPDATE bills SET total_vnd = ?, skus = ?, status = 'open', problem = NULL, updated_at = ? WHERE id = ?").run(bill.totalVnd, JSON.stringify(bill.skus), bill.at, billId)
    this.db.prepare('DELETE FROM bill_vouchers WHERE bill_id = ?').run(billId)
    this.insertVouchers(billId, vouchers)
  }

  insertVouchers(billId: number, vouchers: { code: string; valueVnd: number | null; amountVnd: number }[]): void {
    const insert = this.db.prepare('INSERT INTO bill_vouchers (bill_id, position, code, value_vnd, amount_vnd) VALUES (?, ?, ?, ?, ?)')
    vouchers.forEach((v, position) => insert.run(billId, position, v.code, v.valueVnd, v.amountVnd))
    this.track({ id: billId })
  }

  skus(bill: BillRow): SkuLine[] {
    return SkusSchema.parse(JSON.parse(bill.skus))
  }

  problem(bill: BillRow): BillProblem | null {
    if (!bill.problem) return null
    return BillProblemSchema.parse(JSON.parse(bill.problem))
  }

  markRedeeming(billId: number, staffId: string | null, at: string): void {
    this.db.prepare("UPDATE bills SET status = 'redeeming', staff_id = COALESCE(?, staff_id), updated_at = ? WHERE id = ?").run(staffId, at, billId)
    this.track({ id: billId }, at)
  }

  setStatus(billNumber: string, status: BillStatus, at: string, extra: { transactionId?: string | null; problem?: BillProblem | null; settled?: boolean } = {}): void {
    this.db
      .prepare('UPDATE bills SET status = ?, transaction_id = COALESCE(?, transaction_id), problem = ?, settled_at = ?, updated_at = ? WHERE bill_number = ?')
      .run(status, extra.transactionId ?? null, extra.problem ? JSON.stringify(extra.problem) : null, extra.settled ? at : null, at, billNumber)
    // Only the status (and perhaps Got It's transaction id) changed: the entry moves, unless it is not in History yet.
    const moved = this.history.moveStatus({
      provider: 'gotit',
      kind: 'redemption',
      ref: billNumber,
      status: historyStatusOf(status),
      detailStatus: status,
      at,
      terms: extra.transactionId ? [extra.transactionId] : [],
      providerRef: extra.transactionId ?? null
    })
    if (!moved) this.track({ billNumber }, at)
  }

  /**
   * RESERVE_FLOW bills that may still hold vouchers at Got It and will not be redeemed: refused or
   * given up, or open and untouched since `staleBefore`. Whether codes are really held is the
   * journal's to say.
   */
  mayHoldReservations(staleBefore: string, reserveOperation: string): BillRow[] {
    return this.db
      .prepare<[string, string], BillRow>(
        `SELECT b.* FROM bills b
         WHERE b.flow = 'reserve'
           AND (b.status IN ('abandoned', 'rejected') OR (b.status = 'open' AND b.updated_at < ?))
           AND EXISTS (SELECT 1 FROM journal j WHERE j.subject = b.bill_number AND j.operation = ? AND j.state <> 'rejected')
         ORDER BY b.id`
      )
      .all(staleBefore, reserveOperation)
  }

  /** Bills redeemed since a moment: how many and how much. */
  redeemedSince(since: string): { count: number; amount: number } {
    return this.db
      .prepare("SELECT count(DISTINCT b.id) AS count, COALESCE(sum(v.amount_vnd), 0) AS amount FROM bills b JOIN bill_vouchers v ON v.bill_id = b.id WHERE b.status = 'redeemed' AND b.settled_at > ?")
      .get(since) as { count: number; amount: number }
  }

  /** Accepted offline and not settled yet: how many bills and how much. */
  offlineOpen(): { count: number; amount: number } {
    return this.db
      .prepare(
        "SELECT count(DISTINCT b.id) AS count, COALESCE(sum(v.amount_vnd), 0) AS amount FROM bills b JOIN bill_vouchers v ON v.bill_id = b.id WHERE b.offline_accepted = 1 AND b.status IN ('verifying', 'needs_review', 'redeeming')"
      )
      .get() as { count: number; amount: number }
  }

  /** Accepted offline since a moment (the start of the shift), settled or not. */
  offlineSince(since: string): { count: number; amount: number } {
    return this.db
      .prepare('SELECT count(DISTINCT b.id) AS count, COALESCE(sum(v.amount_vnd), 0) AS amount FROM bills b JOIN bill_vouchers v ON v.bill_id = b.id WHERE b.offline_accepted = 1 AND b.created_at > ?')
      .get(since) as { count: number; amount: number }
  }
}
