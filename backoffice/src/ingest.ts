import { createHash } from 'node:crypto'
import { auditHashMaterial } from '../../shared/audit-chain'
import type { AuditData, Batch, Heartbeat, JournalData, LedgerData } from '../../shared/backoffice/protocol'
import type { Database, Sql } from './db/database'

export type IngestResult = { appliedThrough: number } | { expected: number }

export interface ChainBreak {
  seq: number
  auditId: number
  at: string
  /** The hash the entry should have chained from, and the one it names. */
  expectedPrevHash: string
  prevHash: string
  /** Whether the entry's own hash matches its content. */
  hashMatches: boolean
}

const hashOf = (entry: AuditData): string => createHash('sha256').update(auditHashMaterial(entry.prevHash, entry)).digest('hex')

/**
 * Applies one batch of a till's outbox in one transaction, the till's row locked: sequence
 * numbers already applied are skipped (a batch sent again after a lost answer changes nothing),
 * a gap is refused with the number expected, a ledger row is replaced only by a newer version
 * of itself (versions of one row inside the batch are merged first: PostgreSQL refuses to touch
 * a row twice in one statement), audit entries are inserted once and their chain checked on
 * arrival (a break is recorded against the till, and the entries are kept), and the till's clock
 * skew and backlog are recorded. The till is the key's, never the body's.
 */
export async function applyBatch(db: Database, tillId: string, batch: Batch, receivedAt: Date): Promise<IngestResult> {
  return db.transaction(async (tx) => {
    const [till] = await tx.query<{ store_id: string; applied_seq: number; audit_head: string; chain_break: unknown }>(
      'SELECT store_id, applied_seq, audit_head, chain_break FROM till WHERE till_id = $1 FOR UPDATE',
      [tillId]
    )
    if (!till) throw new Error(`till ${tillId} vanished while its batch was applied`)
    if (batch.fromSeq > till.applied_seq + 1) return { expected: till.applied_seq + 1 }
    const skewMs = Date.parse(batch.sentAt) - receivedAt.getTime()
    const fresh = batch.events.filter((e) => e.seq > till.applied_seq)
    let head = till.audit_head
    let chainBreak: ChainBreak | null = null
    if (fresh.length > 0) {
      const ledger = new Map<string, LedgerData & { seq: number }>()
      const versions: (LedgerData & { seq: number })[] = []
      const journal = new Map<number, JournalData & { seq: number }>()
      const audit: (AuditData & { seq: number; chainOk: boolean; about: string | null })[] = []
      const terms: { provider: string; kind: string; ref: string; term: string }[] = []
      for (const event of fresh) {
        if (event.kind === 'ledger') {
          ledger.set(`${event.data.provider}\u0000${event.data.kind}\u0000${event.data.ref}\u0000${event.data.createdAt}`, { ...event.data, seq: event.seq })
          versions.push({ ...event.data, seq: event.seq })
        } else if (event.kind === 'journal') journal.set(event.data.id, { ...event.data, seq: event.seq })
        else if (event.kind === 'term') terms.push(event.data)
        else {
          const hashMatches = hashOf(event.data) === event.data.hash
          const chainOk = hashMatches && event.data.prevHash === head
          if (!chainOk && chainBreak === null && till.chain_break === null) {
            chainBreak = { seq: event.seq, auditId: event.data.id, at: event.data.at, expectedPrevHash: head, prevHash: event.data.prevHash, hashMatches }
          }
          audit.push({ ...event.data, seq: event.seq, chainOk, about: aboutOf(event.data.detail) })
          head = event.data.hash
        }
      }
      await upsertLedger(tx, tillId, till.store_id, [...ledger.values()])
      await insertVersions(tx, tillId, versions)
      await insertTerms(tx, tillId, till.store_id, terms)
      await insertAudit(tx, tillId, till.store_id, audit)
      await upsertJournal(tx, tillId, till.store_id, [...journal.values()])
      await tx.query('INSERT INTO ingest_batch (till_id, from_seq, to_seq, events, sent_at, received_at, skew_ms) VALUES ($1, $2, $3, $4, $5, $6, $7) ON CONFLICT DO NOTHING', [
        tillId,
        Math.max(batch.fromSeq, till.applied_seq + 1),
        batch.toSeq,
        fresh.length,
        batch.sentAt,
        receivedAt.toISOString(),
        skewMs
      ])
    }
    const appliedThrough = Math.max(till.applied_seq, batch.toSeq)
    await tx.query(
      `UPDATE till SET applied_seq = $2, audit_head = $3, chain_break = coalesce(chain_break, $4::jsonb), skew_ms = $5, last_batch_at = $6, last_seen_at = $6,
         last_batch_events = $7, backlog = $8, backlog_oldest = $9 WHERE till_id = $1`,
      [tillId, appliedThrough, head, chainBreak === null ? null : JSON.stringify(chainBreak), skewMs, receivedAt.toISOString(), fresh.length, batch.backlog.count, batch.backlog.oldestAt]
    )
    return { appliedThrough }
  })
}

