import type { Db } from '../connection'

/** The till's own key-value facts (its id, counters, what it knows about its data folder). */
export class MetaRepo {
  constructor(private readonly db: Db) {}

  get(key: string): string | undefined {
    return this.db.prepare<[string], { value: string }>('SELECT value FROM meta WHERE key = ?').get(key)?.value
  }

  set(key: string, value: string): void {
    this.db.prepare('INSERT INTO meta (key, value) VALUES (?, ?) ON CONFLICT(key) DO UPDATE SET value = excluded.value').run(key, value)
  }

  /** Adds one to a counter and returns the new value; callers run it inside their transaction. */
  increment(key: string): number {
    const next = Number(this.get(key) ?? '0') + 1
    this.set(key, String(next))
    return next
  }
}
