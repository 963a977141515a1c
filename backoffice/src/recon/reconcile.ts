import { z } from 'zod'
import { ReconTotalsSchema, type ReconItem, type ReconOutcome, type StatementImport } from '../../../shared/backoffice/screens'
import type { Currency } from '../../../shared/money'
import { recordAudit } from '../audit-log'
import { actorOf, type Account } from '../auth/accounts'
import type { Database, Sql } from '../db/database'
import { Refused } from '../refused'
import { mappingOf, RECONCILED_KINDS } from './mappings'
import { readStatement, type StatementLine } from './statement'

/**
 * A statement may list an operation a day or two from the till's day (time zones, the provider's
 * cut-off, settlement lag) [ASSUMED]: lines are matched against the tills' operations this many
 * days either side of the range, but only operations inside the range count as missing from it.
 */
export const MATCH_SLACK_DAYS = 2
const DAY_MS = 86_400_000
/** Lines sent to the database per statement. */
const CHUNK = 5000

interface ImportRequest {
  provider: string
  from: string
  to: string
  fileName: string
  csv: string
}

/**
 * Imports a provider's statement and matches it, by the provider's own id, against what every
 * till did in the day range (each store's days in its own time zone): matched, amount differs,
 * at the provider only, at a till only. Lines with the same id are summed first (a line listed
 * twice is an amount that differs, not a match). Everything happens in one transaction: an
 * import is there whole or not at all.
 */
export async function importStatement(db: Database, request: ImportRequest, by: Account, now: Date): Promise<StatementImport> {
  if (request.to < request.from) throw new Refused(400, 'bad_request', 'The day range ends before it starts.')
  const kinds = RECONCILED_KINDS[request.provider]
  if (!kinds) throw new Refused(400, 'bad_request', `There is no statement to reconcile for ${request.provider}.`)
  const mapping = await mappingOf(db, request.provider)
  const lines = readStatement(request.csv, mapping)
  const windowFrom = new Date(Date.parse(`${request.from}T00:00:00Z`) - (MATCH_SLACK_DAYS + 1) * DAY_MS).toISOString()
  const windowTo = new Date(Date.parse(`${request.to}T00:00:00Z`) + (MATCH_SLACK_DAYS + 2) * DAY_MS).toISOString()
  const importId = await db.transaction(async (tx) => {
    const [made] = await tx.query<{ import_id: number }>(
      `INSERT INTO statement_import (provider, day_from, day_to, file_name, lines, mapping, totals, imported_at, imported_by)
       VALUES ($1, $2, $3, $4, $5, $6::jsonb, '[]'::jsonb, $7, $8) RETURNING import_id`,
      [request.provider, request.from, request.to, request.fileName, lines.length, JSON.stringify(mapping), now.toISOString(), by.name]
    )
    const id = Number(made?.import_id)
    await tx.query('CREATE TEMP TABLE recon_line (line_no integer, ref text, amount bigint, currency text) ON COMMIT DROP')
    for (let i = 0; i < lines.length; i += CHUNK) await insertLines(tx, lines.slice(i, i + CHUNK))
    await tx.query(
      `CREATE TEMP TABLE recon_ledger ON COMMIT DROP AS
       SELECT l.till_id, l.store_id, l.kind, l.ref, l.provider_ref, lower(l.provider_ref) AS key, l.amount_minor, l.currency, l.created_at,
         (l.created_at AT TIME ZONE s.time_zone)::date BETWEEN $4::date AND $5::date AS in_range
       FROM ledger l JOIN store s ON s.store_id = l.store_id
       WHERE l.provider = $1 AND l.kind = ANY($2) AND l.status = 'done' AND l.created_at >= $3 AND l.created_at < $6`,
      [request.provider, kinds, windowFrom, request.from, request.to, windowTo]
    )
    await tx.query(
      `INSERT INTO recon_item (import_id, item_no, outcome, provider_ref, line_no, statement_amount, ledger_amount, currency, till_id, store_id, kind, ref, created_at)
       WITH lines AS (
         SELECT lower(ref) AS key, min(ref) AS ref, min(line_no) AS line_no, sum(abs(amount))::bigint AS amount, min(currency) AS currency FROM recon_line GROUP BY lower(ref)
       ), ops AS (
         SELECT key, min(provider_ref) AS provider_ref, sum(abs(amount_minor))::bigint AS amount, min(currency) AS currency, min(till_id) AS till_id, min(store_id) AS store_id,
           min(kind) AS kind, min(ref) AS ref, min(created_at) AS created_at, bool_or(in_range) AS in_range
         FROM recon_ledger WHERE key IS NOT NULL GROUP BY key
       ), outcomes AS (
         SELECT CASE WHEN o.key IS NULL THEN 'provider_only' WHEN l.amount = o.amount AND l.currency = o.currency THEN 'matched' ELSE 'amount_differs' END AS outcome,
           l.ref AS provider_ref, l.line_no, l.amount AS statement_amount, o.amount AS ledger_amount, l.currency, o.till_id, o.store_id, o.kind, o.ref, o.created_at
         FROM lines l LEFT JOIN ops o ON o.key = l.key
         UNION ALL
         SELECT 'till_only', o.provider_ref, NULL, NULL, o.amount, o.currency, o.till_id, o.store_id, o.kind, o.ref, o.created_at
         FROM ops o WHERE o.in_range AND NOT EXISTS (SELECT 1 FROM lines l WHERE l.key = o.key)
         UNION ALL
         SELECT 'till_only', NULL, NULL, NULL, abs(r.amount_minor), r.currency, r.till_id, r.store_id, r.kind, r.ref, r.created_at
         FROM recon_ledger r WHERE r.key IS NULL AND r.in_range
       )
       SELECT $1, row_number() OVER (ORDER BY CASE outcome WHEN 'amount_differs' THEN 0 WHEN 'provider_only' THEN 1 WHEN 'till_only' THEN 2 ELSE 3 END, created_at NULLS FIRST, line_no, provider_ref, ref),
         outcome, provider_ref, line_no, statement_amount, ledger_amount, currency, till_id, store_id, kind, ref, created_at
       FROM outcomes`,
      [id]
    )
    const totals = await totalsOf(tx, id)
    await tx.query('UPDATE statement_import SET totals = $2::jsonb WHERE import_id = $1', [id, JSON.stringify(totals)])
    await recordAudit(tx, {
      at: now,
      actor: actorOf(by),
      action: 'statement_imported',
      subject: `${request.provider} ${request.from}..${request.to}`,
      outcome: 'ok',
      detail: { importId: id, fileName: request.fileName, lines: lines.length, totals }
    })
    return id
  })
  const imported = await statementImport(db, importId)
  if (!imported) throw new Error(`statement import ${importId} vanished`)
  return imported
}

