import { join } from 'node:path'
import { createCore, type Core } from '../core'
import { DATABASE_FILE } from '../data-dir'
import { fail } from '../../../shared/ipc/result'
import { keepServingOnUnhandledRejections } from '../process-guard'
import { keyedVault } from '../settings/keyed-vault'
import { findKeychainSealed, resealKeychainSecrets } from '../settings/legacy-secrets'
import { environmentOnlyVault, type SecretVault } from '../settings/secret-vault'
import type { SenderOptions } from '../backoffice/sender'
import { ToCoreSchema, type FromCore, type MessageLine, type StartMessage } from './protocol'

/** The back office sender's timings from the environment (tests shorten them); the sender's defaults otherwise. */
export function backofficeTimingsFromEnv(env: NodeJS.ProcessEnv): Partial<SenderOptions> | undefined {
  const whole = (name: string): number | null => {
    const value = Number(env[name] ?? '')
    return Number.isInteger(value) && value > 0 ? value : null
  }
  const interval = whole('TILL_BACKOFFICE_INTERVAL_MS')
  const heartbeat = whole('TILL_BACKOFFICE_HEARTBEAT_MS')
  const timings = { ...(interval ? { intervalMs: interval } : {}), ...(heartbeat ? { heartbeatMs: heartbeat } : {}) }
  return Object.keys(timings).length > 0 ? timings : undefined
}

/**
 * The core's own process: it waits for the shell's `start`, opens the data folder, answers
 * calls and forwards events until the shell says `close` or goes away.
 */
export function runCoreProcess(line: MessageLine<FromCore>, env: NodeJS.ProcessEnv, exit: (code: number) => void): { shellGone(): void } {
  let core: Core | null = null
  let closing: Promise<void> | null = null
  let nextUnseal = 1
  const unsealing = new Map<number, (plain: string | null) => void>()

  const unseal = (sealed: Buffer): Promise<string | null> =>
    new Promise((resolve) => {
      const id = nextUnseal++
      unsealing.set(id, resolve)
      line.post({ kind: 'unseal', id, sealed: sealed.toString('base64') })
    })

  const vaultFor = async (start: StartMessage): Promise<{ vault: SecretVault; opened: number }> => {
    if (!start.vault || start.vault.protection === 'environment-only') return { vault: environmentOnlyVault, opened: 0 }
    const opened = new Map<string, string>()
    for (const sealed of findKeychainSealed(join(start.dataDir, DATABASE_FILE))) {
      const plain = await unseal(sealed)
      if (plain !== null) opened.set(sealed.toString('base64'), plain)
    }
    return { vault: keyedVault(Buffer.from(start.vault.key, 'base64'), start.vault.protection, opened), opened: opened.size }
  }

  const begin = async (start: StartMessage): Promise<void> => {
    try {
      const { vault, opened } = await vaultFor(start)
      const backoffice = backofficeTimingsFromEnv(env)
      const started = createCore({ dataDir: start.dataDir, host: start.host, version: start.version, env, vault, ...(backoffice ? { backoffice } : {}) })
      core = started
      keepServingOnUnhandledRejections(started.context.log)
      if (opened > 0) started.context.log.info('secrets the keychain sealed directly are now sealed with the till’s key', { resealed: resealKeychainSecrets(started.context.db, vault) })
      started.events.subscribe((event) => line.post({ kind: 'event', name: event.name, payload: event.payload }))
      line.post({ kind: 'ready', tillId: started.context.identity.tillId })
    } catch (error) {
      line.post({ kind: 'failed', message: error instanceof Error ? error.message : String(error) })
      exit(1)
    }
  }

  const close = (): Promise<void> => {
    closing ??= (core?.close() ?? Promise.resolve()).catch(() => undefined)
    return closing
  }

  line.onMessage((raw) => {
    const parsed = ToCoreSchema.safeParse(raw)
    if (!parsed.success) return
    const message = parsed.data
    switch (message.kind) {
      case 'start':
        if (!core) void begin(message)
        return
      case 'call': {
        const running = core
        if (!running || closing) {
          line.post({ kind: 'result', id: message.id, result: fail({ code: 'internal', message: 'The till’s core is not running.', params: { reason: 'core_restarting' } }) })
          return
        }
        void running.dispatch(message.channel, message.input).then((result) => line.post({ kind: 'result', id: message.id, result }))
        return
      }
      case 'unsealed':
        unsealing.get(message.id)?.(message.plain)
        unsealing.delete(message.id)
        return
      case 'close':
        void close().then(() => {
          line.post({ kind: 'closed' })
          exit(0)
        })
        return
    }
  })
  return { shellGone: () => void close().then(() => exit(0)) }
}
