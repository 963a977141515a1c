import { spawnSync } from 'node:child_process'
import { existsSync, statSync } from 'node:fs'
import { join } from 'node:path'
import Database from 'better-sqlite3'
import { afterEach, beforeAll, describe, expect, it } from 'vitest'
import { CoreClient } from '../../electron/core/process/core-client'
import { forkCore } from '../../electron/core/process/node-fork'
import type { VaultKey } from '../../electron/core/process/protocol'
import { loadVaultKey, VAULT_KEY_FILE } from '../../electron/core/settings/vault-key-file'
import { startGotItSimulator, type RunningGotItSimulator } from '../../electron/core/sandbox/gotit'
import type { TillEvent } from '../../electron/core/events'
import type { Result } from '../../shared/ipc/result'
import { testVault } from '../helpers/test-vault'
import { useTempDirs } from '../helpers/temp-dir'
import { until } from '../helpers/until'

const root = join(import.meta.dirname, '..', '..')
const entry = join(root, 'out', 'web-host', 'core.mjs')
const PIN = '4826'

/**
 * The core in a process of its own, started with Node's fork as Electron's utilityProcess.fork
 * is in the app: the shell's side (what the window talks to) keeps answering while the core is
 * killed in the middle of a redemption, and the journal finishes the redemption once, not twice.
 */
