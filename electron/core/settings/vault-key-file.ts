import { randomBytes } from 'node:crypto'
import { existsSync, readFileSync, renameSync } from 'node:fs'
import type { VaultKey } from '../process/protocol'
import { writePrivateFile } from '../private-files'
import type { SecretVault } from './secret-vault'

export const VAULT_KEY_FILE = 'vault-key'

/**
 * The key the core seals secrets with, kept in the data folder sealed by the OS keychain (the
 * shell's safeStorage): only this OS account on this computer can open it. Null where there is
 * no keychain (secrets then come from the environment only). A key the keychain can no longer
 * open (another computer, a reset keychain) is set aside, not overwritten, and a new one made:
 * the manager enters the providers' secrets again, as they would have had to anyway.
 */
export function loadVaultKey(file: string, keychain: SecretVault, log: (message: string) => void = () => undefined): VaultKey | null {
  if (keychain.protection === 'environment-only') return null
  if (existsSync(file)) {
    try {
      const key = keychain.open(readFileSync(file))
      if (Buffer.from(key, 'base64').length === 32) return { protection: keychain.protection, key }
    } catch {
      // Falls through to a new key below.
    }
    const aside = `${file}.unreadable-${new Date().toISOString().replace(/[:.]/g, '-')}`
    renameSync(file, aside)
    log(`The keychain could not open the till's key for secrets; it was kept as ${aside} and a new one made. Enter the providers' secrets again in Settings.`)
  }
  const key = randomBytes(32).toString('base64')
  writePrivateFile(file, keychain.seal(key))
  return { protection: keychain.protection, key }
}
