import type { Db } from '../db/connection'

/**
 * The next bill number of this till: `T` + six characters of the till id + a sequence, such as
 * `T3F9A1C-000123`. Unique per till, short enough for any provider, never reused.
 */
export function nextBillNumber(db: Db, tillId: string): string {
  const row = db.prepare("SELECT value FROM meta WHERE key = 'bill_seq'").pluck().get() as string | undefined
  const next = Number(row ?? '0') + 1
  db.prepare("INSERT INTO meta (key, value) VALUES ('bill_seq', ?) ON CONFLICT(key) DO UPDATE SET value = excluded.value").run(String(next))
  const short = tillId.replace(/^till-/, '').replace(/-/g, '').slice(0, 6).toUpperCase()
  return `T${short}-${String(next).padStart(6, '0')}`
}
