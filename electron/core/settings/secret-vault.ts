import { TillError } from '../../../shared/errors'
import type { SecretProtection } from '../../../shared/domain/provider-settings'

/**
 * Seals secrets for storage on disk. The desktop app passes one backed by Electron's
 * safeStorage (the core never imports electron); the web host keeps secrets in its
 * environment only and never writes them.
 */
export interface SecretVault {
  readonly protection: SecretProtection
  seal(plain: string): Buffer
  open(sealed: Buffer): string
}

export const environmentOnlyVault: SecretVault = {
  protection: 'environment-only',
  seal() {
    throw new TillError('invalid_input', 'This till keeps secrets only in its environment and never writes them to disk. Set the environment variable listed in the README and restart the till.')
  },
  open() {
    throw new TillError('internal', 'This till cannot read stored secrets; it takes them from its environment.')
  }
}
