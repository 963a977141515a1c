import { join } from 'node:path'
import { describe, expect, it } from 'vitest'
import { openDatabase } from '../../../electron/core/db/connection'
import { migrate } from '../../../electron/core/db/migrations'
import { useTempDirs } from '../../helpers/temp-dir'

describe('migration 0014_approver_ids', () => {
  const tempDir = useTempDirs()

  it('moves an offline acceptance’s approver id out of the name, and keeps a refund approver’s name with its id', () => {
    const db = openDatabase(join(tempDir(), 'till.sqlite'))
    migrate(db, undefined, 13)
    db.prepare("INSERT INTO staff (id, name, role, pin_hash, created_at) VALUES ('staff-6f5d', 'Mai Manager', 'manager', 'x', '2026-12-05T08:00:00.000Z')").run()
    const entry = db.prepare(
      "INSERT INTO history (provider, kind, ref, status, detail_status, approved_by, till_id, created_at, updated_at) VALUES (?, ?, ?, 'done', 'done', ?, 'T1', '2026-12-05T08:00:00.000Z', '2026-12-05T08:00:00.000Z')"
    )
    entry.run('gotit', 'redemption', 'B1', 'staff-6f5d')
    entry.run('juspay', 'refund', 'R1', 'Mai Manager')
    db.prepare(
      "INSERT INTO juspay_refunds (unique_request_id, order_id, amount_paise, status, staff_id, staff_name, approved_by, created_at, updated_at) VALUES ('R1', 'JP-1', 100, 'PENDING', 's2', 'Cuong', 'Mai Manager', '2026-12-05T08:00:00.000Z', '2026-12-05T08:00:00.000Z')"
    ).run()
    expect(migrate(db)).toBeGreaterThanOrEqual(14)
    expect(db.prepare('SELECT ref, approved_by, approved_by_id FROM history ORDER BY ref').all()).toEqual([
      { ref: 'B1', approved_by: 'Mai Manager', approved_by_id: 'staff-6f5d' },
      { ref: 'R1', approved_by: 'Mai Manager', approved_by_id: 'staff-6f5d' }
    ])
    db.close()
  })
})
