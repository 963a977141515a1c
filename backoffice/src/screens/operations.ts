import { z } from 'zod'
import type { Attention, Operation, OperationKey, OperationsQuery, Story } from '../../../shared/backoffice/screens'
import type { Sql } from '../db/database'
import { Refused } from '../refused'

export interface LedgerRow {
  till_id: string
  store_id: string
  provider: string
  kind: string
  ref: string
  status: string
  detail_status: string
  amount_minor: number | null
  currency: Operation['currency']
  staff_name: string | null
  approved_by: string | null
  offline: boolean
  summary: string
  provider_ref: string | null
  created_at: Date
  updated_at: Date
}

const iso = (d: Date | string): string => new Date(d).toISOString()

export function toOperation(r: LedgerRow): Operation {
  return {
    tillId: r.till_id,
    storeId: r.store_id,
    provider: r.provider,
    kind: r.kind,
    ref: r.ref,
    status: r.status,
    detailStatus: r.detail_status,
    amountMinor: r.amount_minor,
    currency: r.currency,
    staffName: r.staff_name,
    approvedBy: r.approved_by,
    offline: r.offline,
    summary: r.summary,
    providerRef: r.provider_ref,
    createdAt: iso(r.created_at),
    updatedAt: iso(r.updated_at)
  }
}

/** What a till's Queue resolution says in its audit detail: how it ended and the manager's note. */
const ResolutionSchema = z.object({ resolution: z.string().max(40), note: z.string().max(2000) }).partial()
const parseJson = (text: string | null): unknown => {
  try {
    return text === null ? null : JSON.parse(text)
  } catch {
    return null
  }
}

/** The position after a row, newest first: opaque to the page, checked when it comes back. */
const CursorSchema = z.tuple([z.string().max(40), z.string().max(64), z.string().max(40), z.string().max(40), z.string().max(200)])
export const cursorOf = (r: Pick<LedgerRow, 'created_at' | 'till_id' | 'provider' | 'kind' | 'ref'>): string =>
  Buffer.from(JSON.stringify([iso(r.created_at), r.till_id, r.provider, r.kind, r.ref])).toString('base64url')
function readCursor(text: string): z.infer<typeof CursorSchema> {
  try {
    return CursorSchema.parse(JSON.parse(Buffer.from(text, 'base64url').toString('utf8')))
  } catch {
    throw new Refused(400, 'bad_request', 'That page position is not one this service gave; start from the first page.')
  }
}

/** Every zone's day lies within 14 hours either side of the same UTC day. */
const SLACK_MS = 14 * 3600_000
const dayStart = (day: string): number => Date.parse(`${day}T00:00:00Z`)

/**
 * Builds the WHERE of an operations list: the account's stores always, then each filter the
 * manager set. Days are each store's own (its time zone), narrowed first by UTC bounds the index can use.
 */
function filters(scope: readonly string[] | null, q: OperationsQuery, args: unknown[]): string[] {
  const add = (value: unknown): string => {
    args.push(value)
    return `$${args.length}`
  }
  const where: string[] = []
  if (scope !== null) where.push(`l.store_id = ANY(${add(scope)})`)
  if (q.store) where.push(`l.store_id = ${add(q.store)}`)
  if (q.till) where.push(`l.till_id = ${add(q.till)}`)
  if (q.provider) where.push(`l.provider = ${add(q.provider)}`)
  if (q.status) where.push(`l.status = ${add(q.status)}`)
  if (q.staff) where.push(`lower(l.staff_name) = lower(${add(q.staff)})`)
  if (q.from) {
    where.push(`l.created_at >= ${add(new Date(dayStart(q.from) - SLACK_MS).toISOString())}`)
    where.push(`(l.created_at AT TIME ZONE s.time_zone)::date >= ${add(q.from)}::date`)
  }
  if (q.to) {
    where.push(`l.created_at < ${add(new Date(dayStart(q.to) + 86_400_000 + SLACK_MS).toISOString())}`)
    where.push(`(l.created_at AT TIME ZONE s.time_zone)::date <= ${add(q.to)}::date`)
  }
  if (q.after) {
    const [createdAt, tillId, provider, kind, ref] = readCursor(q.after)
    where.push(`(l.created_at, l.till_id, l.provider, l.kind, l.ref) < (${add(createdAt)}::timestamptz, ${add(tillId)}, ${add(provider)}, ${add(kind)}, ${add(ref)})`)
  }
  return where
}

