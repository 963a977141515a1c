import { join } from 'node:path'
import type { ChannelInput, ChannelName, ChannelOutput } from '../../shared/ipc/contract'
import type { Result } from '../../shared/ipc/result'
import { AuditLog } from './audit/audit-log'
import { AuthService } from './auth/auth-service'
import { applyRecoveryFile } from './auth/recovery'
import { DEFAULT_SCRYPT_COST, type ScryptCost } from './auth/pin-hash'
import { pinPolicyFromEnv, type PinPolicy } from './auth/pin-policy'
import { ConnectivityRegistry } from './connectivity'
import { ConnectivityProbe } from './connectivity-probe'
import { DATABASE_FILE } from './data-dir'
import { openDatabase } from './db/connection'
import { markDatabaseMade, refuseDamagedDatabase, refuseEmptiedDatabase } from './db/integrity'
import { tightenDataDir, touchPrivate } from './private-files'
import { EXPORT_FOLDER } from './history/history-export'
import { migrate } from './db/migrations'
import { readPreferences } from './db/repos/preferences-repo'
import { combineHandlers, createDispatcher, type Dispatch, type DispatchLog, type Handlers } from './dispatch'
import { EventBus } from './events'
import { appHandlers } from './features/app'
import { authHandlers } from './features/auth'
import { journalHandlers } from './features/journal'
import { settingsHandlers } from './features/settings'
import { staffHandlers } from './features/staff'
import { currentMachine, type MachineFacts } from './identity/machine'
import { TillIdentity } from './identity/till-identity'
import { JournalStore } from './journal/journal-store'
import { OperationRegistry } from './journal/operations'
import { JournalWorker, type WorkerOptions } from './journal/worker'
import { createFileLogger, LOG_FOLDER, silentLogger, type Logger } from './log/logger'
import { HistoryLedger } from './history/history-ledger'
import { historyHandlers } from './features/history'
import { CallLog } from './providers/call-log'
import { scopeTo, type ModuleContext, type ProviderRuntime } from './providers/module'
import { providerModules } from './providers/registry'
import { providerManifests } from '../../shared/providers'
import { KeepAliveAgents } from './providers/transport'
import { ProviderSettings } from './settings/provider-settings'
import { environmentOnlyVault, type SecretVault } from './settings/secret-vault'
import { InboxRepo } from './webhooks/inbox-repo'
import { Outbox } from './backoffice/outbox'
import { BackofficeLink } from './backoffice/link'
import { BackofficeSender, type SenderOptions } from './backoffice/sender'
import { backofficeHandlers } from './features/backoffice'
import { trainingHandlers } from './features/training'
import { CallbackReceiver } from './webhooks/receiver'

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
  /** A clock that never jumps, in ms (performance.now unless a test moves it). */
  monotonic?: () => number
  /** The structured log; by default a rotating file in `<data dir>/logs`. */
  logger?: Logger
  /** Journal worker timings; tests shorten them. */
  worker?: Partial<WorkerOptions>
  /** Off for tests that drive the journal by hand. */
  startWorker?: boolean
  /** How often the provider modules' housekeeping runs (default a minute). */
  maintenanceIntervalMs?: number
  /** How often an offline provider is probed (default 15 s). */
  probeIntervalMs?: number
  /** Settings of the in-process training simulators, by provider id (benchmarks want a larger stock). */
  training?: Record<string, unknown>
  /** The back office sender's timings; tests and benchmarks shorten them. */
  backoffice?: Partial<SenderOptions>
  /** What the computer looks like; tests pretend to be another one. */
  machine?: MachineFacts
}

