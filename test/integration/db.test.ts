import { join } from 'node:path'
import { describe, expect, it } from 'vitest'
import { commitLightly, openDatabase } from '../../electron/core/db/connection'
import { DatabaseTooNewError, migrate, migrations, parseMigrations, schemaVersion } from '../../electron/core/db/migrations'
import { useTempDirs } from '../helpers/temp-dir'

describe('SQLite store', () => {
  const tempDir = useTempDirs()

  it('opens one connection in WAL mode with full sync, foreign keys and a busy timeout', () => {
    const db = openDatabase(join(tempDir(), 'nested', 'till.sqlite'))
    expect(db.pragma('journal_mode', { simple: true })).toBe('wal')
    expect(db.pragma('synchronous', { simple: true })).toBe(2) // FULL
    expect(db.pragma('foreign_keys', { simple: true })).toBe(1)
    expect(db.pragma('busy_timeout', { simple: true })).toBe(5000)
    db.close()
  })

  it('commits lightly only the one transaction asked for: full sync is back after it, also when it fails, and inside another it is part of that one', () => {
    const file = join(tempDir(), 'till.sqlite')
    const db = openDatabase(file)
    db.exec('CREATE TABLE t (v TEXT NOT NULL)')
    const seen: number[] = []
    commitLightly(db, () => {
      seen.push(db.pragma('synchronous', { simple: true }) as number)
      db.prepare("INSERT INTO t (v) VALUES ('light')").run()
    })
    expect(seen).toEqual([1]) // NORMAL while it commits
    expect(db.pragma('synchronous', { simple: true })).toBe(2)
    expect(() =>
      commitLightly(db, () => {
        db.prepare("INSERT INTO t (v) VALUES ('lost')").run()
        throw new Error('refused')
      })
    ).toThrow('refused')
    expect(db.pragma('synchronous', { simple: true })).toBe(2)
    expect(() =>
      db.transaction(() => {
        commitLightly(db, () => db.prepare("INSERT INTO t (v) VALUES ('inner')").run())
        throw new Error('outer rolled back')
      })()
    ).toThrow('outer rolled back')
    db.close()
    const again = openDatabase(file)
    expect(again.prepare('SELECT v FROM t').pluck().all()).toEqual(['light'])
    again.close()
  })

  it('applies every bundled migration once and records it in user_version', () => {
    const file = join(tempDir(), 'till.sqlite')
    const db = openDatabase(file)
    expect(migrate(db)).toBe(migrations.length)
    expect(migrations.length).toBeGreaterThan(0)
    db.close()
    const again = openDatabase(file)
    expect(migrate(again)).toBe(migrations.length)
    const tables = again.prepare("SELECT name FROM sqlite_master WHERE type = 'table' ORDER BY name").pluck().all()
    expect(tables).toEqual(expect.arrayContaining(['meta', 'preferences']))
    again.close()
  })

  it('refuses a database written by a newer version, with a message a person can act on', () => {
    const file = join(tempDir(), 'till.sqlite')
    const db = openDatabase(file)
    db.pragma(`user_version = ${migrations.length + 3}`)
    expect(() => migrate(db)).toThrow(DatabaseTooNewError)
    expect(() => migrate(db)).toThrow(/newer version of Till \(schema \d+; this version knows up to \d+\)/)
    expect(schemaVersion(db)).toBe(migrations.length + 3)
    db.close()
  })

  it('rolls a failing migration back whole, leaving the version where it was', () => {
    const db = openDatabase(join(tempDir(), 'till.sqlite'))
    const list = parseMigrations({
      './migrations/0001_first.sql': 'CREATE TABLE a (x INTEGER) STRICT;',
      './migrations/0002_broken.sql': 'CREATE TABLE b (x INTEGER) STRICT; INSERT INTO missing VALUES (1);'
    })
    expect(() => migrate(db, list)).toThrow(/no such table: missing/)
    expect(schemaVersion(db)).toBe(1)
    const tables = db.prepare("SELECT name FROM sqlite_master WHERE type = 'table'").pluck().all()
    expect(tables).toEqual(['a'])
    db.close()
  })

  it('stops at a target version so a test can seed data between two migrations', () => {
    const db = openDatabase(join(tempDir(), 'till.sqlite'))
    const list = parseMigrations({
      './m/0002_split.sql': "ALTER TABLE people ADD COLUMN last TEXT; UPDATE people SET last = substr(name, instr(name, ' ') + 1);",
      './m/0001_people.sql': 'CREATE TABLE people (name TEXT NOT NULL) STRICT;'
    })
    expect(migrate(db, list, 1)).toBe(1)
    db.prepare('INSERT INTO people (name) VALUES (?)').run('Lan Nguyen')
    expect(migrate(db, list)).toBe(2)
    expect(db.prepare('SELECT last FROM people').pluck().get()).toBe('Nguyen')
    db.close()
  })

  it('rejects badly named or gapped migration files', () => {
    expect(() => parseMigrations({ './m/1_x.sql': '' })).toThrow(/0001_name\.sql/)
    expect(() => parseMigrations({ './m/0001_a.sql': '', './m/0003_c.sql': '' })).toThrow(/without gaps/)
  })
})
