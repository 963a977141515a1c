import { commitLightly, type Db } from '../db/connection'
import { isStorageFailure } from '../db/storage-errors'
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
  /** What the call was about (`ECOM:order-1`), so every call about one thing can be listed. */
  subject?: string
}

/** One call as support reads it from a lookup. */
export interface CallView {
  at: string
  operation: string
  status: number | null
  durationMs: number
  errorCode: string | null
  requestId: string
}

const FLUSH_AFTER_MS = 250
const FLUSH_AT_ROWS = 200
/** While the disk refuses writes, at most this many rows wait in memory; older ones are dropped. */
const MAX_WAITING_ROWS = 10_000
const RETRY_AFTER_MS = 5000

/**
 * Every HTTP attempt to a provider, so support can trace a request id without a provider portal.
 * Rows are written in small batches: the log is for diagnosis, not money, and one durable commit
 * per HTTP attempt would double the disk work of a redemption.
 */
export class CallLog {
  private pending: (CallRecord & { at: string })[] = []
  private timer: NodeJS.Timeout | null = null

  constructor(
    private readonly db: Db,
    private readonly now: () => Date
  ) {}

  record(call: CallRecord): void {
    this.pending.push({ ...call, at: this.now().toISOString() })
    if (this.pending.length >= FLUSH_AT_ROWS) this.flush()
    else if (!this.timer) {
      this.timer = setTimeout(() => this.flushQuietly(), FLUSH_AFTER_MS)
      this.timer.unref()
    }
  }

  /** Calls and failed calls (no answer, or a 4xx/5xx status) per provider since a moment. */
  stats(since: string): Map<string, { calls: number; failed: number }> {
    this.flush()
    const rows = this.db
      .prepare<[string], { provider: string; calls: number; failed: number }>(
        'SELECT provider, count(*) AS calls, sum(CASE WHEN status IS NULL OR status >= 400 THEN 1 ELSE 0 END) AS failed FROM provider_calls WHERE at >= ? GROUP BY provider'
      )
      .all(since)
    return new Map(rows.map((r) => [r.provider, { calls: r.calls, failed: r.failed }]))
  }

  /** The latest calls to a provider about one subject, newest first. */
  about(provider: ProviderId, subject: string, limit = 50): CallView[] {
    this.flush()
    return this.db
      .prepare<[string, string, number], CallView>(
        'SELECT at, operation, status, duration_ms AS durationMs, error_code AS errorCode, request_id AS requestId FROM provider_calls WHERE provider = ? AND subject = ? ORDER BY id DESC LIMIT ?'
      )
      .all(provider, subject, limit)
  }

  /** Writes what is buffered now (also on close, and before anyone reads the log). */
  flush(): void {
    if (this.timer) clearTimeout(this.timer)
    this.timer = null
    if (this.pending.length === 0 || !this.db.open) return
    const rows = this.pending
    this.pending = []
    try {
      const insert = this.db.prepare(
        'INSERT INTO provider_calls (at, provider, operation, endpoint, status, duration_ms, error_code, request_id, detail, subject) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?)'
      )
      // Diagnosis, not money: the batch need not wait for the disk (it gets there with the next durable commit).
      commitLightly(this.db, () => {
        for (const c of rows) insert.run(c.at, c.provider, c.operation, c.endpoint, c.status, Math.round(c.durationMs), c.errorCode, c.requestId, c.detail ?? null, c.subject ?? null)
      })
    } catch (error) {
      if (!isStorageFailure(error)) throw error
      // The disk is full: keep the rows (bounded) and try again later; the log is not worth stopping the till for.
      this.pending = [...rows, ...this.pending].slice(-MAX_WAITING_ROWS)
      this.timer = setTimeout(() => this.flushQuietly(), RETRY_AFTER_MS)
      this.timer.unref()
    }
  }

  private flushQuietly(): void {
    try {
      this.flush()
    } catch {
      // A bug here must not take the till down from a timer; the next call tries again.
    }
  }
}
