import { join } from 'node:path'
import { describe, expect, it } from 'vitest'
import { openDatabase } from '../../../electron/core/db/connection'
import { migrate } from '../../../electron/core/db/migrations'
import { useTempDirs } from '../../helpers/temp-dir'

describe('migration 0012_gift_reversal', () => {
  const tempDir = useTempDirs()

  it('keeps every gift card order as it was, and takes a reversed order and where a correction came from', () => {
    const db = openDatabase(join(tempDir(), 'till.sqlite'))
    migrate(db, undefined, 11)
    const insert = (ref: string, status: string) =>
      db
        .prepare(
          "INSERT INTO gift_orders (reference_id, hubble_order_id, product_id, brand_title, amount_paise, lines, customer, status, cards, polls, staff_id, created_at, updated_at) VALUES (?, 'H1', 'P', 'Zomato', 50000, '[]', '{}', ?, '[{\"id\":\"c\"}]', 3, 's1', '2026-12-05T08:00:00.000Z', '2026-12-05T08:01:00.000Z')"
        )
        .run(ref, status)
    insert('G1', 'succeeded')
    expect(() => insert('G2', 'reversed')).toThrow(/CHECK/)
    expect(migrate(db)).toBeGreaterThanOrEqual(12)
    expect(db.prepare('SELECT reference_id, hubble_order_id, status, cards, polls, staff_id, corrected_from FROM gift_orders').all()).toEqual([
      { reference_id: 'G1', hubble_order_id: 'H1', status: 'succeeded', cards: '[{"id":"c"}]', polls: 3, staff_id: 's1', corrected_from: null }
    ])
    insert('G2', 'reversed')
    expect(() => insert('G3', 'gone')).toThrow(/CHECK/)
    expect(() => insert('G1', 'failed')).toThrow(/UNIQUE/)
    db.close()
  })

  it('rebuilds History with the reversed state, keeping every entry, its search terms and their reference to it', () => {
    const db = openDatabase(join(tempDir(), 'till.sqlite'))
    migrate(db, undefined, 11)
    const entry = (ref: string, status: string) =>
      db
        .prepare(
          "INSERT INTO history (provider, kind, ref, status, detail_status, amount_minor, currency, till_id, created_at, updated_at) VALUES ('hubble', 'gift_sale', ?, ?, ?, 50000, 'INR', 'T1', '2026-12-05T08:00:00.000Z', '2026-12-05T08:00:00.000Z') RETURNING id"
        )
        .pluck()
        .get(ref, status, status) as number
    const id = entry('G1', 'done')
    db.prepare("INSERT INTO history_terms (term, history_id) VALUES ('g1', ?)").run(id)
    expect(() => entry('G2', 'reversed')).toThrow(/CHECK/)
    migrate(db)
    expect(db.prepare("SELECT h.ref, h.status, h.amount_minor FROM history_terms t JOIN history h ON h.id = t.history_id WHERE t.term = 'g1'").all()).toEqual([
      { ref: 'G1', status: 'done', amount_minor: 50000 }
    ])
    entry('G2', 'reversed')
    expect(db.pragma('foreign_keys', { simple: true })).toBe(1)
    expect(db.pragma('foreign_key_check')).toEqual([])
    expect(() => db.prepare("INSERT INTO history_terms (term, history_id) VALUES ('x', 999)").run()).toThrow(/FOREIGN KEY/)
    expect(db.prepare("SELECT name FROM sqlite_master WHERE type = 'index' AND tbl_name = 'history' AND name LIKE 'history_%' ORDER BY name").pluck().all()).toEqual([
      'history_provider_time',
      'history_staff_time',
      'history_status_time',
      'history_time'
    ])
    db.close()
  })
})