async function upsertLedger(tx: Sql, tillId: string, storeId: string, rows: (LedgerData & { seq: number })[]): Promise<void> {
  if (rows.length === 0) return
  await tx.query(
    `INSERT INTO ledger (till_id, store_id, provider, kind, ref, status, detail_status, amount_minor, currency, staff_id, staff_name, approved_by, offline, summary, provider_ref, version, created_at, updated_at)
     SELECT $1, $2, r.provider, r.kind, r.ref, r.status, r."detailStatus", r."amountMinor", r.currency, r."staffId", r."staffName", r."approvedBy", r.offline, r.summary, r."providerRef", r.seq, r."createdAt"::timestamptz, r."updatedAt"::timestamptz
     FROM jsonb_to_recordset($3::jsonb) AS r(provider text, kind text, ref text, status text, "detailStatus" text, "amountMinor" bigint, currency text, "staffId" text, "staffName" text, "approvedBy" text, offline boolean, summary text, "providerRef" text, seq bigint, "createdAt" text, "updatedAt" text)
     ON CONFLICT (till_id, provider, kind, ref, created_at) DO UPDATE SET
       status = excluded.status, detail_status = excluded.detail_status, amount_minor = excluded.amount_minor, currency = excluded.currency,
       staff_id = excluded.staff_id, staff_name = excluded.staff_name, approved_by = excluded.approved_by, offline = excluded.offline,
       summary = excluded.summary, provider_ref = coalesce(excluded.provider_ref, ledger.provider_ref), version = excluded.version, updated_at = excluded.updated_at, received_at = now()
     WHERE ledger.version < excluded.version`,
    [tillId, storeId, JSON.stringify(rows)]
  )
}

/** Every version as it arrived, for an operation's story; a version sent again is kept once. */
async function insertVersions(tx: Sql, tillId: string, rows: (LedgerData & { seq: number })[]): Promise<void> {
  if (rows.length === 0) return
  await tx.query(
    `INSERT INTO ledger_version (till_id, provider, kind, ref, version, status, detail_status, amount_minor, currency, approved_by, offline, provider_ref, updated_at)
     SELECT $1, r.provider, r.kind, r.ref, r.seq, r.status, r."detailStatus", r."amountMinor", r.currency, r."approvedBy", r.offline, r."providerRef", r."updatedAt"::timestamptz
     FROM jsonb_to_recordset($2::jsonb) AS r(provider text, kind text, ref text, seq bigint, status text, "detailStatus" text, "amountMinor" bigint, currency text, "approvedBy" text, offline boolean, "providerRef" text, "updatedAt" text)
     ON CONFLICT DO NOTHING`,
    [tillId, JSON.stringify(rows)]
  )
}

