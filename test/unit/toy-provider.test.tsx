// @vitest-environment happy-dom
import { mkdtempSync, rmSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { render, screen } from '@testing-library/react'
import { z } from 'zod'
import { afterEach, describe, expect, it } from 'vitest'
import { openDatabase } from '../../electron/core/db/connection'
import { migrate } from '../../electron/core/db/migrations'
import { ProviderSettings } from '../../electron/core/settings/provider-settings'
import { environmentOnlyVault } from '../../electron/core/settings/secret-vault'
import { EXTERNAL_HOSTS, mayOpenExternally } from '../../electron/main/external-links'
import { screensOf } from '../../renderer/src/app/screens'
import { titleOf } from '../../renderer/src/app/screen-entry'
import { ProviderFilter } from '../../renderer/src/features/history/ProviderFilter'
import { translator } from '../../renderer/src/i18n/i18n'
import { contractOf } from '../../shared/ipc/contract'
import { defineFeature } from '../../shared/ipc/channel-table'
import { providerManifests } from '../../shared/providers'
import { defineProvider, timeoutField } from '../../shared/providers/manifest'

/**
 * A fifth provider, made here and nowhere else: one manifest. Everything the rest of the till
 * lists is built from the manifests, so it shows up in the contract, the menu, History's filter
 * and Settings without another file changing.
 */
const toy = defineProvider({
  id: 'toypay',
  name: 'ToyPay',
  names: { en: 'ToyPay', vi: 'ToyPay Việt' },
  screen: { id: 'toys', title: { en: 'Toys', vi: 'Đồ chơi' } },
  feature: defineFeature({
    channels: { 'toys:lookup': { summary: 'Looks a toy payment up.', access: 'staff', input: z.object({ id: z.string() }).strict(), output: z.object({ status: z.string() }) } },
    reasons: z.enum(['toy_refused'])
  }),
  historyKinds: ['toy_payment'],
  auditActions: ['toy_payment_requested'],
  settings: {
    fields: [{ key: 'apiKey', label: 'API key', secret: true, env: 'TILL_TOYPAY_API_KEY', required: true }, timeoutField('TILL_TOYPAY_TIMEOUT_MS')],
    baseUrls: { sandbox: 'https://sandbox.toypay.example', production: 'https://api.toypay.example' }
  },
  linkHosts: ['toypay.example']
})
const withToy = [...providerManifests, toy]

describe('a provider is one manifest', () => {
  const dirs: string[] = []
  afterEach(() => {
    for (const dir of dirs.splice(0)) rmSync(dir, { recursive: true, force: true })
  })

  it('puts a fifth provider in the contract, the menu, History’s filter and Settings', () => {
    // The contract: its channel beside every other, and nothing of it in the till's own.
    expect(Object.keys(contractOf(withToy))).toContain('toys:lookup')
    expect(Object.keys(contractOf(providerManifests))).not.toContain('toys:lookup')

    // The menu: after the four providers' screens, before the till's own, named in each language.
    const menu = screensOf(withToy)
    expect(menu.map((entry) => entry.id)).toEqual(['redeem', 'giftcards', 'receipts', 'payments', 'toys', 'queue', 'history', 'settings'])
    const toys = menu[4] ?? expect.fail('no toys screen')
    expect(titleOf(toys, translator('en'), 'en')).toBe('Toys')
    expect(titleOf(toys, translator('vi'), 'vi')).toBe('Đồ chơi')

    // History's provider filter.
    render(<ProviderFilter value={undefined} onChange={() => undefined} language="vi" t={translator('vi')} manifests={withToy} />)
    expect(screen.getByRole('option', { name: 'ToyPay Việt' })).toHaveProperty('value', 'toypay')
    expect(screen.getAllByRole('option')).toHaveLength(6)

    // Settings: listed with its fields, and its settings kept in the database like any other's.
    const dir = mkdtempSync(join(tmpdir(), 'till-toy-'))
    dirs.push(dir)
    const db = openDatabase(join(dir, 'till.sqlite'))
    migrate(db)
    const settings = new ProviderSettings(withToy, db, environmentOnlyVault, {}, () => new Date('2026-12-06T09:00:00Z'))
    const view = settings.view().providers.find((p) => p.provider === 'toypay')
    expect(view).toMatchObject({ name: 'ToyPay', mode: 'training', baseUrl: 'https://sandbox.toypay.example' })
    expect(view?.fields.map((f) => f.key)).toEqual(['apiKey', 'timeoutMs'])
    settings.apply({ provider: 'toypay', values: { timeoutMs: '5000' } })
    expect(settings.values('toypay')['timeoutMs']).toBe('5000')
    db.close()
  })

  it('builds the external links from the manifests: a provider’s own pages open, others do not', () => {
    expect(EXTERNAL_HOSTS).toEqual(providerManifests.flatMap((m) => m.linkHosts))
    expect(mayOpenExternally('https://portal.juspay.in/settings/webhooks')).toBe(true)
    expect(
      mayOpenExternally(
        'https://toypay.example/help',
        withToy.flatMap((m) => m.linkHosts)
      )
    ).toBe(true)
    expect(mayOpenExternally('https://toypay.example/help')).toBe(false)
  })
})
