import pg from 'pg'
import { PGlite } from '@electric-sql/pglite'

/** Runs SQL with positional parameters ($1, $2, …); rows come back as plain objects. */
export interface Sql {
  query<T extends object>(text: string, params?: unknown[]): Promise<T[]>
}

/**
 * PostgreSQL, whichever way it runs: a real server through node-postgres (production and the
 * tests), or PGlite embedded in the data folder (trying it, a small store). The same SQL runs on
 * both; code never branches on which one it has, except to say so.
 */
export interface Database extends Sql {
  readonly kind: 'postgres' | 'pglite'
  /** Runs `work` in one transaction: committed when it resolves, rolled back when it throws. */
  transaction<T>(work: (tx: Sql) => Promise<T>): Promise<T>
  /** Several statements at once (migrations). */
  exec(script: string): Promise<void>
  close(): Promise<void>
}

// bigint and numeric come back as numbers: sequence numbers and minor units stay far below 2^53.
pg.types.setTypeParser(pg.types.builtins.INT8, (value) => Number(value))

export function postgres(connectionString: string, options: { max?: number } = {}): Database {
  const pool = new pg.Pool({ connectionString, max: options.max ?? 20 })
  // An idle client the server drops (a restart, a failover) must not end the service.
  pool.on('error', () => undefined)
  const run = async <T extends object>(client: pg.Pool | pg.PoolClient, text: string, params?: unknown[]): Promise<T[]> => (await client.query<T>(text, params)).rows
  return {
    kind: 'postgres',
    query: (text, params) => run(pool, text, params),
    async transaction(work) {
      const client = await pool.connect()
      try {
        await client.query('BEGIN')
        const result = await work({ query: (text, params) => run(client, text, params) })
        await client.query('COMMIT')
        return result
      } catch (error) {
        await client.query('ROLLBACK').catch(() => undefined)
        throw error
      } finally {
        client.release()
      }
    },
    async exec(script) {
      await pool.query(script)
    },
    close: () => pool.end()
  }
}

/** PGlite in a folder (or in memory with no folder): one connection, so transactions take turns. */
export async function embedded(dataDir: string | undefined): Promise<Database> {
  const db = await PGlite.create(dataDir === undefined ? {} : { dataDir })
  let turn: Promise<unknown> = Promise.resolve()
  const inTurn = <T>(work: () => Promise<T>): Promise<T> => {
    const next = turn.then(work, work)
    turn = next.catch(() => undefined)
    return next
  }
  return {
    kind: 'pglite',
    query: (text, params) => inTurn(async () => (await db.query<never>(text, params)).rows),
    transaction: (work) => inTurn(() => db.transaction((tx) => work({ query: async (text, params) => (await tx.query<never>(text, params)).rows }))),
    exec: (script) => inTurn(async () => void (await db.exec(script))),
    close: () => db.close()
  }
}