export interface Core {
  /** For hosts: any channel name and untrusted input. */
  dispatch: Dispatch
  /** For code in the same process (tests, benchmarks, scripts): the same path, typed. */
  call<C extends ChannelName>(channel: C, input: ChannelInput<C>): Promise<Result<ChannelOutput<C>>>
  events: EventBus
  context: ModuleContext
  /** Each provider module's running part, by provider id. */
  providers: ReadonlyMap<string, ProviderRuntime>
  receiver: CallbackReceiver
  /** The sender of the back office's outbox. */
  backoffice: BackofficeSender
  /** Every channel's handler (the dispatcher's table), for tests that wrap it. */
  handlers: Handlers
  /** Settles when a recovery file in the data folder (if any) has been applied; its sentence, or null. */
  recovery: Promise<string | null>
  /** Stops the receiver, the worker and the training simulators, and closes the database and the log. */
  close(): Promise<void>
}

/** Opens the data folder, migrates the database and wires the features and provider modules: the till's brain. */
export function createCore(options: CoreOptions): Core {
  const now = options.now ?? (() => new Date())
  const databaseFile = join(options.dataDir, DATABASE_FILE)
  const tightened = tightenDataDir(options.dataDir, [LOG_FOLDER, EXPORT_FOLDER])
  refuseEmptiedDatabase(options.dataDir, databaseFile, LOG_FOLDER)
  touchPrivate(databaseFile)
  const db = openDatabase(databaseFile)
  try {
    refuseDamagedDatabase(db, databaseFile)
    migrate(db)
    markDatabaseMade(options.dataDir)
  } catch (error) {
    db.close()
    throw error
  }
  const log = options.logger ?? createFileLogger({ dataDir: options.dataDir })
  if (tightened.length > 0) log.warn('other users could read the data folder; it is now private to this user', { changed: tightened.map((t) => `${t.path} (was ${t.was})`).join(', ') })
  const identity = new TillIdentity(db, { dataDir: options.dataDir, databaseFile, machine: options.machine ?? currentMachine() })
  const events = new EventBus()
  const settings = new ProviderSettings(providerManifests, db, options.vault ?? environmentOnlyVault, options.env ?? {}, now)
  const connectivity = new ConnectivityRegistry(providerManifests, (id) => settings.mode(id), now)
  connectivity.onChange((statuses) => events.emit('providers:changed', statuses))
  const audit = new AuditLog(db, identity.tillId, now)
  const auth = new AuthService({
    db,
    audit,
    events,
    now,
    policy: options.pinPolicy ?? pinPolicyFromEnv(options.env ?? {}),
    scryptCost: options.scryptCost ?? DEFAULT_SCRYPT_COST,
    idleLockSeconds: () => readPreferences(db).idleLockSeconds,
    onStorageFailure: (entry, error) => log.error('audit entry not saved: the disk refused it', { action: entry.action, actor: entry.actor?.name ?? null, error: String(error) })
  })
  const journal = new JournalStore(db, now)
  const operations = new OperationRegistry()
  const worker = new JournalWorker(
    db,
    journal,
    (operation) => operations.handler(operation),
    now,
    options.worker,
    (row) => events.emit('journal:changed', operations.item(row)),
    (error) => log.error('the journal worker stopped a drain; it tries again at the next tick', { error: error instanceof Error ? error.message : String(error) })
  )
  const callLog = new CallLog(db, now)
  const agents = new KeepAliveAgents()
  const history = new HistoryLedger(db, () => identity.tillId)
  const context: ModuleContext = {
    dataDir: options.dataDir,
    version: options.version,
    db,
    events,
    connectivity,
    audit,
    auth,
    settings,
    journal,
    worker,
    http: { log: callLog, connectivity, agents },
    identity,
    history,
    log,
    now,
    monotonic: options.monotonic ?? (() => performance.now())
  }

  const recovery = applyRecoveryFile({ dataDir: options.dataDir, db, staff: auth.staff, audit, log, now, hash: (pin) => auth.newPinHash(pin) }).catch((error: unknown) => {
    log.error('the recovery file could not be applied', { error: error instanceof Error ? error.message : String(error) })
    return null
  })

  const outbox = new Outbox(db)
  const backofficeLink = new BackofficeLink(db, options.vault ?? environmentOnlyVault, options.env ?? {}, () => identity.tillId)
  if (identity.change) {
    // What waits for the back office was written as the till this folder came from, and stays that till's; this one enrols again.
    const dropped = db.transaction(() => {
      backofficeLink.forget()
      return outbox.dropWaiting()
    })()
    log.warn('this till must enrol with the back office again; what waited to be sent stays the previous till’s', { dropped })
    // The folder came from another till (or a backup): what it had not settled may be that till's to settle.
    const parked = journal.parkUnsettled(
      `this data folder was ${identity.change.reason === 'copied' ? 'copied from another computer' : 'moved, copied or restored'}; check with the till it came from before settling`
    )
    audit.append({
      actor: null,
      action: 'till_identity_changed',
      subject: identity.tillId,
      outcome: 'ok',
      detail: { previousTillId: identity.change.previousTillId, why: identity.change.details, parkedOperations: parked }
    })
    log.warn('this till took a new identity', { tillId: identity.tillId, previousTillId: identity.change.previousTillId, why: identity.change.details, parkedOperations: parked })
  }

  const providers = new Map<string, ProviderRuntime>()
  for (const module of providerModules) {
    const { id } = module.manifest
    const runtime = module.create(scopeTo(context, id), options.training?.[id])
    for (const [name, operation] of Object.entries(runtime.operations)) operations.add(name, operation)
    providers.set(id, runtime)
  }
  const sender = new BackofficeSender(outbox, backofficeLink, log, now, (status) => events.emit('backoffice:changed', status), options.backoffice)
  const receiver = new CallbackReceiver(new InboxRepo(db), log, now)
  receiver.setRoutes([...providers.values()].flatMap((runtime) => runtime.webhooks ?? []))
  const applyReceiver = (prefs = readPreferences(db)): void => void receiver.apply(prefs.callbacks)

  const probes = Object.fromEntries([...providers].flatMap(([id, runtime]) => (runtime.probe ? [[id, () => runtime.probe?.() ?? Promise.resolve()]] : [])))
  const probe = new ConnectivityProbe(connectivity, journal, worker, probes, options.probeIntervalMs ?? 15_000)
  const maintain = (): void => {
    for (const [id, runtime] of providers) {
      try {
        runtime.maintain?.()
      } catch (error) {
        log.error('provider housekeeping failed; it runs again later', { provider: id, error: error instanceof Error ? error.message : String(error) })
      }
    }
  }
  let maintenance: NodeJS.Timeout | null = null
  if (options.startWorker !== false) {
    sender.start()
    worker.start()
    probe.start()
    maintain()
    maintenance = setInterval(maintain, options.maintenanceIntervalMs ?? 60_000)
    maintenance.unref()
  }
  applyReceiver()

  const handlers = combineHandlers(
    appHandlers(context, { version: options.version, host: options.host }, providers),
    authHandlers(context),
    staffHandlers(context),
    settingsHandlers(context, receiver, applyReceiver),
    journalHandlers(context, operations, providers),
    historyHandlers(context),
    backofficeHandlers(context, { outbox, link: backofficeLink, sender }),
    trainingHandlers(context, providers),
    ...[...providers.values()].map((runtime) => runtime.handlers)
  )
  const dispatchLog: DispatchLog = { error: (message, detail) => log.error(message, detail) }
  const dispatch = createDispatcher(handlers, dispatchLog, (access, channel) => auth.authorize(access, channel), databaseFile)
  const call: Core['call'] = (channel, input) => dispatch(channel, input) as Promise<Result<ChannelOutput<typeof channel>>>
  log.info('till started', {
    tillId: identity.tillId,
    host: options.host,
    version: options.version,
    providers: connectivity
      .list()
      .map((s) => `${s.provider}:${s.mode}`)
      .join(' ')
  })
  const close = async (): Promise<void> => {
    probe.stop()
    if (maintenance) clearInterval(maintenance)
    await recovery
    await receiver.close()
    await worker.stop()
    await sender.close()
    callLog.flush()
    for (const runtime of providers.values()) await runtime.close()
    agents.destroy()
    if (db.open) db.close()
    await log.close()
  }
  return { dispatch, call, events, context, providers, receiver, handlers, recovery, backoffice: sender, close }
}

export { silentLogger }
