import Database from 'better-sqlite3'
import { mkdirSync } from 'node:fs'
import { dirname } from 'node:path'

export type Db = Database.Database

export interface OpenOptions {
  /** How long a writer waits for another connection's lock before failing. */
  busyTimeoutMs?: number
}

/**
 * Opens the till's single connection. WAL with synchronous=FULL makes a committed transaction
 * survive a power cut, which the journal relies on (`commitLightly` is the one way around it, for
 * records that can be learnt again).
 */
export function openDatabase(file: string, options: OpenOptions = {}): Db {
  mkdirSync(dirname(file), { recursive: true, mode: 0o700 })
  const db = new Database(file)
  db.pragma('journal_mode = WAL')
  db.pragma('synchronous = FULL')
  db.pragma('foreign_keys = ON')
  db.pragma(`busy_timeout = ${Math.trunc(options.busyTimeoutMs ?? 5000)}`)
  cachePreparedStatements(db)
  return db
}

type Runner = Database.Transaction<(work: () => unknown) => unknown>
const runners = new WeakMap<Db, Runner>()

/**
 * better-sqlite3's `db.transaction(fn)` builds four wrapper functions with five properties each,
 * every time: several kilobytes of garbage per transaction on a redemption's hot path. One
 * transaction function per connection that runs whatever it is given does the same work.
 */
function runnerOf(db: Db): Runner {
  let runner = runners.get(db)
  if (!runner) runners.set(db, (runner = db.transaction((work: () => unknown) => work())))
  return runner
}

/** Runs `work` in a transaction (a savepoint inside another one), rolled back if it throws. */
export function transactionally<T>(db: Db, work: () => T): T {
  return runnerOf(db)(work) as T
}

/** Runs `work` in an immediate transaction: the write lock is taken at the start, not at the first write. */
export function immediately<T>(db: Db, work: () => T): T {
  return runnerOf(db).immediate(work) as T
}

/**
 * Runs `fn` in an immediate transaction whose commit does not wait for the disk (SQLite's
 * synchronous=NORMAL for this one commit). Under WAL such a commit survives a crash of the till,
 * and it reaches the disk with the next full commit, because the log is written and synced in
 * order; only a power cut before then can lose it, and the database stays whole either way. For
 * records that move no money and can be asked again: a check's answer, the call log. Inside
 * another transaction it is part of that one, and the outer commit decides.
 */
export function commitLightly<T>(db: Db, fn: () => T): T {
  if (db.inTransaction) return transactionally(db, fn)
  db.exec('PRAGMA synchronous = NORMAL')
  try {
    return immediately(db, fn)
  } finally {
    db.exec('PRAGMA synchronous = FULL')
  }
}

/**
 * Preparing a statement costs more than running it on the hot path of a redemption, so each
 * distinct SQL text is prepared once per connection. A cached statement is handed out with
 * `pluck` reset, so one caller's mode never leaks into another's.
 */
function cachePreparedStatements(db: Db): void {
  const prepare = db.prepare.bind(db)
  const cache = new Map<string, Database.Statement>()
  const cached = (sql: string): Database.Statement => {
    let statement = cache.get(sql)
    if (!statement) {
      statement = prepare(sql)
      cache.set(sql, statement)
    } else if (statement.reader) {
      statement.pluck(false)
    }
    return statement
  }
  db.prepare = cached as Db['prepare']
}
