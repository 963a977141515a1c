import { z } from 'zod'
import { RefundStatusSchema, type RefundStatus, type TillRefund } from '../../../../shared/domain/payments'
import { inr } from '../../../../shared/money'
import type { Db } from '../../db/connection'
import type { HistoryLedger } from '../../history/history-ledger'
import type { HistoryStatus } from '../../../../shared/domain/history'

interface Row {
  unique_request_id: string
  order_id: string
  customer_id: string | null
  amount_paise: number
  status: string
  juspay_refund_id: string | null
  reference: string | null
  problem: string | null
  staff_name: string
  approved_by: string | null
  approved_by_id: string | null
  request_ids: string
  created_at: string
  updated_at: string
  next_poll_at: string | null
  polls: number
}

const ProblemSchema = z.object({ code: z.string(), message: z.string() })

export interface NewRefund {
  uniqueRequestId: string
  orderId: string
  customerId: string | null
  amountPaise: number
  staff: { id: string; name: string }
  approvedBy: { id: string; name: string } | null
  reason: string | null
  at: string
}

/** Juspay's states that end a refund. */
export const FINAL_REFUND_STATES: ReadonlySet<RefundStatus> = new Set(['SUCCESS', 'FAILURE', 'refused'])

/** A refund's place in History: done only when the money went back. */
const HISTORY_STATUS: Record<RefundStatus, HistoryStatus> = {
  sending: 'open',
  queued: 'open',
  verifying: 'open',
  PENDING: 'open',
  SUCCESS: 'done',
  FAILURE: 'failed',
  MANUAL_REVIEW: 'review',
  refused: 'failed',
  needs_review: 'review'
}

/** All SQL of the refunds this till asked Juspay for. */
export class RefundsRepo {
  constructor(
    private readonly db: Db,
    private readonly history: HistoryLedger
  ) {}

  private track(uniqueRequestId: string, at: string): void {
    const row = this.db.prepare<[string], Row & { staff_id: string; reason: string | null }>('SELECT * FROM juspay_refunds WHERE unique_request_id = ?').get(uniqueRequestId)
    if (!row) return
    const status = RefundStatusSchema.parse(row.status)
    this.history.record({
      provider: 'juspay',
      kind: 'refund',
      ref: uniqueRequestId,
      status: HISTORY_STATUS[status],
      detailStatus: status,
      amount: inr(row.amount_paise),
      staffId: row.staff_id,
      approvedById: row.approved_by_id,
      summary: `order ${row.order_id}${row.reason ? ` · ${row.reason}` : ''}`,
      journalSubject: uniqueRequestId,
      callSubject: `order:${row.order_id.toLowerCase()}`,
      terms: [row.order_id, ...(row.reference ? [row.reference] : []), ...(row.juspay_refund_id ? [row.juspay_refund_id] : [])],
      providerRef: row.juspay_refund_id,
      at
    })
  }

  insert(r: NewRefund): void {
    this.db
      .prepare(
        "INSERT INTO juspay_refunds (unique_request_id, order_id, customer_id, amount_paise, status, staff_id, staff_name, approved_by, approved_by_id, reason, created_at, updated_at) VALUES (?, ?, ?, ?, 'sending', ?, ?, ?, ?, ?, ?, ?)"
      )
      .run(r.uniqueRequestId, r.orderId, r.customerId, r.amountPaise, r.staff.id, r.staff.name, r.approvedBy?.name ?? null, r.approvedBy?.id ?? null, r.reason, r.at, r.at)
    this.track(r.uniqueRequestId, r.at)
  }

  get(uniqueRequestId: string): TillRefund | undefined {
    const row = this.db.prepare<[string], Row>('SELECT * FROM juspay_refunds WHERE unique_request_id = ?').get(uniqueRequestId)
    return row ? toView(row) : undefined
  }

  /** How often the follow-up has looked at a refund Juspay still holds. */
  polls(uniqueRequestId: string): number {
    return this.db.prepare<[string], number>('SELECT polls FROM juspay_refunds WHERE unique_request_id = ?').pluck().get(uniqueRequestId) ?? 0
  }

