import Database from 'better-sqlite3'
import { existsSync } from 'node:fs'
import type { Db } from '../db/connection'
import { LINK } from '../backoffice/link'
import { sealedWithKey } from './keyed-vault'
import type { SecretVault } from './secret-vault'

interface Found {
  providers: { provider: string; sealed: Buffer }[]
  linkKey: Buffer | null
}

function sealedLinkKey(raw: string | undefined): Buffer | null {
  if (!raw) return null
  try {
    const parsed: unknown = JSON.parse(raw)
    const key = typeof parsed === 'object' && parsed !== null && 'sealedKey' in parsed ? parsed.sealedKey : null
    return typeof key === 'string' && key.length > 0 ? Buffer.from(key, 'base64') : null
  } catch {
    return null
  }
}

function find(db: Db): Found {
  const tables = new Set(
    db
      .prepare<[], { name: string }>("SELECT name FROM sqlite_master WHERE type = 'table'")
      .all()
      .map((row) => row.name)
  )
  const providers = tables.has('provider_settings')
    ? db
        .prepare<[], { provider: string; secrets: Buffer }>('SELECT provider, secrets FROM provider_settings WHERE secrets IS NOT NULL')
        .all()
        .filter((row) => !sealedWithKey(row.secrets))
        .map((row) => ({ provider: row.provider, sealed: row.secrets }))
    : []
  const link = tables.has('meta') ? sealedLinkKey(db.prepare<[string], { value: string }>('SELECT value FROM meta WHERE key = ?').get(LINK)?.value) : null
  return { providers, linkKey: link && !sealedWithKey(link) ? link : null }
}

/**
 * Secrets sealed by the OS keychain directly, as tills did before the core had its own process:
 * read before the core opens the database for good, so the shell can open them first.
 */
export function findKeychainSealed(databaseFile: string): Buffer[] {
  if (!existsSync(databaseFile)) return []
  const db = new Database(databaseFile, { readonly: true, fileMustExist: true })
  try {
    const found = find(db)
    return [...found.providers.map((p) => p.sealed), ...(found.linkKey ? [found.linkKey] : [])]
  } catch {
    // A database too damaged to read is the core's to report, at its own start.
    return []
  } finally {
    db.close()
  }
}

/** Seals again, with the till's key, every secret the keychain sealed directly and the vault can open; returns how many. */
export function resealKeychainSecrets(db: Db, vault: SecretVault): number {
  const found = find(db)
  let resealed = 0
  db.transaction(() => {
    for (const { provider, sealed } of found.providers) {
      try {
        db.prepare('UPDATE provider_settings SET secrets = ? WHERE provider = ?').run(vault.seal(vault.open(sealed)), provider)
        resealed += 1
      } catch {
        // The keychain could not open it (another computer or account): the manager enters it again, as before.
      }
    }
    if (found.linkKey) {
      try {
        const resealedKey = vault.seal(vault.open(found.linkKey)).toString('base64')
        const raw = db.prepare<[string], { value: string }>('SELECT value FROM meta WHERE key = ?').get(LINK)?.value ?? '{}'
        const link = JSON.parse(raw) as Record<string, unknown>
        db.prepare('UPDATE meta SET value = ? WHERE key = ?').run(JSON.stringify({ ...link, sealedKey: resealedKey }), LINK)
        resealed += 1
      } catch {
        // As above.
      }
    }
  })()
  return resealed
}
