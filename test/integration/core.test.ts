import { describe, expect, it } from 'vitest'
import type { TillEvent } from '../../electron/core/events'
import { channelNames } from '../../shared/ipc/contract'
import { contract } from '../../shared/ipc/contract'
import { staffedTill, useCores, valueOf } from '../helpers/core'
import { useTempDirs } from '../helpers/temp-dir'
import { readPreferences, writePreferences } from '../../electron/core/db/repos/preferences-repo'

describe('core', () => {
  const tempDir = useTempDirs()
  const openCore = useCores()

  it('has a handler for every channel of the contract and no handler outside it', () => {
    const core = openCore({ dataDir: tempDir() })
    expect(Object.keys(core.handlers).sort()).toEqual([...channelNames].sort())
    expect(Object.keys(contract).sort()).toEqual([...channelNames].sort())
  })

  it('never echoes an oversized input: a 1 MB bill number or channel name gets a short answer', async () => {
    const core = openCore({ dataDir: tempDir() })
    await staffedTill(core)
    const huge = 'A'.repeat(1024 * 1024)
    for (const answer of [await core.dispatch('redeem:get', { billNumber: huge }), await core.dispatch(huge, {}), await core.dispatch('redeem:check', { codes: [huge] })]) {
      expect(answer.ok).toBe(false)
      expect(JSON.stringify(answer).length).toBeLessThan(1000)
    }
  })

  it('names every journal operation of every provider module in every language', () => {
    const core = openCore({ dataDir: tempDir() })
    const operations = [...core.providers.values()].flatMap((runtime) => Object.entries(runtime.operations))
    expect(operations.map(([name]) => name)).toEqual([
      'gotit.markUse',
      'gotit.reserve',
      'gotit.unreserve',
      'hubble.placeOrder',
      'vipps.attachReceipt',
      'vipps.setCategory',
      'vipps.uploadImage',
      'juspay.refund',
      'juspay.revokeMandate'
    ])
    for (const [name, operation] of operations) {
      expect(operation.label.en, name).toMatch(/\S/)
      expect(operation.label.vi, name).toMatch(/\S/)
    }
  })

  it('keeps the same till id across restarts on the same data folder', async () => {
    const dataDir = tempDir()
    const first = openCore({ dataDir })
    const before = await first.call('app:info', {})
    await first.close()
    const second = openCore({ dataDir })
    const after = await second.call('app:info', {})
    expect(before.ok && after.ok).toBe(true)
    if (before.ok && after.ok) expect(after.value).toMatchObject({ tillId: (before.value as { tillId: string }).tillId })
  })

  it('remembers preferences across a restart and announces each change', async () => {
    const dataDir = tempDir()
    const core = openCore({ dataDir })
    const seen: TillEvent[] = []
    core.events.subscribe((event) => seen.push(event))
    await staffedTill(core)
    valueOf(await core.call('prefs:setLanguage', { language: 'vi' }))
    const stored = {
      language: 'vi',
      timeZone: 'Asia/Ho_Chi_Minh',
      idleLockSeconds: 600,
      gotitFlow: 'direct',
      offlinePolicy: { enabled: false, perVoucherCap: 200_000, perShiftCap: 1_000_000 },
      callbacks: { enabled: false, host: '127.0.0.1', port: 5720 },
      errorRateAlertPercent: 25,
      storeName: ''
    }
    const saved = valueOf(await core.call('settings:setStore', { timeZone: 'Asia/Ho_Chi_Minh', idleLockSeconds: 600 }))
    expect(saved).toEqual(stored)
    const changes = seen.filter((event) => event.name === 'prefs:changed').map((event) => event.payload)
    expect(changes).toEqual([expect.objectContaining({ language: 'vi' }), stored])
    await core.close()
    const reopened = openCore({ dataDir })
    expect(await reopened.call('prefs:get', {})).toEqual({ ok: true, value: stored })
  })

  it('falls back to the default for a stored preference that no longer validates', async () => {
    const dataDir = tempDir()
    const first = openCore({ dataDir })
    expect(await first.call('prefs:setLanguage', { language: 'vi' })).toMatchObject({ ok: true })
    // Stored by something else while the till was closed (an older version, a hand edit).
    first.context.db.prepare("UPDATE preferences SET value = '\"klingon\"' WHERE key = 'language'").run()
    // A zone Intl does not know: the screens no longer check the zone themselves, so the core must not hand it out.
    first.context.db.prepare("INSERT INTO preferences (key, value, updated_at) VALUES ('timeZone', '\"Mars/Olympus\"', '2026-12-05T00:00:00.000Z')").run()
    await first.close()
    const prefs = await openCore({ dataDir }).call('prefs:get', {})
    expect(prefs.ok && prefs.value).toMatchObject({ language: 'en', timeZone: Intl.DateTimeFormat().resolvedOptions().timeZone })
  })

  it('keeps preferences it read until they are changed, and a change rolled back is not kept', async () => {
    const core = openCore({ dataDir: tempDir() })
    expect(await core.call('prefs:get', {})).toMatchObject({ ok: true, value: { language: 'en' } })
    expect(await core.call('prefs:setLanguage', { language: 'vi' })).toMatchObject({ ok: true, value: { language: 'vi' } })
    expect(await core.call('prefs:get', {})).toMatchObject({ ok: true, value: { language: 'vi' } })
    const db = core.context.db
    expect(() =>
      db.transaction(() => {
        writePreferences(db, { language: 'en' }, new Date().toISOString())
        expect(readPreferences(db).language).toBe('en')
        throw new Error('rolled back')
      })()
    ).toThrow('rolled back')
    expect(await core.call('prefs:get', {})).toMatchObject({ ok: true, value: { language: 'vi' } })
  })

  it('reports training mode while a provider runs on its simulator, and not when none does', async () => {
    const training = openCore({ dataDir: tempDir() })
    const live = openCore({
      dataDir: tempDir(),
      env: { TILL_GOTIT_MODE: 'production', TILL_HUBBLE_MODE: 'sandbox', TILL_VIPPS_MODE: 'production', TILL_JUSPAY_MODE: 'production' }
    })
    const a = await training.call('app:info', {})
    const b = await live.call('app:info', {})
    expect(a.ok && a.value).toMatchObject({ trainingMode: true })
    expect(b.ok && b.value).toMatchObject({ trainingMode: false })
  })

  it('starts every provider as not yet contacted and emits providers:changed when a call outcome changes it', async () => {
    let clock = new Date('2026-11-22T03:00:00Z')
    const core = openCore({ dataDir: tempDir(), now: () => clock })
    const statuses = await core.call('providers:status', {})
    expect(statuses.ok && statuses.value).toEqual([
      { provider: 'gotit', name: 'Got It', mode: 'training', connectivity: 'unknown', checkedAt: null },
      { provider: 'hubble', name: 'Hubble gift cards', mode: 'training', connectivity: 'unknown', checkedAt: null },
      { provider: 'vipps', name: 'Vipps MobilePay', mode: 'training', connectivity: 'unknown', checkedAt: null },
      { provider: 'juspay', name: 'Juspay', mode: 'training', connectivity: 'unknown', checkedAt: null }
    ])
    const seen: TillEvent[] = []
    core.events.subscribe((event) => seen.push(event))
    core.context.connectivity.report('gotit', 'offline')
    clock = new Date('2026-11-22T03:00:05Z')
    core.context.connectivity.report('gotit', 'offline')
    expect(seen).toHaveLength(1)
    expect(seen[0]?.name).toBe('providers:changed')
    const after = await core.call('providers:status', {})
    expect(after.ok && after.value).toContainEqual({ provider: 'gotit', name: 'Got It', mode: 'training', connectivity: 'offline', checkedAt: '2026-11-22T03:00:05.000Z' })
  })
})
