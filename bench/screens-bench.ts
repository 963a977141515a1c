import { performance } from 'node:perf_hooks'
import { percentile } from './stats'
import pg from 'pg'
import { createUser, DEFAULT_SIGN_IN_POLICY } from '../backoffice/src/auth/accounts'
import { openDatabase } from '../backoffice/src/open'
import { ensurePartitions } from '../backoffice/src/db/partitions'
import { startPostgres } from '../test/helpers/postgres'
import { startService } from './backoffice-bench'

/** A chain at scale: this many ledger rows over this many stores (four tills each), over the last DAYS days. */
const ROWS = Number(process.env['BENCH_SCREENS_ROWS'] ?? 10_000_000)
const STORES = Number(process.env['BENCH_SCREENS_STORES'] ?? 500)
const TILLS_PER_STORE = 4
const DAYS = 90
const SAMPLES = Number(process.env['BENCH_SCREENS_SAMPLES'] ?? 60)
const STATEMENT_LINES = 100_000
const ZONES = ['Asia/Ho_Chi_Minh', 'Asia/Kolkata', 'Europe/Oslo']
const PASSWORD = 'bench password 1'

/**
 * Seeds the chain straight into PostgreSQL, with the schema's own indexes dropped while the rows
 * go in and made again after (as a bulk load is done; the same definitions, read from the
 * catalogue). One search term per row: the last 4 of its voucher or card.
 */
async function seed(client: pg.Client, now: Date): Promise<number> {
  const started = performance.now()
  await client.query("SET maintenance_work_mem = '1GB'")
  await client.query(
    `INSERT INTO store (store_id, name, time_zone) SELECT 'S' || lpad(s::text, 3, '0'), 'Store ' || s, (ARRAY['${ZONES.join("','")}'])[1 + s % ${ZONES.length}] FROM generate_series(1, ${STORES}) s`
  )
  await client.query(
    `INSERT INTO till (till_id, store_id, name, key_hash, applied_seq, audit_head, enrolled_at, last_seen_at, last_batch_at, skew_ms, backlog)
     SELECT 'S' || lpad(s::text, 3, '0') || '-T' || t, 'S' || lpad(s::text, 3, '0'), 'Till ' || t, md5(s::text || t::text), 0, repeat('0', 64), now(), now(), now(), 0, 0
     FROM generate_series(1, ${STORES}) s, generate_series(1, ${TILLS_PER_STORE}) t`
  )
  const indexes = async (table: string) =>
    (await client.query<{ name: string; def: string }>("SELECT indexname AS name, indexdef AS def FROM pg_indexes WHERE tablename = $1 AND indexname NOT LIKE '%pkey'", [table])).rows
  const ledgerIndexes = await indexes('ledger')
  const termIndexes = await indexes('ledger_term')
  for (const index of [...ledgerIndexes, ...termIndexes]) await client.query(`DROP INDEX ${index.name}`)
  await client.query('ALTER TABLE ledger DROP CONSTRAINT ledger_pkey')
  await client.query('ALTER TABLE ledger_term DROP CONSTRAINT ledger_term_pkey')
  const span = DAYS * 86_400
  const chunk = 1_000_000
  for (let from = 1; from <= ROWS; from += chunk) {
    const to = Math.min(ROWS, from + chunk - 1)
    // n picks the store, the till, the provider, the time and the status; every row of a till has its own ref.
    await client.query(
      `WITH made AS (INSERT INTO ledger (till_id, store_id, provider, kind, ref, status, detail_status, amount_minor, currency, staff_id, staff_name, approved_by, offline, summary, provider_ref, version, created_at, updated_at, received_at)
       SELECT r.till, r.store, r.provider, r.kind, 'B' || n, r.status, r.status, 10000 * (1 + n % 50), r.currency, 'staff-' || (n % 5), 'Cashier ' || (n % 5), NULL, n % 50 = 0,
         '••••' || lpad((n * 7919 % 10000)::text, 4, '0'), 'TX' || n, n, r.at, r.at, r.at
       FROM generate_series(${from}::bigint, ${to}::bigint) n,
       LATERAL (SELECT 'S' || lpad((1 + n % ${STORES})::text, 3, '0') AS store,
         'S' || lpad((1 + n % ${STORES})::text, 3, '0') || '-T' || (1 + (n / ${STORES}) % ${TILLS_PER_STORE}) AS till,
         (ARRAY['gotit','gotit','gotit','gotit','gotit','gotit','gotit','hubble','vipps','juspay'])[1 + n % 10] AS provider,
         (ARRAY['redemption','redemption','redemption','redemption','redemption','redemption','redemption','gift_sale','receipt','refund'])[1 + n % 10] AS kind,
         (ARRAY['VND','VND','VND','VND','VND','VND','VND','INR','NOK','INR'])[1 + n % 10] AS currency,
         CASE WHEN n % 97 = 0 THEN 'review' WHEN n % 53 = 0 THEN 'failed' WHEN n % 31 = 0 THEN 'open' ELSE 'done' END AS status,
         $1::timestamptz - make_interval(secs => (n::bigint * 7907) % ${span}) AS at) r
       RETURNING till_id, provider, kind, ref, summary, store_id, created_at)
       INSERT INTO ledger_term (till_id, provider, kind, ref, term, store_id, created_at) SELECT till_id, provider, kind, ref, right(summary, 4), store_id, created_at FROM made`,
      [now.toISOString()]
    )
  }
  await client.query('ALTER TABLE ledger ADD PRIMARY KEY (till_id, provider, kind, ref, created_at)')
  await client.query('ALTER TABLE ledger_term ADD PRIMARY KEY (till_id, provider, kind, ref, term)')
  // The catalogue writes a partitioned table's index as ON ONLY (the parent alone); made again, it covers every partition.
  for (const index of [...ledgerIndexes, ...termIndexes]) await client.query(index.def.replace(' ON ONLY ', ' ON '))
  await client.query('ANALYZE')
  return (performance.now() - started) / 1000
}

