import { z } from 'zod'
import { SecretProtectionSchema } from '../../../shared/domain/provider-settings'

/**
 * What the shell (Electron's main process, or the web host) and the core's own process say to
 * each other. Both sides parse every message: a process boundary is a boundary like any other.
 */
const VaultKeySchema = z.object({
  protection: SecretProtectionSchema,
  /** 32 bytes, base64: the key that seals secrets at rest, itself sealed by the OS keychain in the shell. */
  key: z.string().regex(/^[A-Za-z0-9+/]{43}=$/)
})
export type VaultKey = z.infer<typeof VaultKeySchema>

export const StartSchema = z.object({
  kind: z.literal('start'),
  host: z.enum(['electron', 'web']),
  version: z.string().min(1).max(100),
  dataDir: z.string().min(1),
  /** Null where secrets come only from the environment (the web host, a computer without a keychain). */
  vault: VaultKeySchema.nullable()
})
export type StartMessage = z.infer<typeof StartSchema>

export const ToCoreSchema = z.discriminatedUnion('kind', [
  StartSchema,
  z.object({ kind: z.literal('call'), id: z.number().int().nonnegative(), channel: z.string().max(200), input: z.unknown() }),
  /** The shell's answer to `unseal`: the plain text, or null when the keychain could not open it. */
  z.object({ kind: z.literal('unsealed'), id: z.number().int().nonnegative(), plain: z.string().nullable() }),
  z.object({ kind: z.literal('close') })
])
export type ToCore = z.infer<typeof ToCoreSchema>

export const FromCoreSchema = z.discriminatedUnion('kind', [
  z.object({ kind: z.literal('ready'), tillId: z.string() }),
  /** The core could not start (a damaged database, a newer schema): the sentence to show. */
  z.object({ kind: z.literal('failed'), message: z.string() }),
  z.object({ kind: z.literal('result'), id: z.number().int().nonnegative(), result: z.unknown() }),
  z.object({ kind: z.literal('event'), name: z.string(), payload: z.unknown() }),
  /** A secret sealed by the keychain directly (before the key above existed): the shell opens it once, the core seals it again with the key. */
  z.object({ kind: z.literal('unseal'), id: z.number().int().nonnegative(), sealed: z.string() }),
  z.object({ kind: z.literal('closed') }),
  /** The last word before the process ends (sent so the messages before it are delivered first). */
  z.object({ kind: z.literal('exiting'), code: z.number().int() })
])
export type FromCore = z.infer<typeof FromCoreSchema>

/** One end of the line between the two processes, whatever carries it (Electron's parentPort, Node's fork channel). */
export interface MessageLine<Out> {
  post(message: Out): void
  onMessage(listener: (message: unknown) => void): void
}
