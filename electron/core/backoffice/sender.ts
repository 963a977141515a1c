import ky, { type KyInstance } from 'ky'
import { BatchAnswerSchema, GapAnswerSchema, RefusalSchema } from '../../../shared/backoffice/protocol'
import type { BackofficeStatus } from '../../../shared/domain/backoffice'
import type { Logger } from '../log/logger'
import type { BackofficeLink } from './link'
import type { Outbox } from './outbox'

export interface SenderOptions {
  /** How often the outbox is looked at when it was empty (a till's commit is visible within about this). */
  intervalMs: number
  /** With nothing to send, the till still says it is alive this often, so the back office can tell a quiet till from a stopped one [ASSUMED]. */
  heartbeatMs: number
  /** Full-jitter backoff between failed attempts: a random wait up to base × 2^failures, at most cap. */
  backoffBaseMs: number
  backoffCapMs: number
  /** How long one batch may take, answer included. */
  timeoutMs: number
}

export const DEFAULT_SENDER_OPTIONS: SenderOptions = { intervalMs: 1000, heartbeatMs: 60_000, backoffBaseMs: 1000, backoffCapMs: 5 * 60_000, timeoutMs: 30_000 }

/** The wait a 429 or 503 asks for: `Retry-After` in seconds or as a date; null when it says nothing usable. */
export function retryAfterMs(header: string | null, now: number): number | null {
  if (!header) return null
  if (/^\d+$/.test(header.trim())) return Number(header.trim()) * 1000
  const at = Date.parse(header)
  return Number.isFinite(at) ? Math.max(0, at - now) : null
}

/**
 * Pushes the outbox to the back office: one batch in flight, up to 500 events and 1 MB, the
 * pair (till, sequence number) making a batch sent again after a lost answer harmless. Network
 * failures, 5xx, 429 and 503 are retried with full-jitter backoff from 1 s to 5 minutes (a
 * Retry-After is honoured); a gap (409) resumes where the back office expects; any other refusal
 * stops the sender, with the back office's sentence, until a manager acts.
 */
export class BackofficeSender {
  private timer: NodeJS.Timeout | null = null
  private running: Promise<void> | null = null
  private closed = false
  private failures = 0
  private reached: boolean | null = null
  private problem: string | null = null
  private lastSentAt: string | null = null
  /** When the back office last answered (ms), for the heartbeat; never, at first. */
  private lastContactMs = -Infinity
  private readonly http: KyInstance
  private readonly options: SenderOptions

  constructor(
    private readonly outbox: Outbox,
    private readonly link: BackofficeLink,
    private readonly log: Logger,
    private readonly now: () => Date,
    private readonly onChange: (status: BackofficeStatus) => void,
    options: Partial<SenderOptions> = {}
  ) {
    this.options = { ...DEFAULT_SENDER_OPTIONS, ...options }
    // ky for the till's own services: JSON in and out, a whole-request timeout, no retries of its own (the sender decides).
    this.http = ky.create({ retry: 0, throwHttpErrors: false, timeout: this.options.timeoutMs })
  }

  start(): void {
    this.closed = false
    this.schedule(0)
  }

  async close(): Promise<void> {
    this.closed = true
    if (this.timer) clearTimeout(this.timer)
    this.timer = null
    await this.running
  }

  status(): BackofficeStatus {
    const { url, store } = this.link.describe()
    const stopped = this.link.stopped()
    const backlog = this.outbox.backlog()
    return {
      enrolled: this.link.credentials() !== null,
      url,
      store,
      reached: this.reached,
      stopped: stopped !== null,
      problem: stopped?.problem ?? this.problem,
      waiting: backlog.count,
      oldestWaitingAt: backlog.oldestAt,
      lastSentAt: this.lastSentAt,
      keyFromEnvironment: this.link.keyFromEnvironment,
      enrolment: { tillId: this.link.tillIdNow(), fromSeq: this.outbox.nextSeq(), auditHead: this.outbox.auditHead() }
    }
  }

  /** A manager fixed what the back office refused, or enrolled again: send now. */
  resume(): void {
    this.link.resume()
    this.failures = 0
    this.problem = null
    this.schedule(0)
  }

  /** Sends everything waiting now (tests and benchmarks); resolves when the outbox is empty or a send failed. */
  async flush(): Promise<void> {
    await this.running
    for (;;) {
      const sent = await this.sendOnce()
      if (sent !== 'more') return
    }
  }

  private schedule(delayMs: number): void {
    if (this.closed) return
    if (this.timer) clearTimeout(this.timer)
    this.timer = setTimeout(() => {
      this.timer = null
      this.running = this.round().finally(() => {
        this.running = null
      })
    }, delayMs)
    this.timer.unref()
  }