  /** Refunds of this till not yet settled, of one order: they count against what can still be refunded. */
  /** This till's refunds of an order that are on their way (Juspay may or may not list them yet). */
  openOf(orderId: string): { uniqueRequestId: string; amountPaise: number }[] {
    return this.db
      .prepare<[string], { unique_request_id: string; amount_paise: number }>(
        "SELECT unique_request_id, amount_paise FROM juspay_refunds WHERE order_id = ? AND status IN ('sending', 'queued', 'verifying')"
      )
      .all(orderId)
      .map((r) => ({ uniqueRequestId: r.unique_request_id, amountPaise: r.amount_paise }))
  }

  ids(orderId: string): Set<string> {
    return new Set(this.db.prepare<[string], string>('SELECT unique_request_id FROM juspay_refunds WHERE order_id = ?').pluck().all(orderId))
  }

  list(options: { orderId?: string; limit: number }): TillRefund[] {
    const rows = options.orderId
      ? this.db.prepare<[string, number], Row>('SELECT * FROM juspay_refunds WHERE order_id = ? ORDER BY created_at DESC, rowid DESC LIMIT ?').all(options.orderId, options.limit)
      : this.db.prepare<[number], Row>('SELECT * FROM juspay_refunds ORDER BY created_at DESC, rowid DESC LIMIT ?').all(options.limit)
    return rows.map(toView)
  }

  update(
    uniqueRequestId: string,
    change: { status: RefundStatus; problem?: { code: string; message: string } | null; juspayRefundId?: string | null; reference?: string | null; nextPollAt?: string | null; at: string }
  ): void {
    this.db
      .prepare(
        `UPDATE juspay_refunds SET status = ?, updated_at = ?,
           problem = CASE WHEN ? THEN ? ELSE problem END,
           juspay_refund_id = coalesce(?, juspay_refund_id), reference = coalesce(?, reference),
           next_poll_at = CASE WHEN ? THEN ? ELSE next_poll_at END
         WHERE unique_request_id = ?`
      )
      .run(
        change.status,
        change.at,
        change.problem !== undefined ? 1 : 0,
        change.problem ? JSON.stringify(change.problem) : null,
        change.juspayRefundId ?? null,
        change.reference ?? null,
        change.nextPollAt !== undefined ? 1 : 0,
        change.nextPollAt ?? null,
        uniqueRequestId
      )
    this.track(uniqueRequestId, change.at)
  }

  notePoll(uniqueRequestId: string, nextPollAt: string | null): void {
    this.db.prepare('UPDATE juspay_refunds SET polls = polls + 1, next_poll_at = ? WHERE unique_request_id = ?').run(nextPollAt, uniqueRequestId)
  }

  addRequestId(uniqueRequestId: string, requestId: string): void {
    this.db.prepare("UPDATE juspay_refunds SET request_ids = json_insert(request_ids, '$[#]', ?) WHERE unique_request_id = ?").run(requestId, uniqueRequestId)
  }

  /** PENDING refunds whose next look at Juspay is due. */
  due(now: string, limit = 20): { uniqueRequestId: string; orderId: string; customerId: string | null }[] {
    return this.db
      .prepare<[string, number], { unique_request_id: string; order_id: string; customer_id: string | null }>(
        'SELECT unique_request_id, order_id, customer_id FROM juspay_refunds WHERE next_poll_at IS NOT NULL AND next_poll_at <= ? ORDER BY next_poll_at LIMIT ?'
      )
      .all(now, limit)
      .map((r) => ({ uniqueRequestId: r.unique_request_id, orderId: r.order_id, customerId: r.customer_id }))
  }

  /** Refunds asked for since a moment, for the shift report. */
  since(at: string): { count: number; paise: number } {
    return (
      this.db
        .prepare<[string], { count: number; paise: number }>(
          "SELECT count(*) AS count, coalesce(sum(amount_paise), 0) AS paise FROM juspay_refunds WHERE created_at >= ? AND status NOT IN ('refused', 'FAILURE')"
        )
        .get(at) ?? { count: 0, paise: 0 }
    )
  }
}

function toView(row: Row): TillRefund {
  return {
    uniqueRequestId: row.unique_request_id,
    orderId: row.order_id,
    amount: inr(row.amount_paise),
    status: RefundStatusSchema.parse(row.status),
    problem: row.problem ? ProblemSchema.parse(JSON.parse(row.problem)) : null,
    staffName: row.staff_name,
    approvedBy: row.approved_by,
    requestIds: z.array(z.string()).parse(JSON.parse(row.request_ids)),
    createdAt: row.created_at,
    updatedAt: row.updated_at
  }
}
