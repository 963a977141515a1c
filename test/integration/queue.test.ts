import { gotItOf } from '../../electron/core/providers/gotit'
import { describe, expect, it } from 'vitest'
import { CASHIER_PIN, errorOf, staffedTill, useCores, valueOf } from '../helpers/core'
import { useTempDirs } from '../helpers/temp-dir'

describe('queue of unsettled operations', () => {
  const tempDir = useTempDirs()
  const openCore = useCores()

  async function tillWithStuckRedemption() {
    const core = openCore({ dataDir: tempDir(), env: { TILL_GOTIT_TIMEOUT_MS: '200' }, worker: { tickMs: 3_600_000, maxVerifications: 1, backoff: { baseMs: 1, capMs: 1 } } })
    const staff = await staffedTill(core)
    const sim = await gotItOf(core).connection.simulator()
    const { billNumber, journalId } = gotItOf(core).offline.enqueueMarkUse([{ code: '2000000007', amount: 10000 }], null)
    sim.faults.add({ route: '*', kind: 'hang' })
    await core.context.worker.runNow(journalId) // sent, no answer: unknown
    await core.context.worker.runNow(journalId) // verification gets no answer either: a manager's turn
    return { core, sim, billNumber, journalId, ...staff }
  }

  it('lists what is not settled, with attempts, the last error and the request id', async () => {
    const { core, billNumber } = await tillWithStuckRedemption()
    const [item] = valueOf(await core.call('journal:list', {}))
    expect(item).toMatchObject({ operation: 'gotit.markUse', subject: billNumber, state: 'needs_review', attempts: 2, lastError: expect.stringMatching(/still unknown after/) })
    expect(item?.requestId).toMatch(/^[0-9a-f-]{36}$/)
  })

  it('retries an item now: it is verified first, then settled', async () => {
    const { core, sim, journalId, billNumber } = await tillWithStuckRedemption()
    sim.faults.clear()
    const retried = valueOf(await core.call('journal:retry', { id: journalId }))
    expect(['succeeded', 'pending']).toContain(retried.state)
    if (retried.state === 'pending') valueOf(await core.call('journal:retry', { id: journalId }))
    expect(valueOf(await core.call('redeem:get', { billNumber })).status).toBe('redeemed')
    expect(sim.sim.uses.get('2000000007')).toBe(1)
  })

  it('retries an item whose mark use may have reached Got It by verifying it, never by sending it again', async () => {
    const core = openCore({ dataDir: tempDir(), env: { TILL_GOTIT_TIMEOUT_MS: '200' }, worker: { tickMs: 3_600_000, maxVerifications: 1, backoff: { baseMs: 1, capMs: 1 } } })
    await staffedTill(core)
    const sim = await gotItOf(core).connection.simulator()
    const { billNumber, journalId } = gotItOf(core).offline.enqueueMarkUse([{ code: '2000000008', amount: 10000 }], null)
    sim.faults.add({ route: 'usemultiple', kind: 'reset-after', times: 1 }) // Got It marks it used, the answer is lost
    await core.context.worker.runNow(journalId)
    sim.faults.add({ route: '*', kind: 'hang' })
    await core.context.worker.runNow(journalId)
    expect(core.context.journal.get(journalId)?.state).toBe('needs_review')
    sim.faults.clear()
    const before = sim.requests.length
    const retried = valueOf(await core.call('journal:retry', { id: journalId }))
    expect(retried).toMatchObject({ state: 'succeeded', label: { en: 'Got It mark use' } })
    expect(sim.requests.slice(before).map((r) => r.route)).toEqual(['checkmultiple'])
    expect(sim.sim.uses.get('2000000008')).toBe(1)
    expect(valueOf(await core.call('redeem:get', { billNumber })).status).toBe('redeemed')
  })

  it('lets a manager resolve an item with a note that goes to the audit log; a cashier may not', async () => {
    const { core, journalId, billNumber, cashierId } = await tillWithStuckRedemption()
    valueOf(await core.call('auth:signIn', { staffId: cashierId, pin: CASHIER_PIN }))
    expect(errorOf(await core.call('journal:resolve', { id: journalId, outcome: 'succeeded', note: 'checked in the Got It portal' })).code).toBe('forbidden')
    valueOf(await core.call('auth:signIn', { staffId: valueOf(await core.call('auth:staffList', {})).find((s) => s.role === 'manager')?.id ?? '', pin: '4826' }))
    const resolved = valueOf(await core.call('journal:resolve', { id: journalId, outcome: 'succeeded', note: 'checked in the Got It portal' }))
    expect(resolved.state).toBe('succeeded')
    expect(valueOf(await core.call('redeem:get', { billNumber })).status).toBe('redeemed')
    const [entry] = valueOf(await core.call('audit:list', { limit: 1 }))
    expect(entry).toMatchObject({ action: 'queue_item_resolved', detail: { resolution: 'succeeded', note: 'checked in the Got It portal', subject: billNumber, label: 'Got It mark use' } })
    expect(errorOf(await core.call('journal:resolve', { id: journalId, outcome: 'rejected', note: 'again' })).code).toBe('conflict')
  })

  it('needs a manager’s acknowledgement to close a shift with money operations unresolved', async () => {
    const { core, cashierId } = await tillWithStuckRedemption()
    valueOf(await core.call('auth:signIn', { staffId: cashierId, pin: CASHIER_PIN }))
    expect(errorOf(await core.call('shift:close', {}))).toMatchObject({ code: 'forbidden', params: { count: 1 } })
    const manager = valueOf(await core.call('auth:staffList', {})).find((s) => s.role === 'manager')
    valueOf(await core.call('auth:signIn', { staffId: manager?.id ?? '', pin: '4826' }))
    expect(errorOf(await core.call('shift:close', {})).code).toBe('conflict')
    expect(valueOf(await core.call('shift:close', { acknowledge: true }))).toEqual({ unresolved: 1 })
    expect(valueOf(await core.call('auth:status', {})).session).toBeNull()
  })
})
