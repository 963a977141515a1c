import type { Db } from './db/connection'
import type { EventBus } from './events'
import type { ConnectivityRegistry } from './connectivity'

/** What every use case may depend on; built once by `createCore`. */
export interface CoreContext {
  db: Db
  events: EventBus
  connectivity: ConnectivityRegistry
  tillId: string
  version: string
  host: 'electron' | 'web'
  now: () => Date
}
