import type { Db } from './connection'

export interface Migration {
  version: number
  name: string
  sql: string
}

export class DatabaseTooNewError extends Error {
  constructor(
    readonly found: number,
    readonly known: number
  ) {
    super(
      `This till's database was written by a newer version of Till (schema ${found}; this version knows up to ${known}). ` +
        'Install the newer version of Till again, or restore a backup of the data folder.'
    )
    this.name = 'DatabaseTooNewError'
  }
}

const FILE_NAME = /^(\d{4})_([a-z0-9_]+)\.sql$/
/** The line a migration starts with when it rebuilds a table that other tables refer to. */
const REBUILDS_TABLES = /^-- migrate: rebuilds tables$/m

/** Turns `{ './migrations/0001_init.sql': sql }` into an ordered, gap-free list. */
export function parseMigrations(files: Record<string, string>): Migration[] {
  const migrations = Object.entries(files).map(([path, sql]) => {
    const base = path.split('/').pop() ?? path
    const match = FILE_NAME.exec(base)
    if (!match?.[1] || !match[2]) throw new Error(`Migration file name must look like 0001_name.sql: ${path}`)
    return { version: Number(match[1]), name: match[2], sql }
  })
  migrations.sort((a, b) => a.version - b.version)
  migrations.forEach((m, index) => {
    if (m.version !== index + 1) throw new Error(`Migrations must be numbered 1, 2, 3… without gaps; found ${m.version} at position ${index + 1}`)
  })
  return migrations
}

const bundled = import.meta.glob<string>('./migrations/*.sql', { query: '?raw', import: 'default', eager: true })

export const migrations: readonly Migration[] = parseMigrations(bundled)

export function schemaVersion(db: Db): number {
  return Number(db.pragma('user_version', { simple: true }))
}

/**
 * Applies every migration above the database's `user_version`, each in its own immediate
 * transaction together with the new version number, so a crash leaves a whole step or none.
 */
export function migrate(db: Db, list: readonly Migration[] = migrations, target = list.length): number {
  const current = schemaVersion(db)
  if (current > list.length) throw new DatabaseTooNewError(current, list.length)
  for (const migration of list) {
    if (migration.version <= current || migration.version > target) continue
    // A migration that rebuilds a table others refer to runs with foreign keys off (SQLite cannot
    // switch them inside a transaction) and proves, before it commits, that every reference holds.
    const rebuilds = REBUILDS_TABLES.test(migration.sql)
    if (rebuilds) db.pragma('foreign_keys = OFF')
    try {
      db.transaction(() => {
        db.exec(migration.sql)
        if (rebuilds) {
          const broken = db.pragma('foreign_key_check') as unknown[]
          if (broken.length > 0) throw new Error(`Migration ${migration.version} would leave ${broken.length} broken references; nothing was changed.`)
        }
        db.pragma(`user_version = ${migration.version}`)
      }).immediate()
    } finally {
      if (rebuilds) db.pragma('foreign_keys = ON')
    }
  }
  return schemaVersion(db)
}
