import { gotItOf } from '../../electron/core/providers/gotit'
import { describe, expect, it } from 'vitest'
import type { Core } from '../../electron/core/core'
import { staffedTill, useCores } from '../helpers/core'
import { useTempDirs } from '../helpers/temp-dir'

const code = (i: number) => String(2000000000 + i)

describe('outages and chaos', () => {
  const tempDir = useTempDirs()
  const openCore = useCores()

  async function till(clock?: () => Date): Promise<Core> {
    const core = openCore({
      dataDir: tempDir(),
      env: { TILL_GOTIT_TIMEOUT_MS: '200' },
      worker: { tickMs: 3_600_000, backoff: { baseMs: 5, capMs: 40 } },
      probeIntervalMs: 30,
      ...(clock ? { now: clock } : {})
    })
    await staffedTill(core)
    return core
  }

  const unsettled = (core: Core) => core.context.journal.list(['pending', 'sending', 'unknown', 'needs_review'])

  it('settles queued mark uses by itself once a probe finds Got It back, oldest first', async () => {
    // Backoff of a minute: only the probe can bring the rows forward within the test's patience.
    const core = openCore({
      dataDir: tempDir(),
      env: { TILL_GOTIT_TIMEOUT_MS: '200' },
      worker: { tickMs: 50, backoff: { baseMs: 60_000, capMs: 60_000 } },
      probeIntervalMs: 30
    })
    await staffedTill(core)
    const sim = await gotItOf(core).connection.simulator()
    sim.faults.add({ route: '*', kind: 'reset-before' })
    const queued = Array.from({ length: 12 }, (_, i) => gotItOf(core).offline.enqueueMarkUse([{ code: code(i), amount: 10000 }], null))
    await core.context.worker.drain()
    expect(unsettled(core)).toHaveLength(12)
    expect(core.context.connectivity.list().find((p) => p.provider === 'gotit')?.connectivity).toBe('offline')

    sim.faults.clear()
    // Nobody calls the worker: the probe notices Got It is back and the journal drains.
    await expect.poll(() => unsettled(core).length, { timeout: 5000, interval: 20 }).toBe(0)
    expect(core.context.connectivity.list().find((p) => p.provider === 'gotit')?.connectivity).toBe('online')
    expect(Array.from({ length: 12 }, (_, i) => sim.sim.uses.get(code(i)))).toEqual(Array(12).fill(1))
    const sentOrder = sim.requests.filter((r) => r.route === 'usemultiple' && r.status === 200).map((r) => (r.body as { bill_number: string }).bill_number)
    expect(sentOrder.slice(0, 4).sort()).toEqual(
      queued
        .slice(0, 4)
        .map((q) => q.billNumber)
        .sort()
    )
  })

  it('loses nothing and doubles nothing through timeouts, resets, 5xx, commit-then-drop, broken bodies, flapping and clock jumps', async () => {
    let skew = 0
    const core = await till(() => new Date(Date.now() + skew))
    const sim = await gotItOf(core).connection.simulator()
    const count = 40
    for (let i = 0; i < count; i++) gotItOf(core).offline.enqueueMarkUse([{ code: code(100 + i), amount: 10000 }], null)
    const chaos = () => {
      sim.faults.clear()
      sim.faults.add({ route: 'usemultiple', kind: 'reset-after', every: 3 })
      sim.faults.add({ route: 'usemultiple', kind: 'status', status: 500, afterProcessing: true, every: 4 })
      sim.faults.add({ route: 'usemultiple', kind: 'hang', every: 5 })
      sim.faults.add({ route: 'usemultiple', kind: 'truncated', every: 7 })
      sim.faults.add({ route: 'usemultiple', kind: 'status', status: 503, every: 2 })
      sim.faults.add({ route: 'checkmultiple', kind: 'reset-before', every: 3 })
      sim.faults.add({ route: 'checkmultiple', kind: 'malformed', every: 4 })
      sim.faults.add({ route: 'checkmultiple', kind: 'latency', latencyMs: 400, every: 5 })
    }
    for (let round = 0; round < 12; round++) {
      if (round % 3 === 2)
        sim.faults.add({ route: '*', kind: 'reset-before' }) // the network flaps
      else chaos()
      skew = round % 4 === 3 ? -60_000 : round * 30_000 // the system clock jumps back and forth
      core.context.journal.makeDue('gotit')
      await core.context.worker.drain()
    }
    sim.faults.clear()
    skew = 0
    for (let i = 0; i < 50 && unsettled(core).length > 0; i++) {
      core.context.journal.makeDue('gotit')
      await core.context.worker.drain()
    }
    expect(unsettled(core)).toEqual([])
    expect(core.context.journal.list(['succeeded'])).toHaveLength(count)
    for (let i = 0; i < count; i++) expect(sim.sim.uses.get(code(100 + i)), code(100 + i)).toBe(1)
    expect(sim.requests.some((r) => r.fault === 'reset-after')).toBe(true)
    expect(sim.requests.some((r) => r.fault === 'hang')).toBe(true)
  })
})