async function signedIn(url: string, login: string): Promise<string> {
  const answer = await fetch(`${url}/api/bo/session`, {
    method: 'POST',
    headers: { 'content-type': 'application/json', 'x-till-backoffice': '1' },
    body: JSON.stringify({ login, password: PASSWORD })
  })
  if (answer.status !== 200) throw new Error(`sign-in answered ${answer.status}: ${await answer.text()}`)
  return (answer.headers.get('set-cookie') ?? '').split(';')[0] ?? ''
}

/** Times calls made one after another through the service, as a manager's page makes them. */
async function timed(samples: number, call: (i: number) => Promise<Response>): Promise<number[]> {
  const times: number[] = []
  for (let i = 0; i < samples; i++) {
    const started = performance.now()
    const answer = await call(i)
    const body = await answer.text()
    times.push(performance.now() - started)
    if (answer.status !== 200) throw new Error(`the back office answered ${answer.status}: ${body.slice(0, 300)}`)
  }
  return times.sort((a, b) => a - b)
}

/**
 * The managers' screens at a chain's scale: ten million ledger rows in PostgreSQL over 500
 * stores; a store's day page, a search by last 4 (for one store's manager, and chain-wide for
 * head office) and a reconciliation of a 100,000-line statement, each through the real service.
 */