async function insertLines(tx: Sql, lines: StatementLine[]): Promise<void> {
  await tx.query(
    `INSERT INTO recon_line (line_no, ref, amount, currency)
     SELECT r."lineNo", r."providerRef", r."amountMinor", r.currency FROM jsonb_to_recordset($1::jsonb) AS r("lineNo" integer, "providerRef" text, "amountMinor" bigint, currency text)`,
    [JSON.stringify(lines)]
  )
}

type Totals = z.infer<typeof ReconTotalsSchema>

/** Per currency: what the statement says, what the tills did, and each outcome's count and amount. */
async function totalsOf(db: Sql, importId: number): Promise<Totals[]> {
  const rows = await db.query<{ currency: Currency | null; outcome: ReconOutcome; n: number; statement: number; ledger: number }>(
    `SELECT currency, outcome, count(*)::int AS n, coalesce(sum(statement_amount), 0)::bigint AS statement, coalesce(sum(ledger_amount), 0)::bigint AS ledger
     FROM recon_item WHERE import_id = $1 GROUP BY currency, outcome ORDER BY currency`,
    [importId]
  )
  const byCurrency = new Map<Currency, Totals>()
  const zero = () => ({ count: 0, amount: 0 })
  for (const r of rows) {
    if (r.currency === null) continue
    const currency = r.currency
    const t = byCurrency.get(currency) ?? { currency, statement: zero(), tills: zero(), matched: zero(), amount_differs: { ...zero(), difference: 0 }, provider_only: zero(), till_only: zero() }
    byCurrency.set(currency, t)
    if (r.outcome !== 'till_only') {
      t.statement.count += r.n
      t.statement.amount += r.statement
    }
    if (r.outcome !== 'provider_only') {
      t.tills.count += r.n
      t.tills.amount += r.ledger
    }
    t[r.outcome].count += r.n
    t[r.outcome].amount += r.outcome === 'till_only' ? r.ledger : r.statement
    if (r.outcome === 'amount_differs') t.amount_differs.difference += r.statement - r.ledger
  }
  return z.array(ReconTotalsSchema).parse([...byCurrency.values()])
}

