import type { Db } from '../db/connection'
import type { ProviderId } from '../../../shared/domain/providers'

export interface CallRecord {
  provider: ProviderId
  operation: string
  endpoint: string
  status: number | null
  durationMs: number
  errorCode: string | null
  requestId: string
  /** Anything else worth knowing; voucher codes masked, never a secret. */
  detail?: string
}

/** Every HTTP attempt to a provider, so support can trace a request id without a provider portal. */
export class CallLog {
  constructor(
    private readonly db: Db,
    private readonly now: () => Date
  ) {}

  record(call: CallRecord): void {
    this.db
      .prepare('INSERT INTO provider_calls (at, provider, operation, endpoint, status, duration_ms, error_code, request_id, detail) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)')
      .run(this.now().toISOString(), call.provider, call.operation, call.endpoint, call.status, Math.round(call.durationMs), call.errorCode, call.requestId, call.detail ?? null)
  }
}
