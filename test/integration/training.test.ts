import { gotItOf } from '../../electron/core/providers/gotit'
import { describe, expect, it } from 'vitest'
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
