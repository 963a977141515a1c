import { gotItOf } from '../../electron/core/providers/gotit'
import { hubbleOf } from '../../electron/core/providers/hubble'
import { juspayOf } from '../../electron/core/providers/juspay'
import { vippsOf } from '../../electron/core/providers/vipps'
import { HUBBLE_CLIENT_ID, HUBBLE_CLIENT_SECRET } from '../../electron/core/sandbox/hubble/fixtures'
import { JUSPAY_WEBHOOK_PASSWORD } from '../../electron/core/sandbox/juspay/fixtures'
import { VIPPS_SUBSCRIPTION_KEY } from '../../electron/core/sandbox/vipps/fixtures'
import { describe, expect, it, vi } from 'vitest'
import { errorOf, staffedTill, useCores, valueOf } from '../helpers/core'
import { useTempDirs } from '../helpers/temp-dir'

describe('training mode', () => {
  const tempDir = useTempDirs()
  const openCore = useCores()

  it('offers one named simulator voucher per lesson while Got It is in training mode, and none otherwise', async () => {
    const training = openCore({ dataDir: tempDir() })
    await staffedTill(training)
    const vouchers = valueOf(await training.call('training:vouchers', {}))
    expect(vouchers).toContainEqual({ name: 'new', code: '1000000001' })
    expect(vouchers).toContainEqual({ name: 'used', code: '1000000040' })
    expect(vouchers).toContainEqual({ name: 'conditional', code: '10000000C1' })
    expect(new Set(vouchers.map((v) => v.code)).size).toBe(vouchers.length)

    const live = openCore({ dataDir: tempDir(), env: { TILL_GOTIT_MODE: 'sandbox', TILL_GOTIT_PIN: '1212' } })
    await staffedTill(live)
    expect(valueOf(await live.call('training:vouchers', {}))).toEqual([])
  })

  it('never runs out: fresh practice vouchers replace used ones, and a reset makes every voucher new again', async () => {
    const core = openCore({ dataDir: tempDir() })
    await staffedTill(core)
    const practice = (list: { name: string; code: string }[]) => list.filter((v) => v.name === 'practice').map((v) => v.code)
    const before = practice(valueOf(await core.call('training:vouchers', {})))
    expect(before).toHaveLength(5)
    const [first] = before
    const check = valueOf(await core.call('redeem:check', { codes: [first ?? '', '1000000001'] }))
    expect(valueOf(await core.call('redeem:redeem', { billNumber: check.billNumber })).status).toBe('redeemed')
    const after = practice(valueOf(await core.call('training:vouchers', {})))
    expect(after).toHaveLength(5)
    expect(after).not.toContain(first)

    valueOf(await core.call('training:reset', {}))
    expect(valueOf(await core.call('redeem:check', { codes: ['1000000001'] })).vouchers[0]?.problem).toBeNull()
    expect(practice(valueOf(await core.call('training:vouchers', {})))).toContain(first)

    const live = openCore({ dataDir: tempDir(), env: { TILL_GOTIT_MODE: 'sandbox', TILL_GOTIT_PIN: '1212' } })
    await staffedTill(live)
    expect(errorOf(await live.call('training:reset', {}))).toMatchObject({ code: 'conflict', params: { reason: 'not_training' } })
  })

  it('runs the Got It simulator in-process on loopback, once, and stops it with the core', async () => {
    const core = openCore({ dataDir: tempDir() })
    const first = await gotItOf(core).connection.simulator()
    expect(await gotItOf(core).connection.simulator()).toBe(first)
    expect(first.url).toMatch(/^http:\/\/127\.0\.0\.1:\d+$/)
    const answer = await fetch(`${first.url}/merchant/v6.0/checkmultiple`, { method: 'POST', body: JSON.stringify({ pin: first.pin, codes: ['1000000001'] }) })
    expect(await answer.json()).toMatchObject({ success: true })
    await core.close()
    await expect(fetch(`${first.url}/merchant/v6.0/checkmultiple`, { method: 'POST', body: '{}' })).rejects.toThrow()
  })
})

describe('training kept apart from production', () => {
  const tempDir = useTempDirs()
  const openCore = useCores()

  it('runs the simulators inside the till without control routes, and with credentials made fresh at this start', async () => {
    const core = openCore({ dataDir: tempDir() })
    await staffedTill(core)
    const gotit = await gotItOf(core).connection.simulator()
    const hubble = await hubbleOf(core).connection.simulator()
    const vipps = await vippsOf(core).connection.simulator()
    const juspay = await juspayOf(core).connection.simulator()
    // Nothing on the computer can move the practice clock, inject faults, read the state or reset it.
    for (const sim of [gotit, hubble, vipps, juspay]) {
      for (const [path, method] of [
        ['/__sim/state', 'GET'],
        ['/__sim/faults', 'POST'],
        ['/__sim/clock', 'POST'],
        ['/__sim/reset', 'POST'],
        ['/__sim/requests', 'GET']
      ] as const) {
        expect((await fetch(`${sim.url}${path}`, { method, body: method === 'POST' ? '{}' : undefined })).status, `${sim.provider} ${path}`).toBe(404)
      }
    }
    expect((await fetch(`${juspay.url}/__juspay/deliver`, { method: 'POST' })).status).toBe(404)
    // The fixtures' credentials (printed in the repository) open nothing here; this start's do, and the till uses them.
    const login = (clientId: string, clientSecret: string) =>
      fetch(`${hubble.url}/v1/partners/auth/login`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify({ clientId, clientSecret }) })
    expect((await login(HUBBLE_CLIENT_ID, HUBBLE_CLIENT_SECRET)).status).toBe(401)
    expect(hubble.clientSecret).not.toBe(HUBBLE_CLIENT_SECRET)
    expect(juspay.webhookPassword).not.toBe(JUSPAY_WEBHOOK_PASSWORD)
    expect(vipps.subscriptionKey).not.toBe(VIPPS_SUBSCRIPTION_KEY)
    expect(valueOf(await core.call('giftcards:sync', {})).brands).toBeGreaterThan(0)
    // A till started again makes new ones.
    vi.resetModules()
    const again = await import('../../electron/core/training/simulators')
    expect(again.trainingCredentials.hubble.clientSecret).not.toBe(hubble.clientSecret)
  })
})