/** A term knows its row's store and time, so a search reads one store's newest first from the index. */
async function insertTerms(tx: Sql, tillId: string, storeId: string, rows: { provider: string; kind: string; ref: string; term: string }[]): Promise<void> {
  if (rows.length === 0) return
  await tx.query(
    `INSERT INTO ledger_term (till_id, provider, kind, ref, term, store_id, created_at)
     SELECT DISTINCT ON (r.provider, r.kind, r.ref, r.term) $1, r.provider, r.kind, r.ref, r.term, $2,
       (SELECT l.created_at FROM ledger l WHERE l.till_id = $1 AND l.provider = r.provider AND l.kind = r.kind AND l.ref = r.ref ORDER BY l.created_at DESC LIMIT 1)
     FROM jsonb_to_recordset($3::jsonb) AS r(provider text, kind text, ref text, term text)
     ON CONFLICT DO NOTHING`,
    [tillId, storeId, JSON.stringify(rows)]
  )
}

/** The operation an entry's detail names (`subject`), when it names one: read leniently, since a till's detail is only text to us. */
function aboutOf(detail: string): string | null {
  try {
    const parsed: unknown = JSON.parse(detail)
    return parsed && typeof parsed === 'object' && 'subject' in parsed && typeof parsed.subject === 'string' ? parsed.subject.slice(0, 300) : null
  } catch {
    return null
  }
}

async function insertAudit(tx: Sql, tillId: string, storeId: string, rows: (AuditData & { seq: number; chainOk: boolean; about: string | null })[]): Promise<void> {
  if (rows.length === 0) return
  await tx.query(
    `INSERT INTO audit (till_id, store_id, audit_id, at, entry_till_id, actor_id, actor_name, action, subject, outcome, detail, prev_hash, hash, chain_ok, seq, about)
     SELECT $1, $2, r.id, r.at::timestamptz, r."tillId", r."actorId", r."actorName", r.action, r.subject, r.outcome, r.detail, r."prevHash", r.hash, r."chainOk", r.seq, r.about
     FROM jsonb_to_recordset($3::jsonb) AS r(id bigint, at text, "tillId" text, "actorId" text, "actorName" text, action text, subject text, outcome text, detail text, "prevHash" text, hash text, "chainOk" boolean, seq bigint, about text)
     ON CONFLICT DO NOTHING`,
    [tillId, storeId, JSON.stringify(rows)]
  )
}

async function upsertJournal(tx: Sql, tillId: string, storeId: string, rows: (JournalData & { seq: number })[]): Promise<void> {
  if (rows.length === 0) return
  await tx.query(
    `INSERT INTO journal_outcome (till_id, store_id, journal_id, provider, operation, subject, state, attempts, request_ids, version, created_at, updated_at)
     SELECT $1, $2, r.id, r.provider, r.operation, r.subject, r.state, r.attempts, coalesce(ARRAY(SELECT jsonb_array_elements_text(r."requestIds")), '{}'), r.seq, r."createdAt"::timestamptz, r."updatedAt"::timestamptz
     FROM jsonb_to_recordset($3::jsonb) AS r(id bigint, provider text, operation text, subject text, state text, attempts integer, "requestIds" jsonb, seq bigint, "createdAt" text, "updatedAt" text)
     ON CONFLICT (till_id, journal_id) DO UPDATE SET state = excluded.state, attempts = excluded.attempts, request_ids = excluded.request_ids, version = excluded.version, updated_at = excluded.updated_at
     WHERE journal_outcome.version < excluded.version`,
    [tillId, storeId, JSON.stringify(rows)]
  )
}

/** A quiet till's heartbeat: it is alive, its clock and its backlog as they are now. */
export async function applyHeartbeat(db: Sql, tillId: string, heartbeat: Heartbeat, receivedAt: Date): Promise<void> {
  await db.query('UPDATE till SET last_seen_at = $2, skew_ms = $3, backlog = $4, backlog_oldest = $5 WHERE till_id = $1', [
    tillId,
    receivedAt.toISOString(),
    Date.parse(heartbeat.sentAt) - receivedAt.getTime(),
    heartbeat.backlog.count,
    heartbeat.backlog.oldestAt
  ])
}