/** The rows a search finds: by a search term (last 4, bill, order, reference, provider id) or a request id of the journal's calls. */
function searchHits(scope: readonly string[] | null, search: string, args: unknown[]): string {
  args.push(search.toLowerCase(), search, scope)
  const [term, requestId, stores] = [`$${args.length - 2}`, `$${args.length - 1}`, `$${args.length}`]
  return `SELECT t.till_id, t.provider, t.kind, t.ref FROM ledger_term t WHERE t.term = ${term} AND (${stores}::text[] IS NULL OR t.store_id = ANY(${stores}))
    UNION
    SELECT l2.till_id, l2.provider, l2.kind, l2.ref FROM journal_outcome j JOIN ledger l2 ON l2.till_id = j.till_id AND l2.provider = j.provider AND l2.ref = j.subject
    WHERE j.request_ids @> ARRAY[${requestId}::text] AND (${stores}::text[] IS NULL OR j.store_id = ANY(${stores}))`
}

/** One page of operations, newest first, with the position of the next page. */
export async function listOperations(db: Sql, scope: readonly string[] | null, q: OperationsQuery): Promise<{ operations: Operation[]; next: string | null; rows: LedgerRow[] }> {
  const args: unknown[] = []
  const where = filters(scope, q, args)
  const hits = q.search ? `JOIN (${searchHits(scope, q.search, args)}) h ON h.till_id = l.till_id AND h.provider = l.provider AND h.kind = l.kind AND h.ref = l.ref` : ''
  args.push(q.limit + 1)
  const rows = await db.query<LedgerRow>(
    `SELECT l.till_id, l.store_id, l.provider, l.kind, l.ref, l.status, l.detail_status, l.amount_minor, l.currency, l.staff_name, l.approved_by, l.offline, l.summary, l.provider_ref, l.created_at, l.updated_at
     FROM ledger l JOIN store s ON s.store_id = l.store_id ${hits}
     ${where.length > 0 ? `WHERE ${where.join(' AND ')}` : ''}
     ORDER BY l.created_at DESC, l.till_id DESC, l.provider DESC, l.kind DESC, l.ref DESC LIMIT $${args.length}`,
    args
  )
  const page = rows.slice(0, q.limit)
  const last = page.at(-1)
  return { operations: page.map(toOperation), next: rows.length > q.limit && last ? cursorOf(last) : null, rows: page }
}

/**
 * An operation's story: every version of its ledger row as the back office received it, its
 * journal rows' outcomes, and the till's audit entries about it. Null when the account may not
 * see it or there is none.
 */
