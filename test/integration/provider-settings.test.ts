import { readFileSync } from 'node:fs'
import { join } from 'node:path'
import { randomBytes } from 'node:crypto'
import { describe, expect, it } from 'vitest'
import { providerEnvironmentVariables } from '../../electron/core/settings/provider-settings'
import { providerManifests } from '../../shared/providers'
import { errorOf, recordingLog, staffedTill, useCores, valueOf } from '../helpers/core'
import { useTempDirs } from '../helpers/temp-dir'
import { testVault } from '../helpers/test-vault'

const SECRET = 'S3cr3t-client-VALUE-9f2e'
const PIN = 'STOREPIN-7731'

describe('provider settings', () => {
  const tempDir = useTempDirs()
  const openCore = useCores()

  async function managerTill(options: { env?: NodeJS.ProcessEnv; key?: Uint8Array; dataDir?: string } = {}) {
    const dataDir = options.dataDir ?? tempDir()
    const log = recordingLog()
    const core = openCore({ dataDir, env: options.env ?? {}, vault: testVault(options.key), logger: log })
    if (valueOf(await core.call('auth:status', {})).setupNeeded) await staffedTill(core)
    else {
      const manager = valueOf(await core.call('auth:staffList', {})).find((person) => person.role === 'manager')
      valueOf(await core.call('auth:signIn', { staffId: manager?.id ?? '', pin: '4826' }))
    }
    return { core, dataDir, log }
  }

  it('starts every provider in training mode with the provider’s own sandbox URL', async () => {
    const { core } = await managerTill()
    const view = valueOf(await core.call('settings:get', {}))
    expect(view.secretProtection).toBe('os')
    expect(view.providers.map((p) => [p.provider, p.mode, p.baseUrl, p.problems])).toEqual([
      ['gotit', 'training', 'https://openapi-stg.gotit.vn', []],
      ['hubble', 'training', 'https://api.dev.myhubble.money', []],
      ['vipps', 'training', 'https://apitest.vipps.no', []],
      ['juspay', 'training', 'https://sandbox.juspay.in', []]
    ])
  })

  it('refuses sandbox or production until the credentials are there, saying which are missing', async () => {
    const { core } = await managerTill()
    expect(errorOf(await core.call('settings:setProvider', { provider: 'hubble', mode: 'production' }))).toMatchObject({
      code: 'invalid_input',
      message: 'Hubble gift cards cannot run in production mode yet: Missing client id, client secret.'
    })
    const view = valueOf(await core.call('settings:setProvider', { provider: 'hubble', mode: 'production', values: { clientId: 'acme-pos' }, secrets: { clientSecret: SECRET } }))
    expect(view).toMatchObject({ mode: 'production', baseUrl: 'https://api.myhubble.money', problems: [] })
    expect(view.fields).toEqual([
      { key: 'clientId', label: 'client id', secret: false, required: true, value: 'acme-pos', isSet: true, fromEnvironment: false },
      { key: 'clientSecret', label: 'client secret', secret: true, required: true, value: null, isSet: true, fromEnvironment: false },
      { key: 'webhookSecret', label: 'callback secret (X-Verify)', secret: true, required: false, value: null, isSet: false, fromEnvironment: false },
      { key: 'timeoutMs', label: 'timeout (ms)', secret: false, required: false, value: '30000', isSet: true, fromEnvironment: false },
      { key: 'lowBalanceRupees', label: 'warn when the wallet is below (₹)', secret: false, required: false, value: '5000', isSet: true, fromEnvironment: false }
    ])
    expect(core.context.settings.resolve('hubble')).toMatchObject({ mode: 'production', values: { clientId: 'acme-pos' }, secrets: { clientSecret: SECRET } })
  })

  it('accepts plain http only for this computer, and field formats are checked', async () => {
    const { core } = await managerTill()
    for (const ok of ['http://127.0.0.1:5799', 'http://localhost:8080/base', 'http://[::1]:9000', 'https://gotit.example']) {
      valueOf(await core.call('settings:setProvider', { provider: 'gotit', baseUrl: ok }))
    }
    for (const [bad, message] of [
      ['http://192.168.1.20', /Plain http:\/\/ is allowed only for this computer/],
      ['ftp://gotit.example', /Only https:\/\//],
      ['gotit.example', /is not a web address/]
    ] as const) {
      expect(errorOf(await core.call('settings:setProvider', { provider: 'gotit', baseUrl: bad })).message).toMatch(message)
    }
    expect(errorOf(await core.call('settings:setProvider', { provider: 'vipps', values: { merchantSerialNumber: '12' } })).message).toBe(
      'Vipps MobilePay: The merchant serial number (MSN) is 4 to 6 digits.'
    )
    expect(errorOf(await core.call('settings:setProvider', { provider: 'vipps', values: { clientSecret: 'x' } })).message).toMatch(/is a secret/)
    expect(errorOf(await core.call('settings:setProvider', { provider: 'vipps', values: { colour: 'x' } })).message).toMatch(/no setting called "colour"/)
  })

  it('lets environment variables win, and ignores a bad one with a clear problem instead of crashing', async () => {
    const { core } = await managerTill({
      env: { TILL_GOTIT_MODE: 'sandbox', TILL_GOTIT_PIN: PIN, TILL_GOTIT_BASE_URL: 'http://127.0.0.1:6001', TILL_JUSPAY_MODE: 'prod', TILL_VIPPS_MSN: 'abc' }
    })
    const view = valueOf(await core.call('settings:get', {}))
    const gotit = view.providers.find((p) => p.provider === 'gotit')
    expect(gotit).toMatchObject({ mode: 'sandbox', modeFromEnvironment: true, baseUrl: 'http://127.0.0.1:6001', baseUrlFromEnvironment: true, problems: [] })
    expect(gotit?.fields[0]).toEqual({ key: 'storePin', label: 'store PIN', secret: true, required: true, value: null, isSet: true, fromEnvironment: true })
    const juspay = view.providers.find((p) => p.provider === 'juspay')
    expect(juspay).toMatchObject({ mode: 'training', problems: ['TILL_JUSPAY_MODE is "prod", which is not training, sandbox or production; it is ignored.'] })
    expect(view.providers.find((p) => p.provider === 'vipps')?.problems).toEqual(['TILL_VIPPS_MSN: The merchant serial number (MSN) is 4 to 6 digits; it is ignored.'])
    expect(core.context.settings.resolve('gotit').secrets).toEqual({ storePin: PIN })
    expect(valueOf(await core.call('providers:status', {})).find((p) => p.provider === 'gotit')?.mode).toBe('sandbox')
  })

  it('keeps secrets out of every answer, the audit log, the logs and the database file', async () => {
    const { core, dataDir, log } = await managerTill()
    valueOf(await core.call('settings:setProvider', { provider: 'gotit', mode: 'sandbox', secrets: { storePin: PIN } }))
    valueOf(await core.call('settings:setProvider', { provider: 'vipps', secrets: { clientSecret: SECRET, subscriptionKey: SECRET } }))
    errorOf(await core.call('settings:setProvider', { provider: 'vipps', mode: 'production', secrets: { clientSecret: SECRET } }))
    const answers = JSON.stringify([await core.call('settings:get', {}), await core.call('audit:list', { limit: 500 })])
    expect(answers).not.toContain(SECRET)
    expect(answers).not.toContain(PIN)
    expect(answers).toContain('"secrets.storePin":"set"')
    expect(JSON.stringify(log.entries)).not.toContain(SECRET)
    core.context.db.pragma('wal_checkpoint(TRUNCATE)')
    const file = readFileSync(join(dataDir, 'till.sqlite'))
    expect(file.includes(Buffer.from(SECRET))).toBe(false)
    expect(file.includes(Buffer.from(PIN))).toBe(false)
  })

  it('reads sealed secrets back after a restart, and asks for them again if they cannot be opened', async () => {
    const key = randomBytes(32)
    const first = await managerTill({ key })
    valueOf(await first.core.call('settings:setProvider', { provider: 'juspay', mode: 'sandbox', values: { merchantId: 'acme' }, secrets: { apiKey: SECRET } }))
    await first.core.close()
    const again = await managerTill({ key, dataDir: first.dataDir })
    expect(again.core.context.settings.resolve('juspay').secrets).toEqual({ apiKey: SECRET })
    await again.core.close()
    const otherMachine = await managerTill({ dataDir: first.dataDir })
    const juspay = valueOf(await otherMachine.core.call('settings:get', {})).providers.find((p) => p.provider === 'juspay')
    expect(juspay).toMatchObject({ mode: 'sandbox', problems: ['Missing API key.'] })
    expect(() => otherMachine.core.context.settings.resolve('juspay')).toThrow(/Juspay is not set up: Missing API key/)
  })

  it('in the web host, takes secrets from the environment only and never stores them', async () => {
    const dataDir = tempDir()
    const core = openCore({ dataDir, env: { TILL_HUBBLE_CLIENT_SECRET: SECRET } })
    await staffedTill(core)
    const view = valueOf(await core.call('settings:get', {}))
    expect(view.secretProtection).toBe('environment-only')
    expect(errorOf(await core.call('settings:setProvider', { provider: 'gotit', secrets: { storePin: PIN } })).message).toMatch(/keeps secrets only in its environment/)
    valueOf(await core.call('settings:setProvider', { provider: 'hubble', mode: 'sandbox', values: { clientId: 'acme' } }))
    expect(core.context.settings.resolve('hubble').secrets).toEqual({ clientSecret: SECRET })
    expect(core.context.db.prepare('SELECT count(*) FROM provider_settings WHERE secrets IS NOT NULL').pluck().get()).toBe(0)
  })

  it('announces a mode change to the provider indicators and the audit log', async () => {
    const { core } = await managerTill({ env: { TILL_GOTIT_PIN: PIN } })
    const seen: unknown[] = []
    core.events.subscribe((event) => event.name === 'providers:changed' && seen.push(event.payload))
    valueOf(await core.call('settings:setProvider', { provider: 'gotit', mode: 'sandbox' }))
    expect(seen).toHaveLength(1)
    expect(valueOf(await core.call('app:info', {})).trainingMode).toBe(true)
    const entry = valueOf(await core.call('audit:list', { limit: 1 }))[0]
    expect(entry).toMatchObject({ action: 'provider_settings_changed', subject: 'gotit', detail: { provider: 'gotit', mode: 'training -> sandbox' } })
  })

  it('lists every environment variable in the README', () => {
    const readme = readFileSync('README.md', 'utf8')
    for (const name of providerEnvironmentVariables(providerManifests)) expect(readme, name).toContain(`\`${name}\``)
  })
})
