import { gotItOf } from '../../electron/core/providers/gotit'
import { describe, expect, it } from 'vitest'
import type { Core } from '../../electron/core/core'
import { namedVoucherCodes as V } from '../../electron/core/sandbox/gotit/fixtures'
import type { Redemption } from '../../shared/domain/redeem'
import { errorOf, staffedTill, useCores, valueOf } from '../helpers/core'
import { useTempDirs } from '../helpers/temp-dir'
import { until } from '../helpers/until'

describe('redeeming Got It vouchers (DIRECT_FLOW) in training mode', () => {
  const tempDir = useTempDirs()
  const openCore = useCores()

  async function till(env: NodeJS.ProcessEnv = {}) {
    const core = openCore({ dataDir: tempDir(), env: { TILL_GOTIT_TIMEOUT_MS: '400', ...env }, worker: { tickMs: 20, backoff: { baseMs: 10, capMs: 50 } } })
    await staffedTill(core)
    const sim = await gotItOf(core).connection.simulator()
    return { core, sim }
  }

  async function settled(core: Core, billNumber: string): Promise<Redemption> {
    return until(
      async () => valueOf(await core.call('redeem:get', { billNumber })),
      (view) => view.status !== 'verifying' && view.status !== 'redeeming',
      `bill ${billNumber} to settle`
    )
  }

  it('checks a voucher and redeems it once, with the transaction id and bill number', async () => {
    const { core, sim } = await till()
    const check = valueOf(await core.call('redeem:check', { codes: [V.new] }))
    expect(check).toMatchObject({ allRedeemable: true, totalToApply: { amount: 100000, currency: 'VND' } })
    expect(check.billNumber).toMatch(/^T[0-9A-F]{6}[A-Z2-9]{4}-000001$/)
    expect(check.vouchers[0]).toMatchObject({
      code: V.new,
      problem: null,
      state: 'new',
      value: { amount: 100000, currency: 'VND' },
      amountToApply: { amount: 100000, currency: 'VND' },
      expiryDate: '2099-12-31',
      expiresAt: '2099-12-31T16:59:59.000Z'
    })
    const done = valueOf(await core.call('redeem:redeem', { billNumber: check.billNumber }))
    expect(done).toMatchObject({ status: 'redeemed', billNumber: check.billNumber, total: { amount: 100000 } })
    expect(done.transactionId).toMatch(/^2978_\d{20}$/)
    expect(sim.sim.uses.get(V.new)).toBe(1)
    const sent = sim.requests.filter((r) => r.route === 'usemultiple')
    expect(sent).toHaveLength(1)
    expect(sent[0]?.body).toMatchObject({ pin: '1212', codes: [V.new], bill_number: check.billNumber, skip_reserved_when_mark_used: true })
    expect(errorOf(await core.call('redeem:redeem', { billNumber: check.billNumber })).code).toBe('conflict')
  })

  it('redeems three vouchers on one bill, with the bill total and SKU lines', async () => {
    const { core, sim } = await till()
    const skus = [{ sku: 'SKU001', quantity: 1, price: 30000 }]
    const check = valueOf(await core.call('redeem:check', { codes: [V.new, V.new_200k, V.new_50k], billTotal: 500000, skus }))
    expect(check.totalToApply.amount).toBe(350000)
    const done = valueOf(await core.call('redeem:redeem', { billNumber: check.billNumber }))
    expect(done).toMatchObject({ status: 'redeemed', total: { amount: 350000 }, vouchers: [{ code: V.new }, { code: V.new_200k }, { code: V.new_50k }] })
    expect(sim.requests.filter((r) => r.route === 'usemultiple')[0]?.body).toMatchObject({ total_bill: 500000, skus_info: skus })
    expect([V.new, V.new_200k, V.new_50k].map((code) => sim.sim.uses.get(code))).toEqual([1, 1, 1])
  })

  // Every kind of refusal, against two code sets, is in gotit-codes.test.ts; here what a bill shows of them.
  it('shows where a used voucher was used, what Got It said, a malformed code checked locally, and refuses to redeem such a bill', async () => {
    const { core } = await till()
    const check = valueOf(await core.call('redeem:check', { codes: [V.new, V.used, '12345'] }))
    expect(check.allRedeemable).toBe(false)
    expect(check.vouchers.map((v) => [v.code, v.problem])).toEqual([
      [V.new, null],
      [V.used, 'used'],
      ['12345', 'invalid_format']
    ])
    const used = check.vouchers[1]
    expect(used?.used).toEqual({ at: '2026-11-20T11:02:11.000Z', storeName: { en: 'Store District 3', vi: 'Cửa hàng Quận 3' }, billNumber: 'POS07-000991' })
    expect(used?.providerMessage).toEqual({ en: 'Voucher has been used', vi: 'Voucher đã được sử dụng', code: 'SIM_VOUCHER_USED' })
    expect(errorOf(await core.call('redeem:redeem', { billNumber: check.billNumber })).code).toBe('conflict')
  })

  it('says a conditional voucher checked without the bill’s items needs them, before anything is redeemed', async () => {
    const { core, sim } = await till()
    const bare = valueOf(await core.call('redeem:check', { codes: [V.conditional] }))
    expect(bare.vouchers[0]).toMatchObject({ problem: 'needs_items', amountToApply: null, conditions: { redeemableSkus: ['SKU001', 'SKU003'] } })
    expect(bare.allRedeemable).toBe(false)
    expect(errorOf(await core.call('redeem:redeem', { billNumber: bare.billNumber })).code).toBe('conflict')
    expect(sim.requests.filter((r) => r.route === 'usemultiple')).toHaveLength(0)
    const withItems = valueOf(await core.call('redeem:check', { billNumber: bare.billNumber, codes: [V.conditional], billTotal: 200000, skus: [{ sku: 'SKU001', quantity: 2, price: 30000 }] }))
    expect(withItems.allRedeemable).toBe(true)
    expect(valueOf(await core.call('redeem:redeem', { billNumber: bare.billNumber })).status).toBe('redeemed')
  })

  it('explains conditions that are not met, and applies the redemption value when they are', async () => {
    const { core } = await till()
    const unmet = valueOf(await core.call('redeem:check', { codes: [V.conditional], billTotal: 200000, skus: [{ sku: 'SKU777', quantity: 1, price: 200000 }] }))
    expect(unmet.vouchers[0]).toMatchObject({ problem: 'conditions_not_met', conditions: { redeemableSkus: ['SKU001', 'SKU003'], minimumBill: { amount: 100000 } } })
    const met = valueOf(await core.call('redeem:check', { billNumber: unmet.billNumber, codes: [V.conditional], billTotal: 200000, skus: [{ sku: 'SKU001', quantity: 2, price: 30000 }] }))
    expect(met.vouchers[0]).toMatchObject({ problem: null, value: { amount: 100000 }, amountToApply: { amount: 60000 } })
    expect(met.billNumber).toBe(unmet.billNumber)
  })

  it('refuses more codes than a bill takes, and says when Got It cannot be reached', async () => {
    const { core, sim } = await till()
    const many = Array.from({ length: 21 }, (_, i) => String(2000000000 + i))
    expect(errorOf(await core.call('redeem:check', { codes: many })).code).toBe('too_many_codes')
    sim.faults.add({ route: 'checkmultiple', kind: 'status', status: 503 })
    const down = errorOf(await core.call('redeem:check', { codes: [V.new] }))
    expect(down).toMatchObject({ code: 'provider_unreachable', requestId: sim.requests.at(-1)?.requestId })
    expect(valueOf(await core.call('providers:status', {})).find((p) => p.provider === 'gotit')?.connectivity).toBe('offline')
  })

  it('commit-then-drop on mark use: verifying, then redeemed, used exactly once', async () => {
    const { core, sim } = await till()
    const check = valueOf(await core.call('redeem:check', { codes: [V.new, V.new_200k] }))
    sim.faults.add({ route: 'usemultiple', kind: 'reset-after', times: 1 })
    const first = valueOf(await core.call('redeem:redeem', { billNumber: check.billNumber }))
    expect(first.status).toBe('verifying')
    const done = await settled(core, check.billNumber)
    expect(done).toMatchObject({ status: 'redeemed', transactionId: null })
    expect(sim.sim.uses.get(V.new)).toBe(1)
    expect(sim.sim.uses.get(V.new_200k)).toBe(1)
    expect(sim.requests.filter((r) => r.route === 'usemultiple')).toHaveLength(1)
  })

  it('a reset before processing: verified as not used, sent again with the same bill number, redeemed once', async () => {
    const { core, sim } = await till()
    const check = valueOf(await core.call('redeem:check', { codes: [V.new] }))
    sim.faults.add({ route: 'usemultiple', kind: 'reset-before', times: 1 })
    expect(valueOf(await core.call('redeem:redeem', { billNumber: check.billNumber })).status).toBe('verifying')
    const done = await settled(core, check.billNumber)
    expect(done.status).toBe('redeemed')
    expect(done.transactionId).toMatch(/^2978_/)
    const uses = sim.requests.filter((r) => r.route === 'usemultiple')
    expect(uses.map((r) => (r.body as { bill_number: string }).bill_number)).toEqual([check.billNumber, check.billNumber])
    expect(new Set(uses.map((r) => r.requestId)).size).toBe(2)
    expect(sim.sim.uses.get(V.new)).toBe(1)
  })

  it('a timeout or a 500 after processing ends as redeemed once', async () => {
    const { core, sim } = await till()
    for (const fault of [
      { route: 'usemultiple', kind: 'hang' as const, times: 1 },
      { route: 'usemultiple', kind: 'status' as const, status: 500, afterProcessing: true, times: 1 }
    ]) {
      const code = fault.kind === 'hang' ? V.new : V.new_200k
      const check = valueOf(await core.call('redeem:check', { codes: [code] }))
      sim.faults.add(fault)
      expect(valueOf(await core.call('redeem:redeem', { billNumber: check.billNumber })).status).toBe('verifying')
      expect((await settled(core, check.billNumber)).status, fault.kind).toBe('redeemed')
    }
    // The hung request was never processed, so it was sent again; the 500 one was, so it was not.
    expect(sim.sim.uses.get(V.new)).toBe(1)
    expect(sim.sim.uses.get(V.new_200k)).toBe(1)
  })

  it('treats "already used" on our own bill as success after checking', async () => {
    const { core, sim } = await till()
    const check = valueOf(await core.call('redeem:check', { codes: [V.new] }))
    // An earlier attempt of this bill got through without the till hearing it.
    await fetch(`${sim.url}/merchant/v6.0/usemultiple`, {
      method: 'POST',
      body: JSON.stringify({ pin: '1212', codes: [V.new], bill_number: check.billNumber, skip_reserved_when_mark_used: true })
    })
    valueOf(await core.call('redeem:redeem', { billNumber: check.billNumber }))
    expect((await settled(core, check.billNumber)).status).toBe('redeemed')
    expect(sim.sim.uses.get(V.new)).toBe(1)
  })

  it('a voucher used at another store between check and redeem is rejected with where and why', async () => {
    const { core, sim } = await till()
    const check = valueOf(await core.call('redeem:check', { codes: [V.new] }))
    await fetch(`${sim.url}/merchant/v6.0/usemultiple`, {
      method: 'POST',
      body: JSON.stringify({ pin: '3434', codes: [V.new], bill_number: 'OTHER-1', skip_reserved_when_mark_used: true })
    })
    const done = valueOf(await core.call('redeem:redeem', { billNumber: check.billNumber }))
    expect(done).toMatchObject({ status: 'rejected', problem: { reason: 'used', code: V.new, message: { en: 'Voucher has been used' } } })
  })

  it('when Got It cannot be reached at redeem time, nothing is redeemed or queued and the bill stays open', async () => {
    const { core, sim } = await till()
    const check = valueOf(await core.call('redeem:check', { codes: [V.new] }))
    await sim.close()
    const error = errorOf(await core.call('redeem:redeem', { billNumber: check.billNumber }))
    expect(error.code).toBe('provider_unreachable')
    expect(error.message).toMatch(/Nothing was redeemed/)
    expect(error.params).toMatchObject({ reason: 'unreachable', provider: 'Got It' })
    expect(valueOf(await core.call('redeem:get', { billNumber: check.billNumber })).status).toBe('open')
    expect(core.context.journal.list(['pending', 'unknown', 'sending'])).toEqual([])
  })

  it('checks many unknown codes at once within a time budget, not one slow answer after another', async () => {
    const { core, sim } = await till({ TILL_GOTIT_TIMEOUT_MS: '5000', TILL_GOTIT_CHECK_BUDGET_MS: '60000' })
    const unknown = Array.from({ length: 20 }, (_, i) => `98765${String(i).padStart(5, '0')}`)
    sim.faults.add({ route: 'checkmultiple', kind: 'latency', latencyMs: 300 })
    const started = Date.now()
    const check = valueOf(await core.call('redeem:check', { codes: unknown }))
    const elapsed = Date.now() - started
    expect(check.vouchers.map((v) => v.problem)).toEqual(unknown.map(() => 'not_found'))
    // One request for all, then 19 single ones five at a time: about 5 rounds of 300 ms, not 20.
    expect(elapsed).toBeLessThan(20 * 300)
    expect(sim.requests.filter((r) => r.route === 'checkmultiple')).toHaveLength(20)
  })

  it('reports codes Got It did not answer within the budget as not checked, and answers in time', async () => {
    const { core, sim } = await till({ TILL_GOTIT_TIMEOUT_MS: '5000', TILL_GOTIT_CHECK_BUDGET_MS: '1000', TILL_GOTIT_CHECK_CONCURRENCY: '2' })
    const unknown = Array.from({ length: 10 }, (_, i) => `98766${String(i).padStart(5, '0')}`)
    sim.faults.add({ route: 'checkmultiple', kind: 'latency', latencyMs: 400 })
    const started = Date.now()
    const check = valueOf(await core.call('redeem:check', { codes: unknown }))
    expect(Date.now() - started).toBeLessThan(2500)
    expect(check.allRedeemable).toBe(false)
    const notChecked = check.vouchers.filter((v) => !v.checked)
    expect(notChecked.length).toBeGreaterThan(0)
    expect(check.vouchers.filter((v) => v.problem === 'not_found').length).toBeGreaterThanOrEqual(2)
  })

  it('a re-check that overlaps a redeem cannot change the bill: the redeemed vouchers stay on it', async () => {
    const { core, sim } = await till({ TILL_GOTIT_TIMEOUT_MS: '10000' })
    const check = valueOf(await core.call('redeem:check', { codes: [V.new, V.new_200k] }))
    // The re-check is held at Got It for a while; the redeem starts once the re-check is there, and outlasts it.
    sim.faults.add({ route: 'checkmultiple', kind: 'latency', latencyMs: 600, times: 1 })
    sim.faults.add({ route: 'usemultiple', kind: 'latency', latencyMs: 1800, times: 1 })
    const checksBefore = sim.requests.filter((r) => r.route === 'checkmultiple').length
    const recheck = core.call('redeem:check', { billNumber: check.billNumber, codes: [V.new_50k] })
    await until(
      () => sim.requests.filter((r) => r.route === 'checkmultiple').length,
      (n) => n > checksBefore,
      'the re-check to reach Got It'
    )
    const redeem = core.call('redeem:redeem', { billNumber: check.billNumber })
    expect(errorOf(await recheck)).toMatchObject({ code: 'conflict', message: expect.stringMatching(/being redeemed right now/) })
    const done = valueOf(await redeem)
    expect(done).toMatchObject({ status: 'redeemed', total: { amount: 300_000 } })
    expect(done.vouchers.map((v) => v.code)).toEqual([V.new, V.new_200k])
    expect(errorOf(await core.call('redeem:check', { billNumber: check.billNumber, codes: [V.new_50k] })).code).toBe('conflict')
  })

  it('says Got It is not set up, and what is missing, when its store PIN is not there', async () => {
    const core = openCore({ dataDir: tempDir(), env: { TILL_GOTIT_MODE: 'sandbox', TILL_GOTIT_BASE_URL: 'http://127.0.0.1:9' } })
    await staffedTill(core)
    const error = errorOf(await core.call('redeem:check', { codes: [V.new] }))
    expect(error).toMatchObject({ code: 'provider_unreachable', params: { reason: 'not_set_up', provider: 'Got It', missing: expect.stringMatching(/store PIN/) } })
  })

  it('logs every attempt with its request id and masked codes', async () => {
    const { core, sim } = await till()
    const check = valueOf(await core.call('redeem:check', { codes: [V.new] }))
    valueOf(await core.call('redeem:redeem', { billNumber: check.billNumber }))
    core.context.http.log.flush()
    const calls = core.context.db.prepare('SELECT operation, endpoint, status, request_id, detail FROM provider_calls ORDER BY id').all() as {
      operation: string
      endpoint: string
      status: number
      request_id: string
      detail: string
    }[]
    expect(calls.map((c) => [c.operation, c.endpoint, c.status])).toEqual([
      ['checkmultiple', '/merchant/v6.0/checkmultiple', 200],
      ['usemultiple', '/merchant/v6.0/usemultiple', 200]
    ])
    expect(calls.map((c) => c.request_id)).toEqual(sim.requests.map((r) => r.requestId))
    expect(calls.every((c) => !c.detail.includes(V.new) && c.detail.includes('0001'))).toBe(true)
  })
})