export async function operationStory(db: Sql, scope: readonly string[] | null, key: OperationKey): Promise<Story | null> {
  const [row] = await db.query<LedgerRow>(`SELECT * FROM ledger WHERE till_id = $1 AND provider = $2 AND kind = $3 AND ref = $4 AND created_at = $5 AND ($6::text[] IS NULL OR store_id = ANY($6))`, [
    key.tillId,
    key.provider,
    key.kind,
    key.ref,
    key.createdAt,
    scope
  ])
  if (!row) return null
  const versions = await db.query<{
    version: number
    status: string
    detail_status: string
    amount_minor: number | null
    currency: string | null
    approved_by: string | null
    offline: boolean
    provider_ref: string | null
    updated_at: Date
    received_at: Date
  }>(
    'SELECT version, status, detail_status, amount_minor, currency, approved_by, offline, provider_ref, updated_at, received_at FROM ledger_version WHERE till_id = $1 AND provider = $2 AND kind = $3 AND ref = $4 ORDER BY version',
    [key.tillId, key.provider, key.kind, key.ref]
  )
  const journal = await db.query<{ journal_id: number; operation: string; state: string; attempts: number; request_ids: string[]; created_at: Date; updated_at: Date }>(
    'SELECT journal_id, operation, state, attempts, request_ids, created_at, updated_at FROM journal_outcome WHERE till_id = $1 AND provider = $2 AND subject = $3 ORDER BY journal_id',
    [key.tillId, key.provider, key.ref]
  )
  const audit = await db.query<{ audit_id: number; at: Date; actor_name: string | null; action: string; outcome: string; detail: string; chain_ok: boolean }>(
    'SELECT audit_id, at, actor_name, action, outcome, detail, chain_ok FROM audit WHERE till_id = $1 AND (subject = $2 OR about = $2) ORDER BY audit_id',
    [key.tillId, key.ref]
  )
  return {
    operation: toOperation(row),
    versions: versions.map((v) => ({
      version: v.version,
      status: v.status,
      detailStatus: v.detail_status,
      amountMinor: v.amount_minor,
      currency: v.currency,
      approvedBy: v.approved_by,
      offline: v.offline,
      providerRef: v.provider_ref,
      updatedAt: iso(v.updated_at),
      receivedAt: iso(v.received_at)
    })),
    journal: journal.map((j) => ({
      journalId: j.journal_id,
      operation: j.operation,
      state: j.state,
      attempts: j.attempts,
      requestIds: j.request_ids,
      createdAt: iso(j.created_at),
      updatedAt: iso(j.updated_at)
    })),
    audit: audit.map((a) => ({ auditId: a.audit_id, at: iso(a.at), actorName: a.actor_name, action: a.action, outcome: a.outcome, detail: a.detail, chainOk: a.chain_ok }))
  }
}

/**
 * What needs a manager in every till the account sees, oldest first, and what was done about
 * what needed one lately: the till's own later version of the row, and the till's audit entry
 * of the manager who settled it.
 */
export async function attention(db: Sql, scope: readonly string[] | null, store: string | null, limit = 200): Promise<Attention> {
  const stores = store ? [store] : scope
  const open = await db.query<LedgerRow & { store_name: string }>(
    `SELECT l.*, s.name AS store_name FROM ledger l JOIN store s ON s.store_id = l.store_id
     WHERE l.status = 'review' AND ($1::text[] IS NULL OR l.store_id = ANY($1)) ORDER BY l.created_at, l.till_id, l.ref LIMIT $2`,
    [stores, limit]
  )
  const resolved = await db.query<LedgerRow & { store_name: string; resolved_by: string | null; resolved_at: Date | null; resolution: string | null }>(
    `SELECT l.*, s.name AS store_name, a.actor_name AS resolved_by, a.at AS resolved_at, a.detail AS resolution
     FROM (SELECT DISTINCT till_id, provider, kind, ref FROM ledger_version WHERE status = 'review') v
     JOIN ledger l ON l.till_id = v.till_id AND l.provider = v.provider AND l.kind = v.kind AND l.ref = v.ref
     JOIN store s ON s.store_id = l.store_id
     LEFT JOIN LATERAL (SELECT actor_name, at, detail FROM audit WHERE till_id = l.till_id AND about = l.ref AND action = 'queue_item_resolved' ORDER BY at DESC LIMIT 1) a ON true
     WHERE l.status <> 'review' AND ($1::text[] IS NULL OR l.store_id = ANY($1))
     ORDER BY l.updated_at DESC LIMIT $2`,
    [stores, limit]
  )
  return {
    open: open.map((r) => ({ ...toOperation(r), storeName: r.store_name })),
    resolved: resolved.map((r) => {
      const said = ResolutionSchema.safeParse(parseJson(r.resolution))
      return {
        ...toOperation(r),
        storeName: r.store_name,
        resolvedBy: r.resolved_by,
        resolvedAt: r.resolved_at ? iso(r.resolved_at) : null,
        resolution: said.data?.resolution ?? null,
        note: said.data?.note ?? null
      }
    })
  }
}
