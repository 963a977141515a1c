import { join } from 'node:path'
import { describe, expect, it } from 'vitest'
import { openDatabase } from '../../../electron/core/db/connection'
import { migrate } from '../../../electron/core/db/migrations'
import { useTempDirs } from '../../helpers/temp-dir'

describe('migration 0011_history', () => {
  const tempDir = useTempDirs()

  it('adds the ledger, one row per provider operation, its search terms, and indexes that History and search use', () => {
    const db = openDatabase(join(tempDir(), 'till.sqlite'))
    migrate(db, undefined, 10)
    expect(migrate(db)).toBeGreaterThanOrEqual(11)
    const insert = db.prepare(
      "INSERT INTO history (provider, kind, ref, status, detail_status, till_id, created_at, updated_at) VALUES ('gotit', 'redemption', ?, ?, 'redeemed', 'till-x', '2026-12-05T01:00:00.000Z', '2026-12-05T01:00:00.000Z')"
    )
    const id = Number(insert.run('T1-000001', 'done').lastInsertRowid)
    expect(() => insert.run('T1-000001', 'done')).toThrow(/UNIQUE/)
    expect(() => insert.run('T1-000002', 'finished')).toThrow(/CHECK/)
    db.prepare('INSERT INTO history_terms (term, history_id) VALUES (?, ?)').run('0001', id)
    const plan = (sql: string) => (db.prepare(`EXPLAIN QUERY PLAN ${sql}`).all() as { detail: string }[]).map((p) => p.detail).join(' ')
    expect(plan("SELECT * FROM history WHERE status = 'done' ORDER BY created_at DESC, id DESC LIMIT 50")).toContain('history_status_time')
    expect(plan("SELECT history_id FROM history_terms WHERE term = '0001'")).toMatch(/history_terms|PRIMARY KEY/)
    expect(plan("SELECT * FROM provider_calls WHERE request_id = 'r'")).toContain('provider_calls_request')
    expect(plan("SELECT * FROM audit_log WHERE subject = 'T1-000001'")).toContain('audit_log_subject')
    db.close()
  })
})
