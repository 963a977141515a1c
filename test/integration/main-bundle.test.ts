import { spawnSync } from 'node:child_process'
import { existsSync, readdirSync, readFileSync, statSync } from 'node:fs'
import { isBuiltin } from 'node:module'
import Database from 'better-sqlite3'
import { join } from 'node:path'
import { beforeAll, describe, expect, it } from 'vitest'
import { useTempDirs } from '../helpers/temp-dir'

const root = join(import.meta.dirname, '..', '..')
const main = join(root, 'out', 'main', 'index.js')

interface Reported {
  what: string
  [key: string]: unknown
}

/**
 * The built Electron main bundle (CommonJS) started in plain Node with a stand-in for the
 * `electron` module: every package it requires must load from CommonJS (an ESM-only one would
 * fail here with ERR_REQUIRE_ESM), and its start must wire the shell as the checklist says.
 */
describe('the built Electron main bundle', () => {
  const tempDir = useTempDirs()
  beforeAll(() => {
    if (!existsSync(main)) expect(spawnSync('npx', ['electron-vite', 'build'], { cwd: root, stdio: 'ignore' }).status).toBe(0)
  }, 120_000)

  function start(env: Record<string, string>): { status: number | null; reported: Reported[]; stderr: string; dataDir: string } {
    const dataDir = tempDir()
    const run = spawnSync(process.execPath, ['-r', join(root, 'test', 'helpers', 'fake-electron.cjs'), main], {
      cwd: root,
      env: { ...process.env, TILL_DATA_DIR: dataDir, ...env },
      encoding: 'utf8',
      timeout: 30_000
    })
    const reported = run.stdout
      .split('\n')
      .filter((line) => line.startsWith('{'))
      .map((line) => JSON.parse(line) as Reported)
    return { status: run.status, reported, stderr: run.stderr, dataDir }
  }

  it('loads in plain Node and starts the till: app:// page, sandbox, hardened window, no DevTools when packaged, permissions refused, the contract on one IPC channel', () => {
    const { status, reported, stderr, dataDir } = start({ FAKE_ELECTRON_PACKAGED: '1' })
    expect(stderr).not.toMatch(/ERR_REQUIRE_ESM|Cannot find module/)
    expect(status).toBe(0)
    const what = reported.map((r) => r.what)
    expect(what).toEqual(expect.arrayContaining(['sandbox', 'schemes', 'protocol', 'permissions', 'menu', 'utility', 'ipc', 'window', 'done']))
    // The core runs in a utility process of its own, started from the bundle's second entry.
    expect(reported.find((r) => r.what === 'utility')).toEqual({ what: 'utility', modulePath: 'core.js', serviceName: 'Till core' })
    expect(reported.find((r) => r.what === 'window')).toMatchObject({
      url: 'app://till/index.html',
      webPreferences: { sandbox: true, contextIsolation: true, nodeIntegration: false, devTools: false }
    })
    expect(JSON.stringify(reported.find((r) => r.what === 'menu'))).not.toContain('toggleDevTools')
    expect(reported.filter((r) => r.what === 'permissions')).toEqual([
      { what: 'permissions', request: true },
      { what: 'permissions', check: true }
    ])
    // The real core started on the data folder: its database is there.
    expect(existsSync(join(dataDir, 'till.sqlite'))).toBe(true)
  })

  it('redeems in training over the IPC channel to the core’s process; quitting at once waits for the core to close, so its last call-log rows are written', () => {
    const { status, reported, stderr, dataDir } = start({ FAKE_ELECTRON_REDEEM: '1' })
    expect(stderr).not.toMatch(/Cannot find module|ERR_REQUIRE_ESM/)
    expect(status).toBe(0)
    expect(reported.find((r) => r.what === 'error')).toBeUndefined()
    expect(reported.find((r) => r.what === 'redeemed')).toEqual({ what: 'redeemed', ok: true, status: 'redeemed' })
    // Quit is held until the core's process has ended, then goes on.
    expect(reported.map((r) => r.what).slice(-4)).toEqual(['done', 'quit-deferred', 'utility-exit', 'quit'])
    expect(reported.find((r) => r.what === 'utility-exit')).toEqual({ what: 'utility-exit', code: 0 })
    const db = new Database(join(dataDir, 'till.sqlite'), { readonly: true })
    try {
      expect(db.prepare<[], { n: number }>("SELECT count(*) AS n FROM provider_calls WHERE provider = 'gotit'").get()?.n).toBeGreaterThanOrEqual(2)
    } finally {
      db.close()
    }
  })

  it('keeps the key that seals secrets in the data folder, sealed by the keychain and private', () => {
    const { status, dataDir } = start({ FAKE_ELECTRON_KEYCHAIN: '1' })
    expect(status).toBe(0)
    const file = join(dataDir, 'vault-key')
    expect(readFileSync(file, 'utf8')).toMatch(/^fake-keychain:/)
    expect(statSync(file).mode & 0o777).toBe(0o600)
  })

  it('requires at run time exactly the packages package.json lists as dependencies, so the installer carries nothing twice', () => {
    const required = new Set<string>()
    for (const file of readdirSync(join(root, 'out', 'main')).filter((name) => name.endsWith('.js'))) {
      for (const match of readFileSync(join(root, 'out', 'main', file), 'utf8').matchAll(/require\("([^"./][^"]*)"\)/g)) {
        const name = match[1] ?? ''
        if (!isBuiltin(name)) required.add(name.startsWith('@') ? name.split('/').slice(0, 2).join('/') : (name.split('/')[0] ?? name))
      }
    }
    const { dependencies } = JSON.parse(readFileSync(join(root, 'package.json'), 'utf8')) as { dependencies: Record<string, string> }
    expect([...required].filter((name) => name !== 'electron').sort()).toEqual(Object.keys(dependencies).sort())
  })

  it('gives way to a till already running on this computer', () => {
    const { status, reported, dataDir } = start({ FAKE_ELECTRON_LOCKED: '1' })
    expect(status).toBe(0)
    expect(reported.map((r) => r.what)).toEqual(['sandbox', 'schemes', 'quit'])
    expect(existsSync(join(dataDir, 'till.sqlite'))).toBe(false)
  })
})
