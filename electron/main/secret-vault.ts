import type { SafeStorage } from 'electron'
import { environmentOnlyVault, type SecretVault } from '../core/settings/secret-vault'

/**
 * Secrets at rest are sealed with the OS keychain through Electron's safeStorage. On Linux
 * without a keyring Electron falls back to a hard-coded key ("basic_text"): still stored, but
 * marked weak so the Settings screen warns the manager.
 */
export function createSafeStorageVault(
  safeStorage: Pick<SafeStorage, 'isEncryptionAvailable' | 'encryptString' | 'decryptString' | 'getSelectedStorageBackend'>,
  platform: NodeJS.Platform = process.platform
): SecretVault {
  if (!safeStorage.isEncryptionAvailable()) return environmentOnlyVault
  const weak = platform === 'linux' && safeStorage.getSelectedStorageBackend() === 'basic_text'
  return {
    protection: weak ? 'weak' : 'os',
    seal: (plain) => safeStorage.encryptString(plain),
    open: (sealed) => safeStorage.decryptString(sealed)
  }
}
