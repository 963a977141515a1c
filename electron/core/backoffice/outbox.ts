import { GENESIS_HASH } from '../../../shared/audit-chain'
import { BATCH_MAX_BYTES, BATCH_MAX_EVENTS, OutboxEventSchema, type OutboxEvent } from '../../../shared/backoffice/protocol'
import type { Db } from '../db/connection'

export interface OutboxBatch {
  fromSeq: number
  toSeq: number
  events: OutboxEvent[]
}

interface Row {
  seq: number
  kind: string
  data: string
}

/**
 * The till's side of the back office's outbox (filled by triggers in the same transaction as the
 * records themselves, see migration 0013). Rows leave only when the back office has applied them.
 */
export class Outbox {
  constructor(private readonly db: Db) {}

  /**
   * The oldest events waiting, at most BATCH_MAX_EVENTS and about BATCH_MAX_BYTES; null when none.
   * A row that does not read as an event (it cannot happen but by a bug) is still covered by the
   * batch's range, so one bad row can never stop the rest.
   */
  nextBatch(maxEvents = BATCH_MAX_EVENTS, maxBytes = BATCH_MAX_BYTES): OutboxBatch | null {
    const rows = this.db.prepare<[number], Row>('SELECT seq, kind, data FROM outbox ORDER BY seq LIMIT ?').all(maxEvents)
    if (rows.length === 0) return null
    const events: OutboxEvent[] = []
    let bytes = 0
    let toSeq = rows[0]?.seq ?? 0
    for (const row of rows) {
      bytes += row.data.length + 40
      if (events.length > 0 && bytes > maxBytes) break
      toSeq = row.seq
      const parsed = OutboxEventSchema.safeParse({ seq: row.seq, kind: row.kind, data: JSON.parse(row.data) as unknown })
      if (parsed.success) events.push(parsed.data)
    }
    return { fromSeq: rows[0]?.seq ?? 0, toSeq, events }
  }

  /** The back office applied everything up to `seq`: those rows go. */
  acknowledge(seq: number): number {
    return this.db.prepare('DELETE FROM outbox WHERE seq <= ?').run(seq).changes
  }

  /** How many events wait, and when the oldest was written. */
  backlog(): { count: number; oldestAt: string | null } {
    const row = this.db.prepare<[], { count: number; oldest: string | null }>('SELECT count(*) AS count, min(at) AS oldest FROM outbox').get()
    return { count: row?.count ?? 0, oldestAt: row?.oldest ?? null }
  }

  /** The sequence number the next batch starts at: the oldest waiting row, or the next one to be written. */
  nextSeq(): number {
    const first = this.db.prepare<[], number | null>('SELECT min(seq) FROM outbox').pluck().get()
    if (first !== null && first !== undefined) return first
    const last = this.db.prepare<[], number | undefined>("SELECT seq FROM sqlite_sequence WHERE name = 'outbox'").pluck().get()
    return (last ?? 0) + 1
  }

  /** The hash the first audit entry still to be sent chains from: what the back office checks the chain against. */
  auditHead(): string {
    const waiting = this.db.prepare<[], string>("SELECT json_extract(data, '$.prevHash') FROM outbox WHERE kind = 'audit' ORDER BY seq LIMIT 1").pluck().get()
    if (waiting) return waiting
    return this.db.prepare<[], string>('SELECT hash FROM audit_log ORDER BY id DESC LIMIT 1').pluck().get() ?? GENESIS_HASH
  }

  /**
   * The data folder was copied or restored and this till took a new identity: what waits was
   * written as the till it came from, and stays that till's (its own copy sends it). Returns how
   * many rows were dropped.
   */
  dropWaiting(): number {
    return this.db.prepare('DELETE FROM outbox').run().changes
  }
}
