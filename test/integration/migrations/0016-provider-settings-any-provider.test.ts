import { join } from 'node:path'
import { describe, expect, it } from 'vitest'
import { openDatabase } from '../../../electron/core/db/connection'
import { migrate } from '../../../electron/core/db/migrations'
import { useTempDirs } from '../../helpers/temp-dir'

describe('migration 0016_provider_settings_any_provider', () => {
  const tempDir = useTempDirs()

  it('keeps every provider’s settings, takes a provider the first four did not name, and still refuses an id of the wrong shape', () => {
    const db = openDatabase(join(tempDir(), 'till.sqlite'))
    migrate(db, undefined, 15)
    db.prepare(
      `INSERT INTO provider_settings (provider, mode, base_url, "values", secrets, updated_at) VALUES ('hubble', 'sandbox', 'https://api.dev.myhubble.money', '{"clientId":"c"}', X'0102', '2026-12-06T00:00:00.000Z')`
    ).run()
    expect(() => db.prepare(`INSERT INTO provider_settings (provider, mode, updated_at) VALUES ('toy', 'training', 'now')`).run()).toThrow(/CHECK/)
    migrate(db)
    expect(db.prepare('SELECT provider, mode, base_url, "values", secrets FROM provider_settings').all()).toEqual([
      { provider: 'hubble', mode: 'sandbox', base_url: 'https://api.dev.myhubble.money', values: '{"clientId":"c"}', secrets: Buffer.from([1, 2]) }
    ])
    db.prepare(`INSERT INTO provider_settings (provider, mode, updated_at) VALUES ('toy', 'training', 'now')`).run()
    for (const bad of ['T', 'Toy', 'toy-1', '1toy', 'a'.repeat(21)])
      expect(() => db.prepare(`INSERT INTO provider_settings (provider, mode, updated_at) VALUES (?, 'training', 'now')`).run(bad), bad).toThrow(/CHECK/)
    db.close()
  })
})
