import { join } from 'node:path'
import type { ChannelName } from '../../shared/ipc/channels'
import type { ChannelInput, ChannelOutput } from '../../shared/ipc/contract'
import type { Result } from '../../shared/ipc/result'
import { AuditLog } from './audit/audit-log'
import { AuthService } from './auth/auth-service'
import { DEFAULT_SCRYPT_COST, type ScryptCost } from './auth/pin-hash'
import { pinPolicyFromEnv, type PinPolicy } from './auth/pin-policy'
import { ConnectivityRegistry } from './connectivity'
import type { CoreContext } from './context'
import { DATABASE_FILE } from './data-dir'
import { openDatabase } from './db/connection'
import { migrate } from './db/migrations'
import { ensureTillId } from './db/repos/meta-repo'
import { readPreferences } from './db/repos/preferences-repo'
import { createDispatcher, type Dispatch, type DispatchLog } from './dispatch'
import { EventBus } from './events'
import { createHandlers } from './handlers'
import { TrainingSandbox } from './sandbox/training'
import type { GotItSimConfig } from './sandbox/gotit/gotit-simulator'
import { JournalStore } from './journal/journal-store'
import { JournalWorker, type WorkerOptions } from './journal/worker'
import { CallLog } from './providers/call-log'
import { MARK_USE, RESERVE, RedeemService, UNRESERVE } from './services/redeem-voucher'
import { ConnectivityProbe } from './connectivity-probe'
import { probeGotIt } from './services/gotit-connection'
import { ProviderSettings } from './settings/provider-settings'
import { environmentOnlyVault, type SecretVault } from './settings/secret-vault'

export interface CoreOptions {
  dataDir: string
  host: 'electron' | 'web'
  version: string
  /** Environment variables that override stored provider settings (TILL_GOTIT_MODE, …). */
  env?: NodeJS.ProcessEnv
  /** Seals stored secrets; without one, secrets come only from the environment. */
  vault?: SecretVault
  pinPolicy?: PinPolicy
  scryptCost?: ScryptCost
  now?: () => Date
  log?: DispatchLog
  /** Journal worker timings; tests shorten them. */
  worker?: Partial<WorkerOptions>
  /** Off for tests that drive the journal by hand. */
  startWorker?: boolean
  /** How often an offline provider is probed (default 15 s). */
  probeIntervalMs?: number
  /** Settings of the in-process training simulators (benchmarks want a larger stock). */
  training?: { gotit?: Partial<GotItSimConfig> }
}

export interface Core {
  /** For hosts: any channel name and untrusted input. */
  dispatch: Dispatch
  /** For code in the same process (tests, benchmarks, scripts): the same path, typed. */
  call<C extends ChannelName>(channel: C, input: ChannelInput<C>): Promise<Result<ChannelOutput<C>>>
  events: EventBus
  context: CoreContext
  /** Stops the training simulators and closes the database. */
  close(): Promise<void>
}

const consoleLog: DispatchLog = {
  error: (message, detail) => console.error(`[till] ${message}`, detail)
}

/** Opens the data folder, migrates the database and wires the handlers: the till's brain. */
export function createCore(options: CoreOptions): Core {
  const now = options.now ?? (() => new Date())
  const db = openDatabase(join(options.dataDir, DATABASE_FILE))
  try {
    migrate(db)
  } catch (error) {
    db.close()
    throw error
  }
  const tillId = ensureTillId(db)
  const events = new EventBus()
  const providerSettings = new ProviderSettings(db, options.vault ?? environmentOnlyVault, options.env ?? {}, now)
  const connectivity = new ConnectivityRegistry((id) => providerSettings.mode(id), now)
  connectivity.onChange((statuses) => events.emit('providers:changed', statuses))
  const audit = new AuditLog(db, tillId, now)
  const auth = new AuthService({
    db,
    audit,
    events,
    now,
    policy: options.pinPolicy ?? pinPolicyFromEnv(options.env ?? {}),
    scryptCost: options.scryptCost ?? DEFAULT_SCRYPT_COST,
    idleLockSeconds: () => readPreferences(db).idleLockSeconds
  })
  const journal = new JournalStore(db, now)
  const callLog = new CallLog(db, now)
  const partial = {
    db,
    events,
    connectivity,
    audit,
    auth,
    providerSettings,
    training: new TrainingSandbox(options.training?.gotit),
    journal,
    callLog,
    tillId,
    version: options.version,
    host: options.host,
    now
  }
  // The service keeps this object; `redeem` and `worker` are added to it just below, before any call.
  const redeem = new RedeemService(partial as CoreContext, journal, callLog)
  const worker = new JournalWorker(db, journal, { [MARK_USE]: redeem.handler(), [RESERVE]: redeem.reservationHandler(RESERVE), [UNRESERVE]: redeem.reservationHandler(UNRESERVE) }, now, options.worker)
  const context: CoreContext = Object.assign(partial, { redeem, worker })
  redeem.attach(worker)
  const probe = new ConnectivityProbe(connectivity, journal, worker, { gotit: () => probeGotIt(context, callLog) }, options.probeIntervalMs ?? 15_000)
  if (options.startWorker !== false) {
    worker.start()
    probe.start()
  }
  const dispatch = createDispatcher(createHandlers(context), options.log ?? consoleLog, (access, channel) => auth.authorize(access, channel))
  const call: Core['call'] = (channel, input) => dispatch(channel, input) as Promise<Result<ChannelOutput<typeof channel>>>
  const close = async (): Promise<void> => {
    probe.stop()
    await worker.stop()
    callLog.flush()
    await context.training.close()
    if (db.open) db.close()
  }
  return { dispatch, call, events, context, close }
}
