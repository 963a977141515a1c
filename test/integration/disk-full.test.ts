import { describe, expect, it } from 'vitest'
import { gotItOf } from '../../electron/core/providers/gotit'
import { errorOf, recordingLog, staffedTill, useCores, valueOf } from '../helpers/core'
import { useTempDirs } from '../helpers/temp-dir'

describe('a full disk', () => {
  const tempDir = useTempDirs()
  const openCore = useCores()

  it('keeps the till up, says the disk is full, keeps what it had, and carries on when space is freed', async () => {
    const log = recordingLog()
    const core = openCore({ dataDir: tempDir(), logger: log, worker: { tickMs: 20 } })
    const { cashierId } = await staffedTill(core)
    const db = core.context.db
    const sim = await gotItOf(core).connection.simulator()
    const before = valueOf(await core.call('staff:list', {}))

    // The database may not grow by a single page more: every write that needs room fails as on a full disk.
    db.pragma(`max_page_count = ${Number(db.pragma('page_count', { simple: true }))}`)
    let refused = null
    for (let i = 0; i < 500 && !refused; i++) {
      const result = await core.call('staff:add', { name: `Filler ${i} ${'x'.repeat(40)}`, role: 'cashier', pin: '5820' })
      if (!result.ok) refused = result.error
    }
    expect(refused).toMatchObject({ code: 'storage_failed', message: expect.stringMatching(/^The till's disk is full/) })
    expect(refused?.requestId).toMatch(/^[0-9a-f-]{36}$/)

    // Timers keep running over the full disk without taking the process down: the worker, the call log.
    await gotItOf(core)
      .connection.probe()
      .catch(() => undefined)
    await core.context.worker.drain()
    expect(() => core.context.http.log.flush()).not.toThrow()
    expect(valueOf(await core.call('auth:status', {})).session?.staff.name).toBe('Mai Manager')
    expect(valueOf(await core.call('staff:list', {})).length).toBeGreaterThanOrEqual(before.length)

    // Signing out works and really ends the session, even though its audit entry cannot be saved.
    expect(await core.call('auth:signOut', {})).toEqual({ ok: true, value: { done: true } })
    expect(valueOf(await core.call('auth:status', {})).session).toBeNull()
    expect(errorOf(await core.call('staff:list', {})).code).toBe('unauthenticated')

    // Space is freed: writes work again, with nothing lost.
    db.pragma('max_page_count = 1073741823')
    valueOf(await core.call('auth:signIn', { staffId: cashierId, pin: '7391' }))
    valueOf(await core.call('redeem:check', { codes: ['1000000001'] }))
    expect(sim.requests.length).toBeGreaterThan(0)
    core.context.http.log.flush()
    expect(db.prepare('SELECT count(*) FROM provider_calls').pluck().get()).toBeGreaterThan(0)
  })
})
