import Database from 'better-sqlite3'
import { mkdirSync } from 'node:fs'
import { dirname } from 'node:path'

export type Db = Database.Database

export interface OpenOptions {
  /** How long a writer waits for another connection's lock before failing. */
  busyTimeoutMs?: number
}

/**
 * Opens the till's single connection. WAL with synchronous=FULL makes every committed
 * transaction survive a power cut, which the journal relies on.
 */
export function openDatabase(file: string, options: OpenOptions = {}): Db {
  mkdirSync(dirname(file), { recursive: true })
  const db = new Database(file)
  db.pragma('journal_mode = WAL')
  db.pragma('synchronous = FULL')
  db.pragma('foreign_keys = ON')
  db.pragma(`busy_timeout = ${Math.trunc(options.busyTimeoutMs ?? 5000)}`)
  return db
}
