import { createCipheriv, createDecipheriv, randomBytes } from 'node:crypto'
import type { SecretVault } from '../../electron/core/settings/secret-vault'

/** Stands in for Electron's safeStorage in tests: real AES-GCM with a key fixed per vault. */
export function testVault(key: Uint8Array = randomBytes(32)): SecretVault {
  return {
    protection: 'os',
    seal(plain) {
      const iv = randomBytes(12)
      const cipher = createCipheriv('aes-256-gcm', key, iv)
      const body = Buffer.concat([cipher.update(plain, 'utf8'), cipher.final()])
      return Buffer.concat([iv, cipher.getAuthTag(), body])
    },
    open(sealed) {
      const decipher = createDecipheriv('aes-256-gcm', key, sealed.subarray(0, 12))
      decipher.setAuthTag(sealed.subarray(12, 28))
      return Buffer.concat([decipher.update(sealed.subarray(28)), decipher.final()]).toString('utf8')
    }
  }
}
