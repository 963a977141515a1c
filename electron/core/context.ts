import type { AuditLog } from './audit/audit-log'
import type { AuthService } from './auth/auth-service'
import type { ConnectivityRegistry } from './connectivity'
import type { Db } from './db/connection'
import type { EventBus } from './events'
import type { JournalStore } from './journal/journal-store'
import type { JournalWorker } from './journal/worker'
import type { CallLog } from './providers/call-log'
import type { TrainingSandbox } from './sandbox/training'
import type { RedeemService } from './services/redeem-voucher'
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
  journal: JournalStore
  worker: JournalWorker
  callLog: CallLog
  redeem: RedeemService
  tillId: string
  version: string
  host: 'electron' | 'web'
  now: () => Date
}
