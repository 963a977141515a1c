import type { Language } from '../../../shared/domain/preferences'
import type { ProviderManifest } from '../../../shared/providers'
import type { Money } from '../../../shared/money'
import type { AuditLog } from '../audit/audit-log'
import type { AuthService } from '../auth/auth-service'
import type { ConnectivityRegistry } from '../connectivity'
import type { Db } from '../db/connection'
import type { FeatureHandlers } from '../dispatch'
import type { HistoryLedger } from '../history/history-ledger'
import type { EventBus } from '../events'
import type { TillIdentity } from '../identity/till-identity'
import type { JournalStore } from '../journal/journal-store'
import type { JournalWorker } from '../journal/worker'
import type { JournalOperation } from '../journal/journal-operation'
import type { Logger } from '../log/logger'
import type { ProviderSettings, ResolvedProviderConfig } from '../settings/provider-settings'
import type { ProviderMode } from '../../../shared/domain/providers'
import type { WebhookRoute } from '../webhooks/receiver'
import type { HttpDeps } from './http'
import type { RunningSimulator } from '../training/simulators'

/** What the core hands every provider module and feature: built once by `createCore`, complete before any module is created. */
export interface ModuleContext {
  /** The till's data folder (files IT may place there, such as code tables). */
  dataDir: string
  /** The till's own version, for the system headers providers ask for. */
  version: string
  db: Db
  events: EventBus
  connectivity: ConnectivityRegistry
  audit: AuditLog
  auth: AuthService
  settings: ProviderSettings
  journal: JournalStore
  worker: JournalWorker
  http: HttpDeps
  identity: TillIdentity
  /** Every money operation of every provider, for History: modules record theirs as they change. */
  history: HistoryLedger
  log: Logger
  now: () => Date
  /** Milliseconds on a clock that never jumps (the computer's clock may): for ages and timers that decide something. */
  monotonic: () => number
}

/** One provider's own settings and secrets: a module reads its own, and has no way to name another's. */
export interface OwnSettings {
  mode(): ProviderMode
  resolve(): ResolvedProviderConfig
  values(): Record<string, string>
  secret(key: string): string | undefined
}

/** What the core hands a provider module: the shared services, and its own settings only. */
export type ProviderContext = Omit<ModuleContext, 'settings'> & { readonly provider: string; readonly settings: OwnSettings }

/** The context of one provider's module, cut from the core's. */
export function scopeTo(ctx: ModuleContext, provider: string): ProviderContext {
  const all = ctx.settings
  const settings: OwnSettings = {
    mode: () => all.mode(provider),
    resolve: () => all.resolve(provider),
    values: () => all.values(provider),
    secret: (key) => all.secret(provider, key)
  }
  // Spread first, then the scoped settings replace every provider's (the object is the module's own copy).
  return { ...ctx, provider, settings }
}

export interface ShiftLine {
  label: Record<Language, string>
  count: number
  amount: Money
}

/** What a provider module does once the core is running. */
export interface ProviderRuntime {
  /** Journal operations by name, such as `gotit.markUse`. */
  operations: Record<string, JournalOperation>
  /** Its contract channels (the tables are in shared/channels). */
  handlers: FeatureHandlers
  /** A light request that shows whether the provider answers; the HTTP layer reports the outcome. */
  probe?(): Promise<void>
  /** What it did since a moment (the start of the shift), for the shift report. */
  shiftSummary?(since: string): ShiftLine[]
  /** What the top bar should warn about for this provider now (a wallet running low, say). */
  alerts?(): { kind: 'wallet_low'; params: Record<string, string | number> }[]
  /** Housekeeping the core runs at start and then every minute (releasing what is held for nothing, say). */
  maintain?(): void
  /** Callbacks the provider sends to the till's receiver. */
  webhooks?: WebhookRoute[]
  /** Starts the in-process simulator training mode talks to (at once, instead of at first use). */
  startTraining(): Promise<RunningSimulator>
  close(): Promise<void>
}

/** One provider: everything about it lives in its folder; the registry lists it once. */
export interface ProviderModule<R extends ProviderRuntime = ProviderRuntime> {
  /** Who the provider is to the rest of the till: its id, names, settings, screen, channels (shared/providers/<id>.ts). */
  manifest: ProviderManifest
  /** `training` is how tests and benchmarks set up the module's training simulator; the module validates it. */
  create(ctx: ProviderContext, training?: unknown): R
}

/**
 * A module's way to hand its own runtime, typed, to tests, benchmarks and scripts in the same
 * process: `register` the runtimes it creates, `of(core)` finds the one of a running core.
 */
export function runtimeAccessor<R extends ProviderRuntime>(id: string, name: string) {
  const created = new WeakSet<ProviderRuntime>()
  return {
    register(runtime: R): R {
      created.add(runtime)
      return runtime
    },
    of(core: { providers: ReadonlyMap<string, ProviderRuntime> }): R {
      const runtime = core.providers.get(id)
      if (!runtime || !created.has(runtime)) throw new Error(`This core has no ${name} module.`)
      return runtime as R
    }
  }
}
