import type { Db } from '../db/connection'

export interface InboxRow {
  id: number
  provider: string
  delivery_key: string
  route: string
  body: string
  received_at: string
  processed_at: string | null
  outcome: string | null
  attempts: number
}

export interface DeliveryRecord {
  at: string
  provider: string | null
  route: string
  deliveryKey: string | null
  remote: string | null
  status: number
  outcome: string
}

/** Refused deliveries kept, newest first, and for how long: a flood of bad posts cannot fill the disk. */
export const REFUSED_KEPT = 1000
export const REFUSED_KEPT_DAYS = 30
/** Refused deliveries recorded between two trims. */
const TRIM_EVERY = 50

/** All SQL of the callback inbox and its delivery log. */
export class InboxRepo {
  private refusedSinceTrim = 0

  constructor(
    private readonly db: Db,
    private readonly limits: { refusedKept: number; refusedKeptDays: number } = { refusedKept: REFUSED_KEPT, refusedKeptDays: REFUSED_KEPT_DAYS }
  ) {
    this.trimRefused(new Date().toISOString())
  }

  /** Keeps the first delivery of an event; returns its row id, or null when it was there already. */
  admit(row: { provider: string; deliveryKey: string; route: string; body: string; at: string }): number | null {
    const info = this.db
      .prepare('INSERT INTO webhook_inbox (provider, delivery_key, route, body, received_at) VALUES (?, ?, ?, ?, ?) ON CONFLICT (provider, delivery_key) DO NOTHING')
      .run(row.provider, row.deliveryKey, row.route, row.body, row.at)
    return info.changes === 1 ? Number(info.lastInsertRowid) : null
  }

  get(id: number): InboxRow | undefined {
    return this.db.prepare<[number], InboxRow>('SELECT * FROM webhook_inbox WHERE id = ?').get(id)
  }

  finish(id: number, outcome: string, processed: boolean, at: string): void {
    this.db.prepare('UPDATE webhook_inbox SET outcome = ?, processed_at = ?, attempts = attempts + 1 WHERE id = ?').run(outcome, processed ? at : null, id)
  }

  unprocessed(maxAttempts: number): InboxRow[] {
    return this.db.prepare<[number], InboxRow>('SELECT * FROM webhook_inbox WHERE processed_at IS NULL AND attempts < ? ORDER BY id').all(maxAttempts)
  }

  record(delivery: DeliveryRecord): void {
    this.db
      .prepare('INSERT INTO webhook_deliveries (at, provider, route, delivery_key, remote, status, outcome) VALUES (?, ?, ?, ?, ?, ?, ?)')
      .run(delivery.at, delivery.provider, delivery.route, delivery.deliveryKey, delivery.remote, delivery.status, delivery.outcome)
    if (delivery.status >= 400 && ++this.refusedSinceTrim >= TRIM_EVERY) this.trimRefused(delivery.at)
  }

  /** Keeps the latest refused deliveries, none older than the limit; accepted ones stay with their events. */
  trimRefused(now: string): void {
    this.refusedSinceTrim = 0
    const oldest = new Date(Date.parse(now) - this.limits.refusedKeptDays * 86_400_000).toISOString()
    this.db
      .prepare(`DELETE FROM webhook_deliveries WHERE status >= 400 AND (at < ? OR id <= (SELECT id FROM webhook_deliveries WHERE status >= 400 ORDER BY id DESC LIMIT 1 OFFSET ?))`)
      .run(oldest, this.limits.refusedKept)
  }

  recent(limit: number): DeliveryRecord[] {
    return this.db
      .prepare<[number], { at: string; provider: string | null; route: string; delivery_key: string | null; remote: string | null; status: number; outcome: string }>(
        'SELECT * FROM webhook_deliveries ORDER BY id DESC LIMIT ?'
      )
      .all(limit)
      .map((r) => ({ at: r.at, provider: r.provider, route: r.route, deliveryKey: r.delivery_key, remote: r.remote, status: r.status, outcome: r.outcome }))
  }
}
