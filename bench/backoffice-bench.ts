import { spawn } from 'node:child_process'
import { percentile } from './stats'
import { createHash } from 'node:crypto'
import { join } from 'node:path'
import { performance } from 'node:perf_hooks'
import pg from 'pg'
import { auditHashMaterial, GENESIS_HASH } from '../shared/audit-chain'
import type { Batch, OutboxEvent } from '../shared/backoffice/protocol'
import { createCore } from '../electron/core/core'
import { silentLogger } from '../electron/core/log/logger'
import { startPostgres } from '../test/helpers/postgres'

const TILLS = Number(process.env['BENCH_BACKOFFICE_TILLS'] ?? 200)
const BATCHES_PER_TILL = Number(process.env['BENCH_BACKOFFICE_BATCHES'] ?? 5)
/** A batch of 25 operations: two ledger versions, a search term, an audit entry and a journal outcome each. */
const OPERATIONS_PER_BATCH = 25
const EVENTS_PER_OPERATION = 5
const VISIBLE_SAMPLES = Number(process.env['BENCH_BACKOFFICE_VISIBLE'] ?? 60)

/** The built back office in a process of its own (the load comes from this one), on a PostgreSQL server. */
export async function startService(root: string, databaseUrl: string): Promise<{ url: string; stop(): void }> {
  const child = spawn(process.execPath, [join(root, 'out', 'backoffice', 'index.mjs')], {
    env: { ...process.env, DATABASE_URL: databaseUrl, BACKOFFICE_PORT: '0' },
    stdio: ['ignore', 'pipe', 'inherit']
  })
  const url = await new Promise<string>((resolve, reject) => {
    let out = ''
    child.stdout.on('data', (chunk: Buffer) => {
      out += chunk.toString()
      const match = /running at (http:\/\/127\.0\.0\.1:\d+)/.exec(out)
      if (match?.[1]) resolve(match[1])
    })
    child.once('exit', (code) => reject(new Error(`the back office exited with ${code}: ${out}`)))
  })
  return { url, stop: () => child.kill('SIGTERM') }
}

async function enrol(url: string, databaseUrl: string, tillId: string, fromSeq = 1, auditHead = GENESIS_HASH): Promise<string> {
  const { createEnrolmentCode } = await import('../backoffice/src/tills')
  const { postgres } = await import('../backoffice/src/db/database')
  const db = postgres(databaseUrl, { max: 1 })
  const { code } = await createEnrolmentCode(db, { id: 'BENCH', name: 'Bench store', timeZone: 'Asia/Kolkata' }, new Date())
  await db.close()
  const answer = (await (
    await fetch(`${url}/api/v1/enrol`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify({ code, tillId, fromSeq, auditHead }) })
  ).json()) as { tillKey: string }
  return answer.tillKey
}

/** A simulated till's outbox: realistic events, its audit chain computed as a till computes it. */
function batchesOf(tillId: string): Batch[] {
  let seq = 0
  let head = GENESIS_HASH
  let auditId = 0
  const batches: Batch[] = []
  for (let b = 0; b < BATCHES_PER_TILL; b++) {
    const events: OutboxEvent[] = []
    const fromSeq = seq + 1
    for (let o = 0; o < OPERATIONS_PER_BATCH; o++) {
      const ref = `T${tillId}-${b}-${o}`
      const at = new Date(Date.UTC(2026, 11, 6, 8, b, o)).toISOString()
      const ledger = {
        provider: 'gotit',
        kind: 'redemption',
        ref,
        detailStatus: 'open',
        amountMinor: 100000,
        currency: 'VND',
        staffId: 'staff-1',
        staffName: 'Mai Manager',
        approvedBy: null,
        offline: false,
        summary: '••••0042 ••••0043',
        createdAt: at,
        updatedAt: at
      }
      events.push({ seq: ++seq, kind: 'ledger', data: { ...ledger, status: 'open' } })
      const entry = {
        at,
        tillId,
        actorId: 'staff-1',
        actorName: 'Mai Manager',
        action: 'redemption_requested',
        subject: ref,
        outcome: 'ok',
        detail: JSON.stringify({ codes: '••••0042 ••••0043', amount: 100000 })
      }
      const hash = createHash('sha256').update(auditHashMaterial(head, entry)).digest('hex')
      events.push({ seq: ++seq, kind: 'audit', data: { id: ++auditId, ...entry, prevHash: head, hash } })
      head = hash
      events.push({ seq: ++seq, kind: 'journal', data: { id: auditId, provider: 'gotit', operation: 'gotit.markUse', subject: ref, state: 'succeeded', attempts: 1, createdAt: at, updatedAt: at } })
      events.push({ seq: ++seq, kind: 'ledger', data: { ...ledger, status: 'done', detailStatus: 'redeemed' } })
      events.push({ seq: ++seq, kind: 'term', data: { provider: 'gotit', kind: 'redemption', ref, term: `tx-${ref}` } })
    }
    batches.push({ fromSeq, toSeq: seq, sentAt: new Date().toISOString(), backlog: { count: 0, oldestAt: null }, events })
  }
  return batches
}

