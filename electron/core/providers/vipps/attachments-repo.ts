import { z } from 'zod'
import { AttachmentStatusSchema, PaymentTypeSchema, VippsProblemSchema, type Attachment } from '../../../../shared/domain/receipts'
import type { Db } from '../../db/connection'
import type { HistoryLedger } from '../../history/history-ledger'
import type { HistoryStatus } from '../../../../shared/domain/history'
import type { Money } from '../../../../shared/money'

interface Row {
  payment_type: string
  order_id: string
  kind: string
  status: string
  problem: string | null
  request_ids: string
  created_at: string
}

/** A receipt's place in History. */
const HISTORY_STATUS: Record<Attachment['status'], HistoryStatus> = { sending: 'open', queued: 'open', verifying: 'open', attached: 'done', refused: 'failed', needs_review: 'review' }

/** All SQL of what the till attached to Vipps MobilePay payments. */
export class AttachmentsRepo {
  constructor(
    private readonly db: Db,
    private readonly history: HistoryLedger
  ) {}

  /** Records a new receipt to attach; false when one was attached (or is on its way) already. */
  insert(a: { msn: string; paymentType: string; orderId: string; at: string; amount: Money; staffId: string | null; receiptNumber: string | null }): boolean {
    const info = this.db
      .prepare("INSERT INTO vipps_attachments (msn, payment_type, order_id, kind, status, created_at, updated_at) VALUES (?, ?, ?, 'receipt', 'sending', ?, ?) ON CONFLICT DO NOTHING")
      .run(a.msn, a.paymentType, a.orderId, a.at, a.at)
    if (info.changes === 1) this.track(a.msn, a.paymentType, a.orderId, a.at, { amount: a.amount, staffId: a.staffId, receiptNumber: a.receiptNumber })
    return info.changes === 1
  }

  /** Tells History where a receipt stands; its amount and who attached it come with the first record. */
  private track(msn: string, paymentType: string, orderId: string, at: string, first: { amount: Money; staffId: string | null; receiptNumber: string | null } | null = null): void {
    const view = this.get(msn, paymentType, orderId)
    if (!view) return
    this.history.record({
      provider: 'vipps',
      kind: 'receipt',
      ref: `${paymentType}:${orderId}`,
      status: HISTORY_STATUS[view.status],
      detailStatus: view.status,
      ...(first ? { amount: first.amount, staffId: first.staffId, summary: first.receiptNumber ? `receipt ${first.receiptNumber}` : '' } : {}),
      journalSubject: `${paymentType}:${orderId}`,
      callSubject: `${paymentType}:${orderId}`,
      terms: [orderId, ...(first?.receiptNumber ? [first.receiptNumber] : [])],
      providerRef: orderId,
      at
    })
  }

  get(msn: string, paymentType: string, orderId: string): Attachment | undefined {
    const row = this.db
      .prepare<[string, string, string], Row>("SELECT * FROM vipps_attachments WHERE msn = ? AND payment_type = ? AND order_id = ? AND kind = 'receipt'")
      .get(msn, paymentType, orderId)
    return row ? toView(row) : undefined
  }

  /** A failed attempt may be tried again by the cashier: its row is made ready to send again. */
  reopen(msn: string, paymentType: string, orderId: string, at: string, again: { amount: Money; staffId: string | null; receiptNumber: string | null }): void {
    this.db
      .prepare("UPDATE vipps_attachments SET status = 'sending', problem = NULL, updated_at = ? WHERE msn = ? AND payment_type = ? AND order_id = ? AND kind = 'receipt'")
      .run(at, msn, paymentType, orderId)
    this.track(msn, paymentType, orderId, at, again)
  }

  update(msn: string, paymentType: string, orderId: string, status: Attachment['status'], problem: Attachment['problem'], at: string): void {
    this.db
      .prepare("UPDATE vipps_attachments SET status = ?, problem = ?, updated_at = ? WHERE msn = ? AND payment_type = ? AND order_id = ? AND kind = 'receipt'")
      .run(status, problem ? JSON.stringify(problem) : null, at, msn, paymentType, orderId)
    this.track(msn, paymentType, orderId, at)
  }

  addRequestId(msn: string, paymentType: string, orderId: string, requestId: string): void {
    this.db.prepare("UPDATE vipps_attachments SET request_ids = json_insert(request_ids, '$[#]', ?) WHERE msn = ? AND payment_type = ? AND order_id = ?").run(requestId, msn, paymentType, orderId)
  }
}

function toView(row: Row): Attachment {
  return {
    paymentType: PaymentTypeSchema.parse(row.payment_type),
    orderId: row.order_id,
    kind: 'receipt',
    status: AttachmentStatusSchema.parse(row.status),
    problem: row.problem ? VippsProblemSchema.parse(JSON.parse(row.problem)) : null,
    requestIds: z.array(z.string()).parse(JSON.parse(row.request_ids)),
    createdAt: row.created_at
  }
}
