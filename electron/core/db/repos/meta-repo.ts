import { randomUUID } from 'node:crypto'
import type { Db } from '../connection'

/** The till's id is generated once and never changes: bill numbers and audit entries carry it. */
export function ensureTillId(db: Db): string {
  const row = db.prepare<[string], { value: string }>('SELECT value FROM meta WHERE key = ?').get('till_id')
  if (row) return row.value
  const id = `till-${randomUUID()}`
  db.prepare('INSERT INTO meta (key, value) VALUES (?, ?)').run('till_id', id)
  return id
}
