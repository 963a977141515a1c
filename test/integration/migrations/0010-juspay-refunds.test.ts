import { join } from 'node:path'
import { describe, expect, it } from 'vitest'
import { openDatabase } from '../../../electron/core/db/connection'
import { migrate } from '../../../electron/core/db/migrations'
import { useTempDirs } from '../../helpers/temp-dir'

describe('migration 0010_juspay_refunds', () => {
  const tempDir = useTempDirs()

  it('keeps one row per unique_request_id, finds an order’s refunds whatever the case of its id, and refuses a state Juspay does not have', () => {
    const db = openDatabase(join(tempDir(), 'till.sqlite'))
    migrate(db, undefined, 9)
    expect(migrate(db)).toBeGreaterThanOrEqual(10)
    const insert = db.prepare(
      "INSERT INTO juspay_refunds (unique_request_id, order_id, amount_paise, status, staff_id, staff_name, created_at, updated_at) VALUES (?, ?, ?, ?, 's1', 'Mai', '2026-12-05T08:00:00.000Z', '2026-12-05T08:00:00.000Z')"
    )
    insert.run('R1', 'JP-ORDER-1', 1000, 'sending')
    expect(() => insert.run('R1', 'JP-ORDER-1', 1000, 'sending')).toThrow(/UNIQUE/)
    expect(() => insert.run('R2', 'JP-ORDER-1', 0, 'sending')).toThrow(/CHECK/)
    expect(() => insert.run('R3', 'JP-ORDER-1', 100, 'DONE')).toThrow(/CHECK/)
    expect(db.prepare("SELECT unique_request_id FROM juspay_refunds WHERE order_id = 'jp-order-1'").pluck().all()).toEqual(['R1'])
    db.close()
  })
})
