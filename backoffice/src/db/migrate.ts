import type { Database } from './database'

export interface Migration {
  version: number
  name: string
  sql: string
}

const FILE_NAME = /^(\d{4})_([a-z0-9_]+)\.sql$/

/** `{ '../migrations/0001_init.sql': sql }` as an ordered list without gaps. */
export function parseMigrations(files: Record<string, string>): Migration[] {
  const list = Object.entries(files).map(([path, sql]) => {
    const match = FILE_NAME.exec(path.split('/').pop() ?? path)
    if (!match?.[1] || !match[2]) throw new Error(`A migration file is named like 0001_name.sql, not ${path}`)
    return { version: Number(match[1]), name: match[2], sql }
  })
  list.sort((a, b) => a.version - b.version)
  list.forEach((m, i) => {
    if (m.version !== i + 1) throw new Error(`Migrations are numbered 1, 2, 3… without gaps; found ${m.version} at position ${i + 1}`)
  })
  return list
}

export const migrations = parseMigrations(import.meta.glob<string>('../../migrations/*.sql', { query: '?raw', import: 'default', eager: true }))

export class SchemaTooNewError extends Error {}

/**
 * Applies, in order and each in its own transaction, every migration the database has not had;
 * each is recorded in `schema_migration`. Two services starting at once take turns on an
 * advisory lock. Returns the version the database is at.
 */
export async function migrate(db: Database, list: readonly Migration[] = migrations): Promise<number> {
  await db.exec('CREATE TABLE IF NOT EXISTS schema_migration (version integer PRIMARY KEY, name text NOT NULL, applied_at timestamptz NOT NULL DEFAULT now())')
  return db.transaction(async (tx) => {
    await tx.query('SELECT pg_advisory_xact_lock(7351)')
    const [row] = await tx.query<{ version: number | null }>('SELECT max(version) AS version FROM schema_migration')
    const current = row?.version ?? 0
    if (current > list.length) throw new SchemaTooNewError(`This back office database was migrated by a newer version (schema ${current}; this one knows up to ${list.length}). Run the newer version.`)
    for (const migration of list) {
      if (migration.version <= current) continue
      // One statement at a time: node-postgres takes several in one query only without parameters, PGlite likewise.
      for (const statement of splitStatements(migration.sql)) await tx.query(statement)
      await tx.query('INSERT INTO schema_migration (version, name) VALUES ($1, $2)', [migration.version, migration.name])
    }
    return list.length
  })
}

/** Splits a migration into statements at semicolons that end a line (the migrations hold no functions). */
export function splitStatements(sql: string): string[] {
  return sql
    .split(/;\s*$/m)
    .map((statement) => statement.replace(/^\s*--.*$/gm, '').trim())
    .filter((statement) => statement.length > 0)
}
