import { describe, expect, it } from 'vitest'
import type { Core } from '../../electron/core/core'
import { staffedTill, useCores, valueOf } from '../helpers/core'
import { useTempDirs } from '../helpers/temp-dir'

describe('audit trail', () => {
  const tempDir = useTempDirs()
  const openCore = useCores()

  async function busyTill(): Promise<Core> {
    const core = openCore({ dataDir: tempDir() })
    await staffedTill(core)
    valueOf(await core.call('settings:setStore', { idleLockSeconds: 120 }))
    valueOf(await core.call('auth:lock', {}))
    return core
  }

  it('records who did what, when and with what outcome, with the till id', async () => {
    const core = await busyTill()
    const rows = core.context.db.prepare('SELECT action, actor_name, outcome, till_id, at FROM audit_log ORDER BY id').all() as {
      action: string
      actor_name: string
      outcome: string
      till_id: string
      at: string
    }[]
    expect(rows.map((r) => r.action)).toEqual(['setup', 'sign_in', 'staff_added', 'settings_changed', 'lock'])
    expect(rows.every((r) => r.actor_name === 'Mai Manager' && r.outcome === 'ok' && r.till_id === core.context.identity.tillId)).toBe(true)
    expect(rows.every((r) => r.at.endsWith('Z'))).toBe(true)
  })

  it('verifies an untouched log', async () => {
    const core = await busyTill()
    expect(core.context.audit.verify()).toEqual({ intact: true, checked: 5, brokenAt: null, problem: null })
  })

  it('refuses UPDATE and DELETE through SQL', async () => {
    const core = await busyTill()
    expect(() => core.context.db.prepare("UPDATE audit_log SET outcome = 'failed' WHERE id = 2").run()).toThrow(/cannot be changed/)
    expect(() => core.context.db.prepare('DELETE FROM audit_log WHERE id = 2').run()).toThrow(/cannot be deleted/)
  })

  // Someone with the file can drop the triggers; the hash chain still gives them away.
  const tamper = (core: Core, sql: string) => {
    core.context.db.exec('DROP TRIGGER audit_log_no_update; DROP TRIGGER audit_log_no_delete;')
    core.context.db.exec(sql)
  }

  it('detects an entry changed after it was written', async () => {
    const core = await busyTill()
    tamper(core, "UPDATE audit_log SET actor_name = 'Someone Else' WHERE id = 3")
    expect(core.context.audit.verify()).toMatchObject({ intact: false, brokenAt: 3, problem: 'Entry 3 was changed after it was written.' })
  })

  it('detects an entry removed from the middle or the end', async () => {
    const middle = await busyTill()
    tamper(middle, 'DELETE FROM audit_log WHERE id = 2')
    expect(middle.context.audit.verify()).toMatchObject({ intact: false, brokenAt: 3, problem: 'Entry 2 is missing.' })
    const end = await busyTill()
    tamper(end, 'DELETE FROM audit_log WHERE id = 5')
    expect(end.context.audit.verify()).toMatchObject({ intact: false, brokenAt: 5, problem: 'Entries from 5 on are missing.' })
  })

  it('detects a forged entry whose hash was recomputed without the chain', async () => {
    const core = await busyTill()
    tamper(core, 'UPDATE audit_log SET detail = \'{"idleLockSeconds":"300 -> 0"}\', hash = prev_hash WHERE id = 4')
    expect(core.context.audit.verify()).toMatchObject({ intact: false, brokenAt: 4 })
  })

  it('is reachable by managers through the contract, newest first', async () => {
    const core = openCore({ dataDir: tempDir() })
    await staffedTill(core)
    const page = valueOf(await core.call('audit:list', { limit: 2 }))
    expect(page.map((e) => e.action)).toEqual(['staff_added', 'sign_in'])
    const older = valueOf(await core.call('audit:list', { before: page[1]?.id, limit: 10 }))
    expect(older.map((e) => e.action)).toEqual(['setup'])
    expect(valueOf(await core.call('audit:verify', {}))).toMatchObject({ intact: true })
  })
})
