import { copyFileSync, rmSync } from 'node:fs'
import Database from 'better-sqlite3'
import { join } from 'node:path'
import { afterEach, describe, expect, it } from 'vitest'
import { DATABASE_FILE } from '../../electron/core/data-dir'
import { startGotItSimulator, type RunningGotItSimulator } from '../../electron/core/sandbox/gotit'
import { MANAGER_PIN, staffedTill, useCores, valueOf } from '../helpers/core'
import { useTempDirs } from '../helpers/temp-dir'
import { until } from '../helpers/until'

/**
 * A redemption costs one durable commit: its claim, before the mark use leaves the till. The
 * settlement commits without waiting for the disk, so a power cut can lose it. That must cost a
 * verification at the next start and nothing else. A power cut cannot be made here; the database
 * is put back to what it held just after the claim's commit, which is all a power cut could leave.
 */
describe('a power cut after the claim', () => {
  const tempDir = useTempDirs()
  const openCore = useCores()
  const sims: RunningGotItSimulator[] = []
  afterEach(async () => {
    for (const sim of sims.splice(0)) await sim.close()
  })

  it('loses at most the settlement: the next start verifies the redemption with Got It and it ends redeemed, used once', async () => {
    const sim = await startGotItSimulator()
    sims.push(sim)
    const dataDir = tempDir()
    const env = { TILL_GOTIT_MODE: 'sandbox', TILL_GOTIT_BASE_URL: sim.url, TILL_GOTIT_PIN: sim.pin }
    const core = openCore({ dataDir, env })
    await staffedTill(core)
    const code = sim.sim.freshStock(1)[0]?.code ?? ''
    const { billNumber } = valueOf(await core.call('redeem:check', { codes: [code] }))

    // While the mark use is on its way, the database holds the claim and nothing after it: keep that.
    sim.faults.add({ route: 'usemultiple', kind: 'latency', latencyMs: 300, times: 1 })
    const redeeming = core.call('redeem:redeem', { billNumber })
    await until(
      () => sim.requests.filter((r) => r.route === 'usemultiple').length,
      (n) => n > 0,
      'the mark use to reach Got It'
    )
    const afterClaim = join(tempDir(), 'after-claim.sqlite')
    core.context.db.exec(`VACUUM INTO '${afterClaim}'`)
    expect(valueOf(await redeeming).status).toBe('redeemed')
    await core.close()
    const kept = new Database(afterClaim, { readonly: true })
    expect(kept.prepare<[], { state: string }>('SELECT state FROM journal').all()).toEqual([{ state: 'sending' }])
    kept.close()

    // The power cut: the settlement never reached the disk. The same file (its identity unchanged) holds the claim only.
    const file = join(dataDir, DATABASE_FILE)
    copyFileSync(afterClaim, file)
    rmSync(`${file}-wal`, { force: true })
    rmSync(`${file}-shm`, { force: true })

    const after = openCore({ dataDir, env })
    const manager = valueOf(await after.call('auth:staffList', {})).find((person) => person.role === 'manager')
    valueOf(await after.call('auth:signIn', { staffId: manager?.id ?? '', pin: MANAGER_PIN }))
    // Nothing was sent blind: the row came back as sent-but-not-settled and was verified first.
    await until(
      async () => valueOf(await after.call('redeem:get', { billNumber })).status,
      (status) => status === 'redeemed',
      'the redemption to be verified and settled'
    )
    expect(valueOf(await after.call('journal:list', {}))).toEqual([])
    expect(sim.sim.uses.get(code)).toBe(1)
    expect(sim.requests.filter((r) => r.route === 'usemultiple')).toHaveLength(1)
    const audit = valueOf(await after.call('audit:list', { limit: 50 })) as { action: string }[]
    expect(audit.map((entry) => entry.action)).not.toContain('journal_resolved')
  })
})
