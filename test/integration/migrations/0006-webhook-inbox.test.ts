import { join } from 'node:path'
import { describe, expect, it } from 'vitest'
import { openDatabase } from '../../../electron/core/db/connection'
import { migrate } from '../../../electron/core/db/migrations'
import { useTempDirs } from '../../helpers/temp-dir'

describe('migration 0006_webhook_inbox', () => {
  const tempDir = useTempDirs()

  it('adds the callback inbox beside existing data, one row per provider event', () => {
    const db = openDatabase(join(tempDir(), 'till.sqlite'))
    migrate(db, undefined, 5)
    db.prepare("INSERT INTO meta (key, value) VALUES ('till_id', 'till-x')").run()
    expect(migrate(db)).toBeGreaterThanOrEqual(6)
    expect(db.prepare("SELECT value FROM meta WHERE key = 'till_id'").pluck().get()).toBe('till-x')
    const admit = db.prepare("INSERT INTO webhook_inbox (provider, delivery_key, route, body, received_at) VALUES (?, ?, '/p', '{}', 'x') ON CONFLICT (provider, delivery_key) DO NOTHING")
    expect(admit.run('hubble', 'k1').changes).toBe(1)
    expect(admit.run('hubble', 'k1').changes).toBe(0)
    expect(admit.run('juspay', 'k1').changes).toBe(1)
    db.prepare("INSERT INTO webhook_deliveries (at, provider, route, status, outcome) VALUES ('x', NULL, '/nowhere', 404, 'no such callback')").run()
    expect(db.prepare('SELECT count(*) FROM webhook_deliveries').pluck().get()).toBe(1)
    db.close()
  })
})