describe('RESERVE_FLOW', () => {
  const tempDir = useTempDirs()
  const openCore = useCores()

  async function reserveTill() {
    const core = openCore({ dataDir: tempDir(), worker: { tickMs: 20, backoff: { baseMs: 10, capMs: 50 } } })
    await staffedTill(core)
    valueOf(await core.call('settings:setStore', { gotitFlow: 'reserve' }))
    const sim = await gotItOf(core).connection.simulator()
    return { core, sim }
  }

  it('reserves on check, marks the reserved vouchers used on redeem, without the DIRECT_FLOW flag', async () => {
    const { core, sim } = await reserveTill()
    const check = valueOf(await core.call('redeem:check', { codes: [V.new, V.new_200k] }))
    expect(check.allRedeemable).toBe(true)
    expect(sim.sim.voucher(V.new)?.state).toBe(11)
    expect(sim.sim.voucher(V.new)?.reservation?.billNumber).toBe(check.billNumber)
    // Checking the same bill again is fine: the vouchers are reserved for it.
    expect(valueOf(await core.call('redeem:check', { billNumber: check.billNumber, codes: [V.new, V.new_200k] })).allRedeemable).toBe(true)
    const done = valueOf(await core.call('redeem:redeem', { billNumber: check.billNumber }))
    expect(done).toMatchObject({ status: 'redeemed', flow: 'reserve' })
    const markUse = sim.requests.find((r) => r.route === 'usemultiple')?.body as Record<string, unknown>
    expect(markUse).not.toHaveProperty('skip_reserved_when_mark_used')
    expect(sim.requests.filter((r) => r.route === 'reserved')).toHaveLength(2)
    expect(sim.sim.voucher(V.new)?.state).toBe(4)
  })

  it('releases the reservations of an abandoned bill', async () => {
    const { core, sim } = await reserveTill()
    const check = valueOf(await core.call('redeem:check', { codes: [V.opened] }))
    expect(sim.sim.voucher(V.opened)?.state).toBe(11)
    expect(valueOf(await core.call('redeem:abandon', { billNumber: check.billNumber })).status).toBe('abandoned')
    expect(sim.sim.voucher(V.opened)?.state).toBe(3)
    expect(sim.requests.find((r) => r.route === 'unreserved')?.body).toMatchObject({ codes: [V.opened], bill_number: check.billNumber })
  })

  it('releases by itself a reservation whose answer was lost, once its bill is left open too long', async () => {
    let clock = new Date('2026-11-22T08:00:00Z')
    const core = openCore({ dataDir: tempDir(), now: () => clock, startWorker: false })
    await staffedTill(core)
    valueOf(await core.call('settings:setStore', { gotitFlow: 'reserve' }))
    const sim = await gotItOf(core).connection.simulator()
    sim.faults.add({ route: 'reserved', kind: 'reset-after', times: 1 }) // Got It reserves, the answer is lost
    const lost = errorOf(await core.call('redeem:check', { codes: [V.new_50k] }))
    expect(lost.message).toMatch(/could not be reserved/)
    expect(sim.sim.voucher(V.new_50k)?.state).toBe(11) // held at Got It, though the cashier was told it failed

    const runtime = gotItOf(core)
    runtime.maintain?.()
    expect(sim.sim.voucher(V.new_50k)?.state).toBe(11) // a fresh bill is left alone
    clock = new Date(clock.getTime() + 31 * 60_000)
    runtime.maintain?.()
    await until(
      async () => {
        await core.context.worker.drain()
        return sim.sim.voucher(V.new_50k)?.state
      },
      (state) => state === 1,
      'the held voucher to be released'
    )
    expect(sim.requests.filter((r) => r.route === 'unreserved').map((r) => (r.body as { codes: string[] }).codes)).toContainEqual([V.new_50k])
  })

  it('a release that got no answer is verified and completed later', async () => {
    const { core, sim } = await reserveTill()
    const check = valueOf(await core.call('redeem:check', { codes: [V.new] }))
    sim.faults.add({ route: 'unreserved', kind: 'reset-before', times: 1 })
    valueOf(await core.call('redeem:abandon', { billNumber: check.billNumber }))
    const unsettled = () => core.context.journal.list(['pending', 'unknown', 'sending', 'needs_review'])
    // The simulator releases the voucher a moment before the till records the answer: wait for both.
    await until(
      () => ({ state: sim.sim.voucher(V.new)?.state, unsettled: unsettled().length }),
      (now) => now.state === 1 && now.unsettled === 0,
      'the release to be completed'
    )
  })
})
