import { z } from 'zod'
import { BrandSchema, GiftOrderStatusSchema, MaskedCardSchema, type Brand, type GiftOrder, type GiftOrderStatus } from '../../../../shared/domain/giftcards'
import { inr } from '../../../../shared/money'
import type { Db } from '../../db/connection'
import type { HistoryLedger } from '../../history/history-ledger'
import type { HistoryStatus } from '../../../../shared/domain/history'

interface OrderRow {
  reference_id: string
  hubble_order_id: string | null
  product_id: string
  brand_title: string
  amount_paise: number
  lines: string
  customer: string
  status: string
  failure: string | null
  cards: string
  request_ids: string
  polls: number
  created_at: string
  settled_at: string | null
  corrected_from: string | null
}

const LinesSchema = z.array(z.object({ denominationPaise: z.number().int(), quantity: z.number().int() }))
const CustomerSchema = z.object({ name: z.string(), phone: z.string(), email: z.string() })
const CardsSchema = z.array(MaskedCardSchema)
const FailureSchema = z.object({ code: z.string(), message: z.string() })
const RequestIdsSchema = z.array(z.string())

export interface NewGiftOrder {
  referenceId: string
  productId: string
  brandTitle: string
  amountPaise: number
  lines: z.infer<typeof LinesSchema>
  customer: z.infer<typeof CustomerSchema>
  staffId: string | null
  at: string
}

/** A sale's place in History. */
const HISTORY_STATUS: Record<GiftOrderStatus, HistoryStatus> = {
  placing: 'open',
  processing: 'open',
  verifying: 'open',
  succeeded: 'done',
  failed: 'failed',
  needs_review: 'review',
  reversed: 'reversed'
}

/** All SQL of gift card orders and the brand catalogue. */
export class GiftOrdersRepo {
  constructor(
    private readonly db: Db,
    private readonly history: HistoryLedger
  ) {}

  /** Tells History where a sale stands: brand, amount, masked cards, Hubble's order id. */
  private track(referenceId: string, at: string): void {
    const row = this.db.prepare<[string], OrderRow & { staff_id: string | null }>('SELECT * FROM gift_orders WHERE reference_id = ?').get(referenceId)
    if (!row) return
    const order = toView(row)
    this.history.record({
      provider: 'hubble',
      kind: 'gift_sale',
      ref: referenceId,
      status: HISTORY_STATUS[order.status],
      detailStatus: order.correctedFrom ? `${order.status}, corrected by Hubble (the till had it ${order.correctedFrom})` : order.status,
      amount: order.amount,
      staffId: row.staff_id,
      summary: [order.brand.title, ...order.cards.map((c) => (c.last4 ? `••••${c.last4}` : 'PIN card'))].join(' '),
      journalSubject: referenceId,
      callSubject: referenceId,
      terms: [...(order.orderId ? [order.orderId] : []), ...order.cards.flatMap((c) => (c.last4 ? [c.last4] : []))],
      providerRef: order.orderId ?? null,
      at
    })
  }

  insert(order: NewGiftOrder): void {
    this.db
      .prepare("INSERT INTO gift_orders (reference_id, product_id, brand_title, amount_paise, lines, customer, status, staff_id, created_at, updated_at) VALUES (?, ?, ?, ?, ?, ?, 'placing', ?, ?, ?)")
      .run(order.referenceId, order.productId, order.brandTitle, order.amountPaise, JSON.stringify(order.lines), JSON.stringify(order.customer), order.staffId, order.at, order.at)
    this.track(order.referenceId, order.at)
  }

  get(referenceId: string): GiftOrder | undefined {
    const row = this.db.prepare<[string], OrderRow>('SELECT * FROM gift_orders WHERE reference_id = ?').get(referenceId)
    return row ? toView(row) : undefined
  }

  /** Newest first; `from`/`to` bound the creation time (UTC ISO). */
  list(filter: { status?: GiftOrderStatus; from?: string; to?: string; limit: number }): GiftOrder[] {
    return this.db
      .prepare<[string | null, string | null, string | null, string | null, string | null, string | null, number], OrderRow>(
        'SELECT * FROM gift_orders WHERE (? IS NULL OR status = ?) AND (? IS NULL OR created_at >= ?) AND (? IS NULL OR created_at < ?) ORDER BY id DESC LIMIT ?'
      )
      .all(filter.status ?? null, filter.status ?? null, filter.from ?? null, filter.from ?? null, filter.to ?? null, filter.to ?? null, filter.limit)
      .map(toView)
  }

  byOrderId(orderId: string): GiftOrder | undefined {
    const row = this.db.prepare<[string], OrderRow>('SELECT * FROM gift_orders WHERE hubble_order_id = ?').get(orderId)
    return row ? toView(row) : undefined
  }

