import { createCipheriv, createDecipheriv, randomBytes } from 'node:crypto'
import { TillError } from '../../../shared/errors'
import type { SecretProtection } from '../../../shared/domain/provider-settings'
import type { SecretVault } from './secret-vault'

/** Marks a secret sealed with the till's own key, so it is told apart from one the OS keychain sealed directly (older tills). */
const MAGIC = Buffer.from('TIV1')
const IV_BYTES = 12
const TAG_BYTES = 16

export function sealedWithKey(sealed: Buffer): boolean {
  return sealed.length >= MAGIC.length + IV_BYTES + TAG_BYTES && sealed.subarray(0, MAGIC.length).equals(MAGIC)
}

/**
 * The core's vault in its own process: AES-256-GCM with a key the shell keeps sealed by the OS
 * keychain (safeStorage) and hands over at start, the way Signal Desktop keys its database. The
 * keychain stays in the shell; the core seals and opens synchronously, as provider calls need.
 * Secrets an older till sealed with the keychain directly are opened once by the shell at start
 * (`opened`, by their base64) and sealed again with the key.
 */
export function keyedVault(key: Buffer, protection: Exclude<SecretProtection, 'environment-only'>, opened: ReadonlyMap<string, string> = new Map()): SecretVault {
  if (key.length !== 32) throw new TillError('internal', 'The key that seals secrets must be 32 bytes.')
  return {
    protection,
    seal(plain) {
      const iv = randomBytes(IV_BYTES)
      const cipher = createCipheriv('aes-256-gcm', key, iv)
      const body = Buffer.concat([cipher.update(plain, 'utf8'), cipher.final()])
      return Buffer.concat([MAGIC, iv, cipher.getAuthTag(), body])
    },
    open(sealed) {
      if (!sealedWithKey(sealed)) {
        const plain = opened.get(sealed.toString('base64'))
        if (plain === undefined) throw new TillError('internal', 'This secret was sealed by the keychain directly and the keychain could not open it.')
        return plain
      }
      const at = MAGIC.length
      const decipher = createDecipheriv('aes-256-gcm', key, sealed.subarray(at, at + IV_BYTES))
      decipher.setAuthTag(sealed.subarray(at + IV_BYTES, at + IV_BYTES + TAG_BYTES))
      return Buffer.concat([decipher.update(sealed.subarray(at + IV_BYTES + TAG_BYTES)), decipher.final()]).toString('utf8')
    }
  }
}
