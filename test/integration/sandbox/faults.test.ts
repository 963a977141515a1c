import { afterEach, beforeEach, describe, expect, it } from 'vitest'
import { startGotItSimulator, type RunningGotItSimulator } from '../../../electron/core/sandbox/gotit'
import { namedVoucherCodes as V } from '../../../electron/core/sandbox/gotit/fixtures'
import { startSimulator } from '../../../electron/core/sandbox/framework/sim-server'

let sim: RunningGotItSimulator

const use = (code: string = V.new, signal?: AbortSignal) =>
  fetch(`${sim.url}/merchant/v6.0/usemultiple`, {
    method: 'POST',
    headers: { 'Content-Type': 'application/json' },
    body: JSON.stringify({ pin: '1212', codes: [code], bill_number: 'B1', skip_reserved_when_mark_used: true }),
    ...(signal ? { signal } : {})
  })

const control = async (path: string, method = 'GET', body?: unknown) => {
  const response = await fetch(`${sim.url}/__sim/${path}`, { method, ...(body === undefined ? {} : { body: JSON.stringify(body) }) })
  return { status: response.status, json: (await response.json()) as unknown }
}

const state = (code: string = V.new) => sim.sim.voucher(code)?.state

describe('fault injection', () => {
  beforeEach(async () => {
    sim = await startGotItSimulator()
  })
  afterEach(async () => sim.close())

  it('adds latency and still answers', async () => {
    sim.faults.add({ route: 'usemultiple', kind: 'latency', latencyMs: 300 })
    const started = Date.now()
    const response = await use()
    expect(Date.now() - started).toBeGreaterThanOrEqual(290)
    expect(await response.json()).toMatchObject({ success: true })
  })

  it('can give no answer at all, leaving the voucher untouched', async () => {
    sim.faults.add({ route: 'usemultiple', kind: 'hang' })
    await expect(use(V.new, AbortSignal.timeout(300))).rejects.toThrow(/timeout|aborted/i)
    expect(state()).toBe(1)
    expect(sim.requests.at(-1)).toMatchObject({ route: 'usemultiple', fault: 'hang', status: 'no answer' })
  })

  it('resets the connection before processing: nothing happened', async () => {
    sim.faults.add({ route: 'usemultiple', kind: 'reset-before', times: 1 })
    await expect(use()).rejects.toThrow()
    expect(state()).toBe(1)
    expect(await (await use()).json()).toMatchObject({ success: true })
    expect(sim.sim.uses.get(V.new)).toBe(1)
  })

  it('commits then drops: the voucher is used but the caller never hears it', async () => {
    sim.faults.add({ route: 'usemultiple', kind: 'reset-after', times: 1 })
    await expect(use()).rejects.toThrow()
    expect(state()).toBe(4)
    expect(sim.sim.uses.get(V.new)).toBe(1)
    expect(sim.requests.at(-1)).toMatchObject({ fault: 'reset-after', status: 'dropped' })
  })

  it('answers 5xx or 429 before processing, or 500 after it', async () => {
    for (const status of [500, 502, 503, 429]) {
      sim.faults.add({ route: 'usemultiple', kind: 'status', status, times: 1 })
      expect((await use()).status).toBe(status)
      expect(state()).toBe(1)
    }
    sim.faults.add({ route: 'usemultiple', kind: 'status', status: 500, afterProcessing: true, times: 1 })
    const response = await use()
    expect(response.status).toBe(500)
    expect(await response.text()).toBe('Internal Server Error')
    expect(state()).toBe(4)
  })

  it('sends a malformed or a truncated body after processing', async () => {
    sim.faults.add({ route: 'usemultiple', kind: 'malformed', times: 1 })
    const malformed = await use(V.new)
    expect(malformed.status).toBe(200)
    await expect(malformed.json()).rejects.toThrow()
    expect(state(V.new)).toBe(4)

    sim.faults.add({ route: 'usemultiple', kind: 'truncated', times: 1 })
    await expect(use(V.new_200k).then((r) => r.json())).rejects.toThrow()
    expect(state(V.new_200k)).toBe(4)
  })

  it('applies a fault only to its route, to every Nth request, or N times', async () => {
    sim.faults.add({ route: 'checkmultiple', kind: 'status', status: 503 })
    expect((await use()).status).toBe(200)
    sim.faults.clear()
    sim.faults.add({ route: '*', kind: 'status', status: 503, every: 3 })
    const statuses: number[] = []
    for (const code of ['2000000000', '2000000001', '2000000002', '2000000003', '2000000004', '2000000005']) statuses.push((await use(code)).status)
    expect(statuses).toEqual([200, 200, 503, 200, 200, 503])
    sim.faults.clear()
    sim.faults.add({ route: '*', kind: 'status', status: 502, times: 2 })
    const limited: number[] = []
    for (const code of ['2000000010', '2000000011', '2000000012']) limited.push((await use(code)).status)
    expect(limited).toEqual([502, 502, 200])
    expect(sim.faults.list()).toEqual([])
  })

  it('is controlled over HTTP: faults, clock, requests, state and reset', async () => {
    expect((await control('faults', 'POST', { route: 'usemultiple', kind: 'status', status: 503 })).json).toMatchObject([{ route: 'usemultiple', kind: 'status', status: 503 }])
    expect((await use()).status).toBe(503)
    expect((await control('faults', 'POST', { route: 'usemultiple', kind: 'explode' })).status).toBe(400)
    expect((await control('faults', 'DELETE')).json).toEqual([])
    expect((await use()).status).toBe(200)

    expect((await control('clock', 'POST', { now: '2030-01-01T00:00:00Z' })).json).toEqual({ now: '2030-01-01T00:00:00.000Z', frozen: true })
    expect((await control('clock', 'POST', { advanceMs: 60_000 })).json).toMatchObject({ now: '2030-01-01T00:01:00.000Z' })
    const used = (await (await use(V.new_200k)).json()) as { data: { redemptions: { used_date: string } }[] }
    expect(used.data[0]?.redemptions.used_date).toBe('2030-01-01 07:01:00')

    const requests = (await control('requests')).json as { route: string; status: number | string }[]
    expect(requests.map((r) => [r.route, r.status])).toEqual([
      ['usemultiple', 503],
      ['usemultiple', 200],
      ['usemultiple', 200]
    ])
    expect((await control('state')).json).toMatchObject({ uses: { [V.new]: 1, [V.new_200k]: 1 } })
    expect((await control('reset', 'POST')).json).toEqual({ reset: true })
    expect(state()).toBe(1)
    expect((await control('clock')).json).toMatchObject({ frozen: false })
    expect((await control('requests')).json).toEqual([])
  })
})

describe('the request log', () => {
  it('keeps the latest requests only, so a training till does not grow with every voucher', async () => {
    const running = await startSimulator({ provider: 'test', routes: [{ name: 'echo', method: 'POST', path: '/echo', handle: () => ({ status: 200, body: {} }) }], requestsKept: 10 })
    try {
      for (let i = 1; i <= 25; i++) await fetch(`${running.url}/echo`, { method: 'POST', headers: { 'Content-Type': 'application/json' }, body: JSON.stringify({ i }) })
      expect(running.requests.length).toBeLessThanOrEqual(11)
      expect(running.requests.at(-1)?.body).toEqual({ i: 25 })
      expect(running.requests.map((r) => (r.body as { i: number }).i)).toEqual(Array.from({ length: running.requests.length }, (_, k) => 25 - running.requests.length + 1 + k))
    } finally {
      await running.close()
    }
  })
})
