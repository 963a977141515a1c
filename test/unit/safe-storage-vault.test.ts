import { describe, expect, it } from 'vitest'
import { createSafeStorageVault } from '../../electron/main/secret-vault'

function fakeSafeStorage(available: boolean, backend: string) {
  return {
    isEncryptionAvailable: () => available,
    getSelectedStorageBackend: () => backend as 'basic_text',
    encryptString: (plain: string) => Buffer.from([...Buffer.from(plain)].map((b) => b ^ 0x5a)),
    decryptString: (sealed: Buffer) => Buffer.from([...sealed].map((b) => b ^ 0x5a)).toString()
  }
}

describe('safeStorage vault', () => {
  it('seals with the OS key store and opens what it sealed', () => {
    const vault = createSafeStorageVault(fakeSafeStorage(true, 'gnome_libsecret'), 'linux')
    expect(vault.protection).toBe('os')
    const sealed = vault.seal('client-secret')
    expect(sealed.toString()).not.toContain('client-secret')
    expect(vault.open(sealed)).toBe('client-secret')
  })

  it('marks the Linux fallback key as weak so the manager is warned', () => {
    expect(createSafeStorageVault(fakeSafeStorage(true, 'basic_text'), 'linux').protection).toBe('weak')
    expect(createSafeStorageVault(fakeSafeStorage(true, 'basic_text'), 'win32').protection).toBe('os')
  })

  it('keeps secrets in the environment only when the OS cannot encrypt at all', () => {
    const vault = createSafeStorageVault(fakeSafeStorage(false, 'unknown'), 'linux')
    expect(vault.protection).toBe('environment-only')
    expect(() => vault.seal('x')).toThrow(/only in its environment/)
  })
})
