import { mkdirSync } from 'node:fs'
import { embedded, postgres, type Database } from './db/database'
import { migrate } from './db/migrate'
import { ensurePartitions } from './db/partitions'

/**
 * The store of record: the PostgreSQL server at `DATABASE_URL`, or with none, PGlite in the data
 * folder (for trying it and small stores, not for a chain). Migrated and partitioned either way.
 */
export async function openDatabase(config: { databaseUrl?: string | undefined; dataDir: string; now?: Date }): Promise<Database> {
  let db: Database
  if (config.databaseUrl) db = postgres(config.databaseUrl)
  else {
    mkdirSync(config.dataDir, { recursive: true, mode: 0o700 })
    db = await embedded(config.dataDir)
  }
  try {
    await migrate(db)
    await ensurePartitions(db, config.now ?? new Date())
  } catch (error) {
    await db.close()
    throw error
  }
  return db
}
