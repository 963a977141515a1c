import { existsSync, statSync, writeFileSync } from 'node:fs'
import { join } from 'node:path'
import { TillError } from '../../../shared/errors'
import type { Db } from './connection'

/** Written beside the database once it has been made, so an emptied database is never taken for a new till. */
export const DATABASE_MADE_MARK = 'till.sqlite.made'

const restoreAdvice = 'Nothing was changed. Close the till and restore the data folder from your latest backup (README, "For IT": Restore), or send the file to support.'

/** The database is empty where a till has run before, or SQLite found a damaged page: the till refuses to start on it. */
export class DatabaseDamagedError extends Error {
  constructor(
    readonly file: string,
    readonly why: string
  ) {
    super(`The till's database ${file} is damaged: ${why}. ${restoreAdvice}`)
    this.name = 'DatabaseDamagedError'
  }
}

/**
 * Before the database is opened: a 0-byte file (with no log holding its pages) where this folder
 * has held a till before is a database that lost its contents, not a new till. Opening it would
 * make a brand-new till with the first-manager setup open to anyone.
 */
export function refuseEmptiedDatabase(dataDir: string, file: string, logFolder: string): void {
  if (!existsSync(file) || statSync(file).size > 0) return
  const wal = `${file}-wal`
  if (existsSync(wal) && statSync(wal).size > 0) return
  const ranBefore = existsSync(join(dataDir, DATABASE_MADE_MARK)) || existsSync(join(dataDir, logFolder))
  if (ranBefore) throw new DatabaseDamagedError(file, 'the file is empty, though a till has run in this folder before')
}

/** After opening: SQLite's own structural check of every page. A new database passes at once. */
export function refuseDamagedDatabase(db: Db, file: string): void {
  let findings: string[]
  try {
    findings = (db.pragma('quick_check') as { quick_check: string }[]).map((row) => row.quick_check)
  } catch (error) {
    throw new DatabaseDamagedError(file, error instanceof Error ? error.message : String(error))
  }
  if (findings.length !== 1 || findings[0] !== 'ok') throw new DatabaseDamagedError(file, findings.slice(0, 3).join('; '))
}

/** Marks the folder as having held a till (after the first migration). */
export function markDatabaseMade(dataDir: string): void {
  const mark = join(dataDir, DATABASE_MADE_MARK)
  if (!existsSync(mark)) writeFileSync(mark, 'This folder holds a till; an empty till.sqlite here is a damaged database, not a new till.\n', { mode: 0o600 })
}

/** Whether an error is SQLite saying a page it read is damaged (met while the till runs). */
export function isDamagedDatabase(error: unknown): boolean {
  const code = error && typeof error === 'object' && 'code' in error ? String((error as { code: unknown }).code) : ''
  return code === 'SQLITE_CORRUPT' || code.startsWith('SQLITE_CORRUPT_') || code === 'SQLITE_NOTADB'
}

/** What a call that met a damaged page answers: the database named, and what to do. */
export function databaseDamaged(file: string, requestId?: string): TillError {
  return new TillError('storage_failed', `The till's database ${file} is damaged, so this could not be done. Close the till and restore the data folder from your latest backup, or call IT.`, {
    ...(requestId === undefined ? {} : { requestId }),
    params: { reason: 'database_damaged', file }
  })
}
