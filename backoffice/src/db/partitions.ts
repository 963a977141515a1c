import type { Database } from './database'

/** The partitioned tables and the column each is partitioned by. */
const PARTITIONED = [
  { table: 'ledger', column: 'created_at' },
  { table: 'audit', column: 'at' }
] as const

const monthStart = (year: number, month: number): Date => new Date(Date.UTC(year, month, 1))
const suffix = (d: Date): string => `${d.getUTCFullYear()}_${String(d.getUTCMonth() + 1).padStart(2, '0')}`

/**
 * Makes the monthly partitions from `monthsBack` before `now` to `monthsAhead` after it. Rows a
 * till sent for a month before its partition existed sit in the default partition: they are
 * moved into the new month's table before it is attached, so attaching never fails on them.
 */
export async function ensurePartitions(db: Database, now: Date, monthsBack = 2, monthsAhead = 3): Promise<string[]> {
  const made: string[] = []
  for (let offset = -monthsBack; offset <= monthsAhead; offset++) {
    const from = monthStart(now.getUTCFullYear(), now.getUTCMonth() + offset)
    const to = monthStart(from.getUTCFullYear(), from.getUTCMonth() + 1)
    for (const { table, column } of PARTITIONED) {
      const name = `${table}_${suffix(from)}`
      const created = await db.transaction(async (tx) => {
        await tx.query('SELECT pg_advisory_xact_lock(7352)')
        const [exists] = await tx.query<{ found: boolean }>('SELECT to_regclass($1) IS NOT NULL AS found', [name])
        if (exists?.found) return false
        await tx.query(`CREATE TABLE ${name} (LIKE ${table} INCLUDING DEFAULTS INCLUDING CONSTRAINTS)`)
        await tx.query(`WITH moved AS (DELETE FROM ${table}_default WHERE ${column} >= $1 AND ${column} < $2 RETURNING *) INSERT INTO ${name} SELECT * FROM moved`, [
          from.toISOString(),
          to.toISOString()
        ])
        await tx.query(`ALTER TABLE ${table} ATTACH PARTITION ${name} FOR VALUES FROM ('${from.toISOString()}') TO ('${to.toISOString()}')`)
        return true
      })
      if (created) made.push(name)
    }
  }
  return made
}
