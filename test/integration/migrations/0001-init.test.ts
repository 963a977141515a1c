import { join } from 'node:path'
import { describe, expect, it } from 'vitest'
import { openDatabase } from '../../../electron/core/db/connection'
import { migrate } from '../../../electron/core/db/migrations'
import { useTempDirs } from '../../helpers/temp-dir'

// One file per migration. 0001 creates the first tables and moves no data; migrations that move
// data seed the version before them (migrate(db, migrations, N - 1)) and check what arrives.
describe('migration 0001_init', () => {
  const tempDir = useTempDirs()

  it('creates meta and preferences as strict tables that refuse the wrong types', () => {
    const db = openDatabase(join(tempDir(), 'till.sqlite'))
    expect(migrate(db, undefined, 1)).toBe(1)
    db.prepare('INSERT INTO meta (key, value) VALUES (?, ?)').run('till_id', 'till-1')
    expect(() => db.prepare('INSERT INTO meta (key, value) VALUES (?, ?)').run('till_id', 'till-2')).toThrow(/UNIQUE/)
    expect(() => db.prepare('INSERT INTO preferences (key, value, updated_at) VALUES (?, ?, ?)').run('language', Buffer.from([1]), 'now')).toThrow(/cannot store BLOB value in TEXT column/)
    expect(() => db.prepare('INSERT INTO preferences (key, value, updated_at) VALUES (?, ?, ?)').run('language', null, 'now')).toThrow(/NOT NULL/)
    db.close()
  })
})