  private async round(): Promise<void> {
    let next = this.options.intervalMs
    try {
      const outcome = await this.sendOnce()
      if (outcome === 'more') next = 0
      else if (typeof outcome === 'number') next = outcome
    } catch (error) {
      this.log.error('the back office sender failed; it tries again', { error: error instanceof Error ? error.message : String(error) })
    }
    this.schedule(next)
  }

  /** One batch: 'more' when there is more to send now, 'idle' when nothing waits or it may not send, or the ms to wait. */
  private async sendOnce(): Promise<'more' | 'idle' | number> {
    const credentials = this.link.credentials()
    if (!credentials || this.link.stopped()) return 'idle'
    const batch = this.outbox.nextBatch()
    if (!batch) return this.now().getTime() - this.lastContactMs >= this.options.heartbeatMs ? this.heartbeat(credentials) : 'idle'
    const sentAt = this.now().toISOString()
    let response: Response
    try {
      response = await this.http.post(new URL('/api/v1/ingest', credentials.url), {
        json: { ...batch, sentAt, backlog: this.outbox.backlog() },
        headers: { authorization: `Bearer ${credentials.key}` }
      })
    } catch (error) {
      return this.failed(`The back office could not be reached (${error instanceof Error ? error.message : String(error)}); the till keeps its records and tries again.`)
    }
    const body: unknown = await response.json().catch(() => null)
    if (response.status === 200) {
      const answer = BatchAnswerSchema.safeParse(body)
      if (!answer.success) return this.failed('The back office answered with something the till cannot read; it tries again.')
      this.outbox.acknowledge(answer.data.appliedThrough)
      this.succeeded(sentAt)
      return this.outbox.backlog().count > 0 ? 'more' : 'idle'
    }
    if (response.status === 409) {
      const gap = GapAnswerSchema.safeParse(body)
      if (gap.success && gap.data.expected > batch.fromSeq) {
        // It has more than we thought (an answer was lost): those rows are applied there.
        this.outbox.acknowledge(gap.data.expected - 1)
        this.succeeded(sentAt)
        return 'more'
      }
      return this.stop(`The back office expects event ${gap.success ? gap.data.expected : '?'}, which this till no longer holds. Enrol the till again from Settings → Back office.`)
    }
    if (response.status === 429 || response.status === 503 || response.status >= 500) {
      const asked = response.status === 429 || response.status === 503 ? retryAfterMs(response.headers.get('retry-after'), this.now().getTime()) : null
      return this.failed(`The back office is busy or failing (${response.status}); the till tries again.`, asked)
    }
    const refusal = RefusalSchema.safeParse(body)
    return this.stop(refusal.success ? refusal.data.message : `The back office refused this till's events (${response.status}).`)
  }

  /** Nothing to send: the till says it is alive, with its clock and backlog. */
  private async heartbeat(credentials: { url: string; key: string }): Promise<'idle' | number> {
    const sentAt = this.now().toISOString()
    let response: Response
    try {
      response = await this.http.post(new URL('/api/v1/heartbeat', credentials.url), { json: { sentAt, backlog: this.outbox.backlog() }, headers: { authorization: `Bearer ${credentials.key}` } })
    } catch (error) {
      return this.failed(`The back office could not be reached (${error instanceof Error ? error.message : String(error)}); the till keeps its records and tries again.`)
    }
    await response.body?.cancel()
    // A back office older than the heartbeat answers 404: nothing to stop for, it simply cannot tell a quiet till.
    if (response.ok || response.status === 404) {
      this.succeeded(null)
      return 'idle'
    }
    if (response.status === 401) return this.stop('The back office does not know this till’s key (revoked, or enrolled elsewhere). Enrol the till again from Settings → Back office.')
    return this.failed(`The back office is busy or failing (${response.status}); the till tries again.`)
  }

  /** `at`: when the batch that was applied was sent; null for a heartbeat (nothing was sent). */
  private succeeded(at: string | null): void {
    this.lastContactMs = this.now().getTime()
    const changed = this.reached !== true || this.problem !== null
    this.failures = 0
    this.reached = true
    this.problem = null
    this.lastSentAt = at ?? this.lastSentAt
    if (changed) this.onChange(this.status())
  }

  private failed(problem: string, askedMs: number | null = null): number {
    this.failures += 1
    const changed = this.reached !== false || this.problem !== problem
    this.reached = false
    this.problem = problem
    if (changed) this.onChange(this.status())
    const ceiling = Math.min(this.options.backoffCapMs, this.options.backoffBaseMs * 2 ** Math.min(this.failures - 1, 20))
    return askedMs ?? Math.floor(Math.random() * ceiling)
  }

  private stop(problem: string): 'idle' {
    this.reached = true
    this.problem = problem
    this.link.stop(problem, this.now().toISOString())
    this.log.warn('the back office refused this till; sending stops until a manager acts', { problem })
    this.onChange(this.status())
    return 'idle'
  }
}
