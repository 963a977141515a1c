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

/** All SQL of the callback inbox and its delivery log. */
export class InboxRepo {
  constructor(private readonly db: Db) {}

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
