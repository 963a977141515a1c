import { createHash } from 'node:crypto'
import type { Db } from '../db/connection'
import { AuditEntrySchema, type AuditAction, type AuditEntry, type AuditOutcome, type AuditVerification } from '../../../shared/domain/audit'
import type { StaffSummary } from '../../../shared/domain/staff'
import { auditHashMaterial, GENESIS_HASH } from '../../../shared/audit-chain'

export type AuditDetail = Record<string, string | number | boolean | null>
const AuditDetailSchema = AuditEntrySchema.shape.detail

export interface AuditRecord {
  actor: StaffSummary | null
  action: AuditAction
  subject?: string | null
  outcome: AuditOutcome
  detail?: AuditDetail
}

interface AuditRow {
  id: number
  at: string
  till_id: string
  actor_id: string | null
  actor_name: string | null
  action: AuditAction
  subject: string | null
  outcome: AuditOutcome
  detail: string
  prev_hash: string
  hash: string
}

export { GENESIS_HASH }

/** An entry's fields as the chain and the screens name them, from its stored row. */
function fieldsOf(row: Omit<AuditRow, 'id' | 'prev_hash' | 'hash' | 'detail'>) {
  return { at: row.at, tillId: row.till_id, actorId: row.actor_id, actorName: row.actor_name, action: row.action, subject: row.subject, outcome: row.outcome }
}

function entryHash(prevHash: string, row: Omit<AuditRow, 'id' | 'prev_hash' | 'hash'>): string {
  const material = auditHashMaterial(prevHash, { ...fieldsOf(row), detail: row.detail })
  return createHash('sha256').update(material).digest('hex')
}

/**
 * The append-only audit trail. Triggers refuse UPDATE and DELETE; the hash chain lets a manager
 * prove that nobody went around them (editing the file directly, say).
 */
export class AuditLog {
  constructor(
    private readonly db: Db,
    private readonly tillId: string,
    private readonly now: () => Date
  ) {}

  /** Call inside the transaction that makes the change, so the change and its record land together. */
  append(record: AuditRecord): void {
    const last = this.db.prepare('SELECT hash FROM audit_log ORDER BY id DESC LIMIT 1').pluck().get() as string | undefined
    const prevHash = last ?? GENESIS_HASH
    const row = {
      at: this.now().toISOString(),
      till_id: this.tillId,
      actor_id: record.actor?.id ?? null,
      actor_name: record.actor?.name ?? null,
      action: record.action,
      subject: record.subject ?? null,
      outcome: record.outcome,
      detail: JSON.stringify(record.detail ?? {})
    }
    this.db
      .prepare(
        'INSERT INTO audit_log (at, till_id, actor_id, actor_name, action, subject, outcome, detail, prev_hash, hash) VALUES (@at, @till_id, @actor_id, @actor_name, @action, @subject, @outcome, @detail, @prev_hash, @hash)'
      )
      .run({ ...row, prev_hash: prevHash, hash: entryHash(prevHash, row) })
  }

  /** When the latest entry of an action was written (the last shift close, say). */
  lastAt(action: AuditAction): string | undefined {
    return this.db.prepare('SELECT at FROM audit_log WHERE action = ? ORDER BY id DESC LIMIT 1').pluck().get(action) as string | undefined
  }

  /** Newest first. */
  page(before: number | undefined, limit: number): AuditEntry[] {
    const rows = this.db.prepare<[number, number], AuditRow>('SELECT * FROM audit_log WHERE id < ? ORDER BY id DESC LIMIT ?').all(before ?? Number.MAX_SAFE_INTEGER, limit)
    return rows.map((row) => ({ id: row.id, ...fieldsOf(row), detail: AuditDetailSchema.parse(JSON.parse(row.detail)), hash: row.hash }))
  }

  /** Walks the whole chain from the first entry; reports the first entry that does not fit. */
  verify(): AuditVerification {
    let prevHash = GENESIS_HASH
    let expectedId = 1
    let checked = 0
    for (const row of this.db.prepare<[], AuditRow>('SELECT * FROM audit_log ORDER BY id').iterate()) {
      const broken = (problem: string): AuditVerification => ({ intact: false, checked, brokenAt: row.id, problem })
      if (row.id !== expectedId) return broken(`Entry ${expectedId} is missing.`)
      if (row.prev_hash !== prevHash) return broken(`Entry ${row.id} does not follow the entry before it.`)
      if (entryHash(prevHash, row) !== row.hash) return broken(`Entry ${row.id} was changed after it was written.`)
      prevHash = row.hash
      expectedId += 1
      checked += 1
    }
    const sequence = this.db.prepare("SELECT seq FROM sqlite_sequence WHERE name = 'audit_log'").pluck().get() as number | undefined
    if (sequence !== undefined && sequence >= expectedId) {
      return { intact: false, checked, brokenAt: expectedId, problem: `Entries from ${expectedId} on are missing.` }
    }
    return { intact: true, checked, brokenAt: null, problem: null }
  }
}