  /** Moves an order on; cards are stored masked, the failure as Hubble's id and words. */
  update(
    referenceId: string,
    change: {
      status: GiftOrderStatus
      orderId?: string | null
      cards?: GiftOrder['cards']
      failure?: GiftOrder['failure']
      clearFailure?: boolean
      correctedFrom?: GiftOrderStatus
      settled?: boolean
      poll?: boolean
      at: string
    }
  ): void {
    this.db
      .prepare(
        `UPDATE gift_orders SET status = ?, hubble_order_id = COALESCE(?, hubble_order_id), cards = COALESCE(?, cards),
           failure = CASE WHEN ? THEN NULL ELSE COALESCE(?, failure) END, corrected_from = COALESCE(?, corrected_from),
           settled_at = CASE WHEN ? THEN ? ELSE settled_at END, polls = polls + ?, updated_at = ? WHERE reference_id = ?`
      )
      .run(
        change.status,
        change.orderId ?? null,
        change.cards ? JSON.stringify(change.cards) : null,
        change.clearFailure ? 1 : 0,
        change.failure ? JSON.stringify(change.failure) : null,
        change.correctedFrom ?? null,
        change.settled ? 1 : 0,
        change.at,
        change.poll ? 1 : 0,
        change.at,
        referenceId
      )
    this.track(referenceId, change.at)
  }

  /** Remembers the request id of a call about this order, so support can find every call from it. */
  addRequestId(referenceId: string, requestId: string): void {
    this.db.prepare("UPDATE gift_orders SET request_ids = json_insert(request_ids, '$[#]', ?) WHERE reference_id = ?").run(requestId, referenceId)
  }

  /** Orders Hubble is still processing, oldest first, with how often they were polled. */
  processing(): { referenceId: string; orderId: string | null; createdAt: string; polls: number }[] {
    return this.db
      .prepare<[], { reference_id: string; hubble_order_id: string | null; created_at: string; polls: number }>(
        "SELECT reference_id, hubble_order_id, created_at, polls FROM gift_orders WHERE status = 'processing' ORDER BY id"
      )
      .all()
      .map((r) => ({ referenceId: r.reference_id, orderId: r.hubble_order_id, createdAt: r.created_at, polls: r.polls }))
  }

  replaceCatalogue(brands: { brand: Brand | null; id: string; title: string; status: string }[], at: string): void {
    const upsert = this.db.prepare(
      'INSERT INTO gift_brands (id, title, status, data, synced_at) VALUES (?, ?, ?, ?, ?) ON CONFLICT(id) DO UPDATE SET title = excluded.title, status = excluded.status, data = excluded.data, synced_at = excluded.synced_at'
    )
    for (const b of brands) upsert.run(b.id, b.title, b.brand ? b.status : 'UNUSABLE', JSON.stringify(b.brand), at)
  }

  /** Active brands, by name or category; the screen's search works offline. */
  brands(query?: string, category?: string): Brand[] {
    return this.db
      .prepare<[], { data: string }>("SELECT data FROM gift_brands WHERE status = 'ACTIVE' ORDER BY title COLLATE NOCASE")
      .all()
      .flatMap((row) => {
        const parsed = BrandSchema.safeParse(JSON.parse(row.data))
        return parsed.success ? [parsed.data] : []
      })
      .filter((b) => (!query || b.title.toLowerCase().includes(query.toLowerCase())) && (!category || b.categories.includes(category)))
  }

  brand(id: string): Brand | undefined {
    const row = this.db.prepare<[string], { data: string; status: string }>('SELECT data, status FROM gift_brands WHERE id = ?').get(id)
    if (!row || row.status !== 'ACTIVE') return undefined
    const parsed = BrandSchema.safeParse(JSON.parse(row.data))
    return parsed.success ? parsed.data : undefined
  }

  lastSync(): string | undefined {
    return (this.db.prepare('SELECT max(synced_at) FROM gift_brands').pluck().get() as string | null) ?? undefined
  }
}

function toView(row: OrderRow): GiftOrder {
  return {
    referenceId: row.reference_id,
    orderId: row.hubble_order_id,
    status: GiftOrderStatusSchema.parse(row.status),
    brand: { id: row.product_id, title: row.brand_title },
    amount: inr(row.amount_paise),
    lines: LinesSchema.parse(JSON.parse(row.lines)).map((l) => ({ denomination: inr(l.denominationPaise), quantity: l.quantity })),
    customer: CustomerSchema.parse(JSON.parse(row.customer)),
    cards: CardsSchema.parse(JSON.parse(row.cards)),
    failure: row.failure ? FailureSchema.parse(JSON.parse(row.failure)) : null,
    requestIds: RequestIdsSchema.parse(JSON.parse(row.request_ids)),
    createdAt: row.created_at,
    settledAt: row.settled_at,
    correctedFrom: row.corrected_from === null ? null : GiftOrderStatusSchema.parse(row.corrected_from)
  }
}