interface ImportRow {
  import_id: number
  provider: string
  day_from: Date | string
  day_to: Date | string
  file_name: string
  lines: number
  imported_at: Date
  imported_by: string
  totals: unknown
}

/** A calendar date as PostgreSQL and PGlite hand it back (a Date at UTC midnight, or text). */
const dateText = (value: Date | string): string => (typeof value === 'string' ? value.slice(0, 10) : value.toISOString().slice(0, 10))

function toImport(r: ImportRow): StatementImport {
  return {
    importId: Number(r.import_id),
    provider: r.provider,
    from: dateText(r.day_from),
    to: dateText(r.day_to),
    fileName: r.file_name,
    lines: r.lines,
    importedAt: new Date(r.imported_at).toISOString(),
    importedBy: r.imported_by,
    totals: z.array(ReconTotalsSchema).parse(r.totals)
  }
}

export async function statementImport(db: Sql, importId: number): Promise<StatementImport | null> {
  const [row] = await db.query<ImportRow>(
    "SELECT import_id, provider, to_char(day_from, 'YYYY-MM-DD') AS day_from, to_char(day_to, 'YYYY-MM-DD') AS day_to, file_name, lines, imported_at, imported_by, totals FROM statement_import WHERE import_id = $1",
    [importId]
  )
  return row ? toImport(row) : null
}

export async function statementImports(db: Sql, limit = 50): Promise<StatementImport[]> {
  const rows = await db.query<ImportRow>(
    "SELECT import_id, provider, to_char(day_from, 'YYYY-MM-DD') AS day_from, to_char(day_to, 'YYYY-MM-DD') AS day_to, file_name, lines, imported_at, imported_by, totals FROM statement_import ORDER BY import_id DESC LIMIT $1",
    [limit]
  )
  return rows.map(toImport)
}

interface ItemRow {
  item_no: number
  outcome: ReconOutcome
  provider_ref: string | null
  line_no: number | null
  statement_amount: number | null
  ledger_amount: number | null
  currency: string | null
  till_id: string | null
  store_id: string | null
  kind: string | null
  ref: string | null
  created_at: Date | null
}

const toItem = (r: ItemRow): ReconItem => ({
  itemNo: r.item_no,
  outcome: r.outcome,
  providerRef: r.provider_ref,
  lineNo: r.line_no,
  statementAmount: r.statement_amount,
  ledgerAmount: r.ledger_amount,
  currency: r.currency,
  tillId: r.till_id,
  storeId: r.store_id,
  kind: r.kind,
  ref: r.ref,
  createdAt: r.created_at ? new Date(r.created_at).toISOString() : null
})

/** A page of an import's items, differences first; `differencesOnly` leaves the matched ones out (the export). */
export async function reconItems(
  db: Sql,
  importId: number,
  q: { outcome?: ReconOutcome | undefined; after?: number | undefined; limit: number; differencesOnly?: boolean }
): Promise<{ items: ReconItem[]; next: number | null }> {
  const rows = await db.query<ItemRow>(
    `SELECT item_no, outcome, provider_ref, line_no, statement_amount, ledger_amount, currency, till_id, store_id, kind, ref, created_at FROM recon_item
     WHERE import_id = $1 AND ($2::text IS NULL OR outcome = $2) AND item_no > $3 AND (NOT $4 OR outcome <> 'matched') ORDER BY item_no LIMIT $5`,
    [importId, q.outcome ?? null, q.after ?? 0, q.differencesOnly === true, q.limit + 1]
  )
  const page = rows.slice(0, q.limit)
  return { items: page.map(toItem), next: rows.length > q.limit ? (page.at(-1)?.item_no ?? null) : null }
}
