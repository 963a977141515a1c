import { chmodSync, closeSync, existsSync, openSync, readFileSync, statSync, truncateSync, writeFileSync, writeSync } from 'node:fs'
import { join } from 'node:path'
import Database from 'better-sqlite3'
import { describe, expect, it } from 'vitest'
import { DatabaseDamagedError } from '../../electron/core/db/integrity'
import { createDispatcher } from '../../electron/core/dispatch'
import { staffedTill, useCores, valueOf } from '../helpers/core'
import { useTempDirs } from '../helpers/temp-dir'
import type { Handlers } from '../../electron/core/dispatch'

const mode = (path: string) => statSync(path).mode & 0o777

describe.skipIf(process.platform === 'win32')('the data folder on POSIX', () => {
  const tempDir = useTempDirs()
  const openCore = useCores()

  it('is made private to the user: the folder 0700, the database, its log and the logs 0600', async () => {
    const dataDir = join(tempDir(), 'Till')
    const core = openCore({ dataDir, logger: undefined })
    await staffedTill(core)
    await core.close()
    expect(mode(dataDir)).toBe(0o700)
    expect(mode(join(dataDir, 'till.sqlite'))).toBe(0o600)
    expect(mode(join(dataDir, 'logs'))).toBe(0o700)
    expect(mode(join(dataDir, 'logs', 'till.log'))).toBe(0o600)
    const again = openCore({ dataDir })
    valueOf(await again.call('auth:status', {}))
    expect(mode(join(dataDir, 'till.sqlite-wal'))).toBe(0o600)
  })

  it('tightens a folder that other users could read, at start, and says so in the log', async () => {
    const dataDir = tempDir()
    await openCore({ dataDir, logger: undefined }).close()
    chmodSync(dataDir, 0o755)
    chmodSync(join(dataDir, 'till.sqlite'), 0o644)
    chmodSync(join(dataDir, 'logs'), 0o755)
    chmodSync(join(dataDir, 'logs', 'till.log'), 0o644)
    writeFileSync(join(dataDir, 'gotit-return-codes.json'), '{}', { mode: 0o664 })
    await openCore({ dataDir, logger: undefined }).close()
    expect([dataDir, join(dataDir, 'logs')].map(mode)).toEqual([0o700, 0o700])
    expect(['till.sqlite', 'logs/till.log', 'gotit-return-codes.json'].map((f) => mode(join(dataDir, f)))).toEqual([0o600, 0o600, 0o600])
    const log = readFileSync(join(dataDir, 'logs', 'till.log'), 'utf8')
    expect(log).toContain('other users could read the data folder; it is now private to this user')
    expect(log).toContain(`${join(dataDir, 'till.sqlite')} (was 0644)`)
  })
})

describe('a damaged or emptied database', () => {
  const tempDir = useTempDirs()
  const openCore = useCores()

  it('refuses an emptied database where a till has run before, naming the file, and never makes a new till over it', async () => {
    const dataDir = tempDir()
    const first = openCore({ dataDir })
    await staffedTill(first)
    await first.close()
    const file = join(dataDir, 'till.sqlite')
    truncateSync(file, 0)
    expect(() => openCore({ dataDir })).toThrow(DatabaseDamagedError)
    expect(() => openCore({ dataDir })).toThrow(
      `The till's database ${file} is damaged: the file is empty, though a till has run in this folder before. Nothing was changed. Close the till and restore the data folder from your latest backup`
    )
    expect(statSync(file).size).toBe(0)
  })

  it('starts a new till on an empty file in a folder that never held one (a first start cut short)', async () => {
    const dataDir = tempDir()
    closeSync(openSync(join(dataDir, 'till.sqlite'), 'w'))
    expect(valueOf(await openCore({ dataDir }).call('auth:status', {}))).toMatchObject({ setupNeeded: true })
  })

  it('refuses a database with a damaged page in its staff table at start, naming the file', async () => {
    const dataDir = tempDir()
    const core = openCore({ dataDir })
    await staffedTill(core)
    await core.close()
    const file = join(dataDir, 'till.sqlite')
    const peek = new Database(file, { readonly: true })
    const rootPage = peek.prepare("SELECT rootpage FROM sqlite_master WHERE name = 'staff'").pluck().get() as number
    const pageSize = peek.pragma('page_size', { simple: true }) as number
    peek.close()
    const fd = openSync(file, 'r+')
    writeSync(fd, Buffer.alloc(64, 0xff), 0, 64, (rootPage - 1) * pageSize)
    closeSync(fd)
    expect(() => openCore({ dataDir })).toThrow(new RegExp(`^The till's database ${file.replace(/[.*+?^${}()|[\]\\]/g, '\\$&')} is damaged: .+ Nothing was changed\\.`))
    expect(existsSync(join(dataDir, 'till.sqlite'))).toBe(true)
  })

  it('names the database when a call meets a damaged page while the till runs', async () => {
    const damaged = Object.assign(new Error('database disk image is malformed'), { code: 'SQLITE_CORRUPT' })
    const handlers = new Proxy({}, { get: () => () => Promise.reject(damaged) }) as Handlers
    const dispatch = createDispatcher(handlers, { error: () => undefined }, () => null, '/data/Till/till.sqlite')
    const answer = await dispatch('app:info', {})
    expect(answer).toMatchObject({ ok: false, error: { code: 'storage_failed', params: { reason: 'database_damaged', file: '/data/Till/till.sqlite' } } })
  })
})