describe('the core in its own process', () => {
  const tempDir = useTempDirs()
  const clients: CoreClient[] = []
  const sims: RunningGotItSimulator[] = []
  beforeAll(() => {
    if (!existsSync(entry)) expect(spawnSync('npx', ['vite', 'build', '--config', 'vite.web-host.config.mts', '--logLevel', 'warn'], { cwd: root, stdio: 'ignore' }).status).toBe(0)
  }, 120_000)
  afterEach(async () => {
    for (const client of clients.splice(0)) await client.close()
    for (const sim of sims.splice(0)) await sim.close()
  })

  async function startCore(env: NodeJS.ProcessEnv, vault: VaultKey | null = null, unseal?: (sealed: Buffer) => string | null) {
    const dataDir = env['TILL_DATA_DIR'] ?? tempDir()
    const client = new CoreClient({
      spawn: forkCore(entry, { ...process.env, ...env }),
      start: { host: 'web', version: '0.0.0-test', dataDir, vault },
      restartDelaysMs: [0],
      ...(unseal ? { unseal } : {})
    })
    clients.push(client)
    const seen: TillEvent[] = []
    client.events.subscribe((event) => seen.push(event))
    await client.start()
    return { client, dataDir, seen }
  }

  const valueOf = <T>(result: Result<unknown>): T => {
    if (!result.ok) throw new Error(`${result.error.code}: ${result.error.message}`)
    return result.value as T
  }

  it('answers the contract and forwards events; killed mid-redemption, it is started again, the window is told, and the voucher is used once', async () => {
    const sim = await startGotItSimulator()
    sims.push(sim)
    const { client, seen } = await startCore({ TILL_GOTIT_MODE: 'sandbox', TILL_GOTIT_BASE_URL: sim.url, TILL_GOTIT_PIN: sim.pin })
    valueOf(await client.dispatch('auth:setup', { name: 'Process Manager', pin: PIN }))
    expect(seen.some((event) => event.name === 'auth:changed')).toBe(true)

    const code = sim.sim.freshStock(1)[0]?.code ?? ''
    const check = valueOf<{ billNumber: string }>(await client.dispatch('redeem:check', { codes: [code] }))
    sim.faults.add({ route: 'usemultiple', kind: 'latency', latencyMs: 400, times: 1 })
    const firstPid = client.pid
    const redeeming = client.dispatch('redeem:redeem', { billNumber: check.billNumber })
    await until(
      () => sim.requests.filter((r) => r.route === 'usemultiple').length,
      (n) => n > 0,
      'the mark use to reach Got It'
    )
    process.kill(firstPid ?? 0, 'SIGKILL')

    const answer = await redeeming
    expect(answer).toMatchObject({ ok: false, error: { code: 'outcome_unknown', params: { reason: 'core_stopped' } } })
    await until(
      () => seen.filter((event) => event.name === 'core:changed').map((event) => (event.payload as { state: string }).state),
      (states) => states.includes('running'),
      'the core to run again'
    )
    expect(seen.filter((event) => event.name === 'core:changed').map((event) => event.payload)).toEqual([
      { state: 'restarting', restarts: 1 },
      { state: 'running', restarts: 1 }
    ])
    expect(client.pid).not.toBe(firstPid)

    // The new core has nobody signed in; the journal settles the redemption by itself.
    expect(valueOf<{ session: unknown }>(await client.dispatch('auth:status', {})).session).toBeNull()
    const [manager] = valueOf<{ id: string }[]>(await client.dispatch('auth:staffList', {}))
    valueOf(await client.dispatch('auth:signIn', { staffId: manager?.id, pin: PIN }))
    await until(
      async () => valueOf<{ status: string }>(await client.dispatch('redeem:get', { billNumber: check.billNumber })).status,
      (status) => status === 'redeemed',
      'the redemption to settle'
    )
    expect(sim.sim.uses.get(code)).toBe(1)
  })

  it('a call made while the core starts again waits for it and is answered', async () => {
    const { client, seen } = await startCore({})
    process.kill(client.pid ?? 0, 'SIGKILL')
    await until(
      () => seen.map((event) => event.name),
      (names) => names.includes('core:changed'),
      'the shell to see the core stop'
    )
    const answer = await client.dispatch('app:info', {})
    expect(answer.ok).toBe(true)
  })

  it('closes the core on request: what it held is written, and the process ends', async () => {
    const { client, dataDir } = await startCore({})
    const pid = client.pid ?? 0
    valueOf(await client.dispatch('auth:setup', { name: 'Closing Manager', pin: PIN }))
    await client.close()
    expect(() => process.kill(pid, 0)).toThrow()
    const db = new Database(join(dataDir, 'till.sqlite'), { readonly: true })
    try {
      expect(db.prepare<[], { n: number }>("SELECT count(*) AS n FROM audit_log WHERE action = 'setup'").get()?.n).toBe(1)
    } finally {
      db.close()
    }
  })

  it('says why when the core cannot start, in the core’s own sentence', async () => {
    const dataDir = tempDir()
    const file = join(dataDir, 'till.sqlite')
    // An emptied database beside the mark that one was made: the core refuses it.
    await (await startCore({ TILL_DATA_DIR: dataDir })).client.close()
    clients.splice(0)
    const { truncateSync } = await import('node:fs')
    truncateSync(file, 0)
    const client = new CoreClient({ spawn: forkCore(entry), start: { host: 'web', version: '0.0.0-test', dataDir, vault: null } })
    await expect(client.start()).rejects.toThrow(/till\.sqlite/)
  })

  it('keeps secrets sealed with a key the keychain seals; a secret the keychain sealed directly is opened once by the shell and sealed again', async () => {
    const dataDir = tempDir()
    const keychain = testVault()
    const vault = loadVaultKey(join(dataDir, VAULT_KEY_FILE), keychain)
    expect(vault?.protection).toBe('os')
    expect(statSync(join(dataDir, VAULT_KEY_FILE)).mode & 0o777).toBe(0o600)
    // The same key comes back from the file at the next start.
    expect(loadVaultKey(join(dataDir, VAULT_KEY_FILE), keychain)).toEqual(vault)

    const first = await startCore({ TILL_DATA_DIR: dataDir }, vault)
    valueOf(await first.client.dispatch('auth:setup', { name: 'Vault Manager', pin: PIN }))
    valueOf(await first.client.dispatch('settings:setProvider', { provider: 'gotit', secrets: { storePin: '9999' } }))
    await first.client.close()

    // An older till sealed the secret with the keychain directly: put one back as it would have been.
    const db = new Database(join(dataDir, 'till.sqlite'))
    db.prepare("UPDATE provider_settings SET secrets = ? WHERE provider = 'gotit'").run(keychain.seal(JSON.stringify({ storePin: '7777' })))
    db.close()
    const asked: string[] = []
    const second = await startCore({ TILL_DATA_DIR: dataDir }, vault, (sealed) => {
      const plain = keychain.open(sealed)
      asked.push(plain)
      return plain
    })
    expect(asked).toEqual([JSON.stringify({ storePin: '7777' })])
    const [manager] = valueOf<{ id: string }[]>(await second.client.dispatch('auth:staffList', {}))
    valueOf(await second.client.dispatch('auth:signIn', { staffId: manager?.id, pin: PIN }))
    const settings = valueOf<{ providers: { provider: string; fields: { key: string; isSet: boolean }[] }[] }>(await second.client.dispatch('settings:get', {}))
    expect(settings.providers.find((p) => p.provider === 'gotit')?.fields.find((f) => f.key === 'storePin')?.isSet).toBe(true)
    await second.client.close()
    const after = new Database(join(dataDir, 'till.sqlite'), { readonly: true })
    const sealed = after.prepare<[], { secrets: Buffer }>("SELECT secrets FROM provider_settings WHERE provider = 'gotit'").get()?.secrets
    after.close()
    expect(sealed?.subarray(0, 4).toString()).toBe('TIV1')
  })
})