export async function screensFigures(root: string): Promise<Record<string, number>> {
  const cluster = await startPostgres()
  try {
    const databaseUrl = await cluster.database()
    const now = new Date()
    const db = await openDatabase({ databaseUrl, dataDir: '', now })
    await ensurePartitions(db, now, 4, 1)
    const cheap = { ...DEFAULT_SIGN_IN_POLICY, cost: { N: 1024, r: 8, p: 1 } }
    const client = new pg.Client({ connectionString: databaseUrl })
    // The server is stopped at the end, with this client still open: that is not an error to end the process on.
    client.on('error', () => undefined)
    await client.connect()
    const seedSeconds = await seed(client, now)
    await createUser(db, { login: 'hq', name: 'Head office', role: 'head_office', password: PASSWORD, stores: [] }, null, now, cheap)
    await createUser(db, { login: 'manager', name: 'A manager', role: 'store_manager', password: PASSWORD, stores: ['S042'] }, null, now, cheap)
    await db.close()
    if (process.env['BENCH_SCREENS_HOLD']) {
      // To look at the plans: the seeded server stays up until this process is interrupted.
      process.stderr.write(`seeded in ${seedSeconds.toFixed(1)} s; psql "${databaseUrl}" (Ctrl+C ends)\n`)
      await new Promise((resolve) => process.once('SIGINT', resolve))
    }
    const [size] = (await client.query<{ bytes: string }>("SELECT (SELECT sum(pg_total_relation_size(relid)) FROM pg_partition_tree('ledger')) + pg_total_relation_size('ledger_term') AS bytes")).rows

    const service = await startService(root, databaseUrl)
    try {
      const hq = await signedIn(service.url, 'hq')
      const manager = await signedIn(service.url, 'manager')
      const get = (cookie: string, path: string) => fetch(`${service.url}${path}`, { headers: { cookie } })
      const dayOf = (i: number) => new Date(now.getTime() - (1 + (i % 60)) * 86_400_000).toISOString().slice(0, 10)
      // Warm the service and the server's caches the way a first visit would.
      await timed(5, (i) => get(hq, `/api/bo/day?store=S${String(1 + i).padStart(3, '0')}&day=${dayOf(i)}`))
      const day = await timed(SAMPLES, (i) => get(hq, `/api/bo/day?store=S${String(1 + ((i * 37) % STORES)).padStart(3, '0')}&day=${dayOf(i)}`))
      const last4 = (i: number) => String((i * 7919 + 1234) % 10000).padStart(4, '0')
      const searchStore = await timed(SAMPLES, (i) => get(manager, `/api/bo/operations?search=${last4(i)}`))
      const searchChain = await timed(SAMPLES, (i) => get(hq, `/api/bo/operations?search=${last4(i + 1000)}`))

      // A statement of 100,000 Got It lines from two days: most as the tills have them, some with another amount, some no till made.
      const rows = (
        await client.query<{ provider_ref: string; amount_minor: string }>(
          "SELECT provider_ref, amount_minor FROM ledger WHERE provider = 'gotit' AND status = 'done' AND created_at >= $1 AND created_at < $2 LIMIT $3",
          [new Date(now.getTime() - 3 * 86_400_000).toISOString(), new Date(now.getTime() - 1 * 86_400_000).toISOString(), STATEMENT_LINES]
        )
      ).rows
      const lines = rows.map((r, i) => `${i % 50 === 0 ? `NOT-${i}` : r.provider_ref},2026-01-01 10:00:00,BILL,1,${i % 33 === 0 ? Number(r.amount_minor) + 1000 : r.amount_minor}`)
      while (lines.length < STATEMENT_LINES) lines.push(`EXTRA-${lines.length},2026-01-01 10:00:00,BILL,1,5000`)
      const csv = `Transaction ID,Used at,Bill number,Store,Amount (VND)\n${lines.join('\n')}\n`
      const from = new Date(now.getTime() - 3 * 86_400_000).toISOString().slice(0, 10)
      const to = new Date(now.getTime() - 2 * 86_400_000).toISOString().slice(0, 10)
      const started = performance.now()
      const answer = await fetch(`${service.url}/api/bo/recon/imports`, {
        method: 'POST',
        headers: { cookie: hq, 'content-type': 'application/json', 'x-till-backoffice': '1' },
        body: JSON.stringify({ provider: 'gotit', from, to, fileName: 'bench.csv', csv })
      })
      const imported = (await answer.json()) as { totals?: { matched: { count: number }; till_only: { count: number } }[] }
      const reconSeconds = (performance.now() - started) / 1000
      if (answer.status !== 200) throw new Error(`the reconciliation answered ${answer.status}: ${JSON.stringify(imported).slice(0, 300)}`)
      return {
        screens_ledger_rows: ROWS,
        screens_stores: STORES,
        screens_seed_s: seedSeconds,
        screens_bytes_per_row: Number(size?.bytes ?? NaN) / ROWS,
        screens_day_page_p50_ms: percentile(day, 50),
        screens_day_page_p95_ms: percentile(day, 95),
        screens_search_last4_store_p95_ms: percentile(searchStore, 95),
        screens_search_last4_chain_p50_ms: percentile(searchChain, 50),
        screens_search_last4_chain_p95_ms: percentile(searchChain, 95),
        screens_recon_lines: STATEMENT_LINES,
        screens_recon_s: reconSeconds,
        screens_recon_matched: imported.totals?.[0]?.matched.count ?? NaN,
        screens_recon_till_only: imported.totals?.[0]?.till_only.count ?? NaN
      }
    } finally {
      service.stop()
      await client.end()
    }
  } finally {
    await cluster.stop()
  }
}
