import { join } from 'node:path'
import { describe, expect, it } from 'vitest'
import { openDatabase } from '../../../electron/core/db/connection'
import { migrate } from '../../../electron/core/db/migrations'
import { useTempDirs } from '../../helpers/temp-dir'

describe('migration 0009_call_subject', () => {
  const tempDir = useTempDirs()

  it('keeps the calls already logged and lists the calls about one subject from an index', () => {
    const db = openDatabase(join(tempDir(), 'till.sqlite'))
    migrate(db, undefined, 8)
    const old = db.prepare(
      "INSERT INTO provider_calls (at, provider, operation, endpoint, status, duration_ms, request_id) VALUES ('2026-12-01T00:00:00.000Z', 'vipps', 'getOrder', '/x', 200, 3, 'r-old')"
    )
    old.run()
    expect(migrate(db)).toBeGreaterThanOrEqual(9)
    db.prepare(
      "INSERT INTO provider_calls (at, provider, operation, endpoint, status, duration_ms, request_id, subject) VALUES ('2026-12-01T00:00:01.000Z', 'vipps', 'addReceipt', '/y', 201, 5, 'r-new', 'ECOM:o-1')"
    ).run()
    expect(db.prepare('SELECT request_id, subject FROM provider_calls ORDER BY id').all()).toEqual([
      { request_id: 'r-old', subject: null },
      { request_id: 'r-new', subject: 'ECOM:o-1' }
    ])
    const plan = db.prepare("EXPLAIN QUERY PLAN SELECT * FROM provider_calls WHERE provider = 'vipps' AND subject = 'ECOM:o-1' ORDER BY id DESC LIMIT 50").all() as { detail: string }[]
    expect(plan.map((p) => p.detail).join(' ')).toContain('provider_calls_subject')
    db.close()
  })
})
