import { join } from 'node:path'
import { describe, expect, it } from 'vitest'
import { openDatabase } from '../../../electron/core/db/connection'
import { migrate } from '../../../electron/core/db/migrations'
import { useTempDirs } from '../../helpers/temp-dir'

describe('migration 0005_journal_subject_index', () => {
  const tempDir = useTempDirs()

  it('keeps existing journal rows and finds a bill’s latest operation through the index', () => {
    const db = openDatabase(join(tempDir(), 'till.sqlite'))
    migrate(db, undefined, 4)
    const insert = db.prepare(
      "INSERT INTO journal (key, provider, operation, subject, payload, state, next_attempt_at, created_at, updated_at) VALUES (?, 'gotit', 'gotit.markUse', ?, '{}', 'pending', 'x', 'x', 'x')"
    )
    insert.run('a:1', 'BILL-1')
    insert.run('a:2', 'BILL-2')
    insert.run('a:3', 'BILL-1')
    expect(migrate(db)).toBeGreaterThanOrEqual(5)
    const latest = db.prepare('SELECT key FROM journal WHERE subject = ? ORDER BY id DESC LIMIT 1')
    expect(latest.pluck().get('BILL-1')).toBe('a:3')
    const plan = db.prepare('EXPLAIN QUERY PLAN SELECT * FROM journal WHERE subject = ? ORDER BY id DESC LIMIT 1').all('BILL-1') as { detail: string }[]
    expect(plan.map((row) => row.detail).join(' ')).toMatch(/USING INDEX journal_subject/)
    db.close()
  })
})