/**
 * What the back office does with a chain's load, on a real PostgreSQL server (fsync on): 200
 * simulated tills push their batches at once (one in flight each), then a real till's commits
 * are timed until they are readable in the back office at the default send interval.
 */
export async function backofficeFigures(root: string): Promise<Record<string, number>> {
  const cluster = await startPostgres()
  try {
    const databaseUrl = await cluster.database()
    const service = await startService(root, databaseUrl)
    try {
      const tills = Array.from({ length: TILLS }, (_, i) => `bench-till-${String(i).padStart(3, '0')}`)
      const keys = new Map<string, string>()
      for (const tillId of tills) keys.set(tillId, await enrol(service.url, databaseUrl, tillId))
      const work = new Map(tills.map((tillId) => [tillId, batchesOf(tillId).map((b) => JSON.stringify(b))]))
      const started = performance.now()
      await Promise.all(
        tills.map(async (tillId) => {
          for (const body of work.get(tillId) ?? []) {
            const answer = await fetch(`${service.url}/api/v1/ingest`, { method: 'POST', headers: { authorization: `Bearer ${keys.get(tillId)}`, 'content-type': 'application/json' }, body })
            if (answer.status !== 200) throw new Error(`ingest answered ${answer.status}: ${await answer.text()}`)
          }
        })
      )
      const seconds = (performance.now() - started) / 1000
      const events = TILLS * BATCHES_PER_TILL * OPERATIONS_PER_BATCH * EVENTS_PER_OPERATION
      const client = new pg.Client({ connectionString: databaseUrl })
      await client.connect()
      const [size] = (
        await client.query<{ bytes: string }>(
          "SELECT (SELECT sum(pg_total_relation_size(relid)) FROM pg_partition_tree('ledger')) + (SELECT sum(pg_total_relation_size(relid)) FROM pg_partition_tree('audit')) + pg_total_relation_size('journal_outcome') + pg_total_relation_size('ledger_term') + pg_total_relation_size('ingest_batch') AS bytes"
        )
      ).rows
      const operations = TILLS * BATCHES_PER_TILL * OPERATIONS_PER_BATCH

      // A real till, enrolled, at the default send interval: from its commit to the row being readable there.
      const { mkdtempSync, rmSync } = await import('node:fs')
      const { tmpdir } = await import('node:os')
      const dir = mkdtempSync(join(tmpdir(), 'till-bench-bo-'))
      const core = createCore({ dataDir: dir, host: 'web', version: 'bench', logger: silentLogger, env: {} })
      const status = core.backoffice.status()
      const tillKey = await enrol(service.url, databaseUrl, status.enrolment.tillId, status.enrolment.fromSeq, status.enrolment.auditHead)
      await core.close()
      const visibleCore = createCore({ dataDir: dir, host: 'web', version: 'bench', logger: silentLogger, env: { TILL_BACKOFFICE_URL: service.url, TILL_BACKOFFICE_KEY: tillKey } })
      const tillId = visibleCore.context.identity.tillId
      const waits: number[] = []
      for (let i = 0; i < VISIBLE_SAMPLES; i++) {
        const ref = `VISIBLE-${i}`
        await new Promise((resolve) => setTimeout(resolve, Math.random() * 300))
        const committed = performance.now()
        visibleCore.context.db.transaction(() =>
          visibleCore.context.history.record({ provider: 'gotit', kind: 'redemption', ref, status: 'done', detailStatus: 'redeemed', at: new Date().toISOString() })
        )()
        for (;;) {
          const found = await client.query('SELECT 1 FROM ledger WHERE till_id = $1 AND ref = $2', [tillId, ref])
          if (found.rowCount) break
          await new Promise((resolve) => setTimeout(resolve, 5))
        }
        waits.push(performance.now() - committed)
      }
      await visibleCore.close()
      rmSync(dir, { recursive: true, force: true })
      await client.end()
      waits.sort((a, b) => a - b)
      return {
        backoffice_ingest_events_per_s: events / seconds,
        backoffice_ingest_events: events,
        backoffice_ingest_tills: TILLS,
        backoffice_bytes_per_operation: Number(size?.bytes ?? NaN) / operations,
        backoffice_visible_p50_ms: percentile(waits, 50),
        backoffice_visible_p95_ms: percentile(waits, 95)
      }
    } finally {
      service.stop()
    }
  } finally {
    await cluster.stop()
  }
}
