import { join } from 'node:path'
import { providerIds, type ProviderId, type ProviderMode } from '../../shared/domain/providers'
import { ConnectivityRegistry } from './connectivity'
import type { CoreContext } from './context'
import { DATABASE_FILE } from './data-dir'
import { openDatabase } from './db/connection'
import { migrate } from './db/migrations'
import { ensureTillId } from './db/repos/meta-repo'
import { createDispatcher, type Dispatch, type DispatchLog } from './dispatch'
import { EventBus } from './events'
import { createHandlers } from './handlers'

export interface CoreOptions {
  dataDir: string
  host: 'electron' | 'web'
  version: string
  /** Providers not listed run in training mode on their simulators. */
  providerModes?: Partial<Record<ProviderId, ProviderMode>>
  now?: () => Date
  log?: DispatchLog
}

export interface Core {
  dispatch: Dispatch
  events: EventBus
  context: CoreContext
  close(): void
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
  const modes = Object.fromEntries(providerIds.map((id) => [id, options.providerModes?.[id] ?? 'training'])) as Record<ProviderId, ProviderMode>
  const events = new EventBus()
  const connectivity = new ConnectivityRegistry((id) => modes[id], now)
  connectivity.onChange((statuses) => events.emit('providers:changed', statuses))
  const context: CoreContext = {
    db,
    events,
    connectivity,
    tillId: ensureTillId(db),
    version: options.version,
    host: options.host,
    now
  }
  const dispatch = createDispatcher(createHandlers(context), options.log ?? consoleLog)
  return { dispatch, events, context, close: () => db.close() }
}
