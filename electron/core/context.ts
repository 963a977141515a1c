import type { AuditLog } from './audit/audit-log'
import type { AuthService } from './auth/auth-service'
import type { ConnectivityRegistry } from './connectivity'
import type { Db } from './db/connection'
import type { EventBus } from './events'
import type { TrainingSandbox } from './sandbox/training'
import type { ProviderSettings } from './settings/provider-settings'

/** What every use case may depend on; built once by `createCore`. */
export interface CoreContext {
  db: Db
  events: EventBus
  connectivity: ConnectivityRegistry
  audit: AuditLog
  auth: AuthService
  providerSettings: ProviderSettings
  training: TrainingSandbox
  tillId: string
  version: string
  host: 'electron' | 'web'
  now: () => Date
}
