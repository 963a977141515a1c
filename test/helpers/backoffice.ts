import { createHash } from 'node:crypto'
import { mkdtempSync, rmSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { afterAll, afterEach, beforeAll } from 'vitest'
import { auditHashMaterial, GENESIS_HASH } from '../../shared/audit-chain'
import type { AuditData, Batch, JournalData, LedgerData, OutboxEvent } from '../../shared/backoffice/protocol'
import type { Database } from '../../backoffice/src/db/database'
import { openDatabase } from '../../backoffice/src/open'
import { notePostgres, postgresBin, startPostgres, type PostgresCluster } from './postgres'

/**
 * The databases the back office's tests run on: a real PostgreSQL server where one is installed
 * (CI installs it and sets TILL_REQUIRE_POSTGRES, so it is never skipped there), and the embedded
 * PGlite always.
 */
export const databaseKinds: ('postgres' | 'pglite')[] = (() => {
  const available = postgresBin() !== null
  if (!available && process.env['TILL_REQUIRE_POSTGRES']) throw new Error('TILL_REQUIRE_POSTGRES is set but PostgreSQL is not installed (apt-get install -y postgresql).')
  notePostgres(available)
  return available ? ['postgres', 'pglite'] : ['pglite']
})()

/** Opens a fresh, migrated back-office database of a kind for each test, closed after it. */
export function useBackofficeDatabases(kind: 'postgres' | 'pglite'): { open(now?: Date): Promise<Database>; cluster(): PostgresCluster | null } {
  let cluster: PostgresCluster | null = null
  const open: Database[] = []
  const dirs: string[] = []
  beforeAll(async () => {
    if (kind === 'postgres') cluster = await startPostgres({ fsync: false })
  }, 60_000)
  afterAll(async () => {
    await cluster?.stop()
  })
  afterEach(async () => {
    for (const db of open.splice(0)) await db.close().catch(() => undefined)
    for (const dir of dirs.splice(0)) rmSync(dir, { recursive: true, force: true })
  })
  return {
    async open(now = new Date()) {
      let db: Database
      if (cluster) db = await openDatabase({ databaseUrl: await cluster.database(), dataDir: '', now })
      else {
        const dir = mkdtempSync(join(tmpdir(), 'till-pglite-'))
        dirs.push(dir)
        db = await openDatabase({ dataDir: dir, now })
      }
      open.push(db)
      return db
    },
    cluster: () => cluster
  }
}

/** A till's outbox as a test writes it: ledger versions, audit entries chained as the till chains them, journal outcomes. */
export class FakeTill {
  private seq: number
  private head: string
  private auditId = 0

  constructor(
    readonly tillId: string,
    startSeq = 1,
    head = GENESIS_HASH
  ) {
    this.seq = startSeq - 1
    this.head = head
  }

  get nextSeq(): number {
    return this.seq + 1
  }

  get auditHead(): string {
    return this.head
  }

  ledger(ref: string, fields: Partial<LedgerData> = {}): OutboxEvent {
    const at = fields.updatedAt ?? '2026-12-06T08:00:00.000Z'
    return {
      seq: ++this.seq,
      kind: 'ledger',
      data: {
        provider: 'gotit',
        kind: 'redemption',
        ref,
        status: 'open',
        detailStatus: 'open',
        amountMinor: 100000,
        currency: 'VND',
        staffId: 's1',
        staffName: 'Mai',
        approvedBy: null,
        offline: false,
        summary: '••••0001',
        createdAt: '2026-12-06T08:00:00.000Z',
        updatedAt: at,
        ...fields
      }
    }
  }

  term(ref: string, term: string, row: { provider: string; kind: string } = { provider: 'gotit', kind: 'redemption' }): OutboxEvent {
    return { seq: ++this.seq, kind: 'term', data: { ...row, ref, term } }
  }

  audit(action: string, fields: Partial<AuditData> = {}): OutboxEvent {
    const entry = { at: '2026-12-06T08:00:00.000Z', tillId: this.tillId, actorId: 's1', actorName: 'Mai', action, subject: null, outcome: 'ok', detail: '{}', ...fields }
    const hash = createHash('sha256').update(auditHashMaterial(this.head, entry)).digest('hex')
    const data: AuditData = { id: ++this.auditId, ...entry, prevHash: this.head, hash }
    this.head = hash
    return { seq: ++this.seq, kind: 'audit', data }
  }

  journal(id: number, state: string, fields: Partial<JournalData> = {}): OutboxEvent {
    return {
      seq: ++this.seq,
      kind: 'journal',
      data: { id, provider: 'gotit', operation: 'gotit.markUse', subject: 'B1', state, attempts: 1, createdAt: '2026-12-06T08:00:00.000Z', updatedAt: '2026-12-06T08:00:01.000Z', ...fields }
    }
  }

  batch(events: OutboxEvent[], sentAt = '2026-12-06T08:00:02.000Z'): Batch {
    const seqs = events.map((e) => e.seq)
    return { fromSeq: Math.min(...seqs), toSeq: Math.max(...seqs), sentAt, backlog: { count: 0, oldestAt: null }, events }
  }
}
