import type { TillView } from '../../../shared/backoffice/screens'
import type { Sql } from '../db/database'
import type { ChainBreak } from '../ingest'

/** When a till counts as stopped, and a clock as skewed [ASSUMED: a heartbeat a minute; a till's receipts need its clock within minutes]. */
export interface TillThresholds {
  stoppedAfterMinutes: number
  skewLimitSeconds: number
}
export const DEFAULT_TILL_THRESHOLDS: TillThresholds = { stoppedAfterMinutes: 15, skewLimitSeconds: 120 }

const iso = (value: Date | string | null): string | null => (value === null ? null : new Date(value).toISOString())

/**
 * Every till of the stores asked for (null: every store): when it was last heard from, its
 * backlog and how old it is, its clock's skew, whether its audit chain held (and the first entry
 * that broke it), and every time it took a new identity.
 */
export async function tillViews(db: Sql, storeIds: readonly string[] | null, now: Date, thresholds: TillThresholds = DEFAULT_TILL_THRESHOLDS): Promise<TillView[]> {
  const rows = await db.query<{
    till_id: string
    store_id: string
    name: string | null
    enrolled_at: Date
    revoked_at: Date | null
    last_seen_at: Date | null
    last_batch_at: Date | null
    backlog: number | null
    backlog_oldest: Date | null
    skew_ms: number | null
    chain_break: ChainBreak | null
    break_action: string | null
    identity: { at: string; detail: string }[] | null
  }>(
    `SELECT t.till_id, t.store_id, t.name, t.enrolled_at, t.revoked_at, t.last_seen_at, t.last_batch_at, t.backlog, t.backlog_oldest, t.skew_ms, t.chain_break,
       (SELECT a.action FROM audit a WHERE a.till_id = t.till_id AND a.audit_id = (t.chain_break->>'auditId')::bigint LIMIT 1) AS break_action,
       (SELECT json_agg(json_build_object('at', a.at, 'detail', a.detail) ORDER BY a.at) FROM audit a WHERE a.till_id = t.till_id AND a.action = 'till_identity_changed') AS identity
     FROM till t WHERE ($1::text[] IS NULL OR t.store_id = ANY($1)) ORDER BY t.store_id, t.name NULLS LAST, t.till_id`,
    [storeIds]
  )
  return rows.map((r) => {
    const seen = r.last_seen_at ? new Date(r.last_seen_at).getTime() : null
    return {
      tillId: r.till_id,
      storeId: r.store_id,
      name: r.name,
      enrolledAt: iso(r.enrolled_at) ?? '',
      revokedAt: iso(r.revoked_at),
      lastSeenAt: iso(r.last_seen_at),
      lastBatchAt: iso(r.last_batch_at),
      backlog: r.backlog,
      backlogOldestAt: iso(r.backlog_oldest),
      skewMs: r.skew_ms,
      stopped: r.revoked_at === null && (seen === null || now.getTime() - seen > thresholds.stoppedAfterMinutes * 60_000),
      skewed: r.skew_ms !== null && Math.abs(r.skew_ms) > thresholds.skewLimitSeconds * 1000,
      chain: r.chain_break
        ? { intact: false as const, auditId: r.chain_break.auditId, at: r.chain_break.at, seq: r.chain_break.seq, hashMatches: r.chain_break.hashMatches, action: r.break_action }
        : { intact: true as const },
      identityChanges: (r.identity ?? []).map((i) => ({ at: iso(i.at) ?? '', detail: i.detail }))
    }
  })
}

/** The store a till belongs to, for the scope check before acting on it. */
export async function storeOfTill(db: Sql, tillId: string): Promise<string | null> {
  const [row] = await db.query<{ store_id: string }>('SELECT store_id FROM till WHERE till_id = $1', [tillId])
  return row?.store_id ?? null
}
