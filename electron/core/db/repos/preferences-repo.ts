import type { Db } from '../connection'
import { StoredPreferencesSchema, type Preferences, type PreferencesPatch } from '../../../../shared/domain/preferences'

let systemTimeZone: string | undefined

/** The OS time zone, looked up once: Intl is slow to ask and the answer does not change while we run. */
function osTimeZone(): string {
  systemTimeZone ??= Intl.DateTimeFormat().resolvedOptions().timeZone || 'UTC'
  return systemTimeZone
}

export function defaultPreferences(): Preferences {
  return {
    language: 'en',
    timeZone: osTimeZone(),
    idleLockSeconds: 300,
    gotitFlow: 'direct',
    offlinePolicy: { enabled: false, perVoucherCap: 200_000, perShiftCap: 1_000_000 },
    callbacks: { enabled: false, host: '127.0.0.1', port: 5720 },
    errorRateAlertPercent: 25,
    storeName: ''
  }
}

/**
 * What was read last, per database: every check and redemption asks for a preference or two, and
 * reading and validating the table each time was a measurable part of a redemption. Only
 * writePreferences changes the table while the till runs, and it forgets what was read. Inside a
 * transaction the table is read afresh and nothing is kept, so a change that is rolled back is
 * never remembered.
 */
const lastRead = new WeakMap<Db, Readonly<Preferences>>()

/** Stored values are re-validated on read; one that no longer parses falls back to its default. */
export function readPreferences(db: Db): Readonly<Preferences> {
  if (db.inTransaction) return deepFreeze(readStoredPreferences(db))
  let prefs = lastRead.get(db)
  if (!prefs) lastRead.set(db, (prefs = deepFreeze(readStoredPreferences(db))))
  return prefs
}

/** Handed to every caller, so nobody may change it in place. */
function deepFreeze<T extends object>(value: T): Readonly<T> {
  for (const inner of Object.values(value)) if (typeof inner === 'object' && inner !== null) deepFreeze(inner)
  return Object.freeze(value)
}

function readStoredPreferences(db: Db): Preferences {
  const rows = db.prepare<[], { key: string; value: string }>('SELECT key, value FROM preferences').all()
  const prefs: Preferences = defaultPreferences()
  for (const row of rows) {
    const field = StoredPreferencesSchema.shape[row.key as keyof Preferences] as (typeof StoredPreferencesSchema.shape)[keyof Preferences] | undefined
    if (!field) continue
    let raw: unknown
    try {
      raw = JSON.parse(row.value)
    } catch {
      continue
    }
    const parsed = field.safeParse(raw)
    if (parsed.success) Object.assign(prefs, { [row.key]: parsed.data })
  }
  return prefs
}

export function writePreferences(db: Db, patch: PreferencesPatch, nowIso: string): Preferences {
  const upsert = db.prepare('INSERT INTO preferences (key, value, updated_at) VALUES (?, ?, ?) ON CONFLICT(key) DO UPDATE SET value = excluded.value, updated_at = excluded.updated_at')
  db.transaction(() => {
    for (const [key, value] of Object.entries(patch)) {
      if (value !== undefined) upsert.run(key, JSON.stringify(value), nowIso)
    }
  }).immediate()
  lastRead.delete(db)
  return readPreferences(db)
}
