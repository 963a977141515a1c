import { commitLightly, transactionally, type Db } from '../db/connection'
import { phaseEnd, phaseStart } from '../perf/phase-times'
import { backoffDelayMs, DEFAULT_BACKOFF, type BackoffPolicy } from './backoff'
import type { JournalRow, JournalStore } from './journal-store'
import type { JournalState } from './states'
import { crashPoint } from './crash-points'

/** What one attempt (a send, or the verification of an unknown outcome) came to. */
export type AttemptResult =
  | { to: 'succeeded'; result: unknown; requestId: string | null; note?: string }
  | { to: 'rejected'; result: unknown; requestId: string | null; note: string }
  /** Not sent, or safe to send again: try later with backoff. */
  | { to: 'pending'; requestId: string | null; note: string; retryAfterMs?: number }
  /** The request may have been processed: verify before anything else. */
  | { to: 'unknown'; requestId: string | null; note: string }
  | { to: 'needs_review'; result?: unknown; requestId: string | null; note: string }

export interface OperationHandler {
  /** Sends the operation once. */
  send(row: JournalRow): Promise<AttemptResult>
  /** Asks the provider what became of an operation whose outcome is unknown. */
  verify(row: JournalRow): Promise<AttemptResult>
  /** Updates the business records, inside the same transaction as the journal move. */
  settle?(row: JournalRow, outcome: AttemptResult): void
  /** Called after the transaction, for events. */
  settled?(row: JournalRow, outcome: AttemptResult): void
}

export interface WorkerOptions {
  leaseMs: number
  tickMs: number
  backoff: BackoffPolicy
  /** Verifications without an answer before a row goes to a manager. */
  maxVerifications: number
  /** Rows worked on at once while draining (each row itself is only ever worked on once at a time). */
  concurrency: number
}

/** Rows a drain claims per lane in one commit: fewer commits, and at most this many per lane to verify after a crash. */
const CLAIM_PER_LANE = 8
/** How long a drained row's settlement waits for others to share its commit. */
const SETTLE_WINDOW_MS = 2

export const DEFAULT_WORKER_OPTIONS: WorkerOptions = { leaseMs: 120_000, tickMs: 1000, backoff: DEFAULT_BACKOFF, maxVerifications: 50, concurrency: 4 }

/**
 * Sends pending operations and verifies unknown ones, oldest first, one at a time per row (a
 * lease guards it), with backoff between attempts. A row that keeps failing waits its turn and
 * never blocks the others.
 */
export class JournalWorker {
  private timer: NodeJS.Timeout | null = null
  private current: Promise<void> | null = null
  private again = false
  private stopped = false
  private readonly inFlight = new Map<number, Promise<JournalRow | undefined>>()

  constructor(
    private readonly db: Db,
    private readonly store: JournalStore,
    private readonly handlerOf: (operation: string) => OperationHandler | undefined,
    private readonly now: () => Date,
    options: Partial<WorkerOptions> = {},
    /** Told about every row an attempt moved, after its transaction. */
    private readonly onMoved: (row: JournalRow) => void = () => undefined,
    /** Told about a drain that stopped on an error (a full disk), which the next tick retries. */
    private readonly onError: (error: unknown) => void = () => undefined
  ) {
    this.options = { ...DEFAULT_WORKER_OPTIONS, ...options }
  }

  private readonly options: WorkerOptions

  start(): void {
    this.store.recoverAfterRestart()
    this.timer ??= setInterval(() => void this.drain(), this.options.tickMs)
    this.timer.unref()
    void this.drain()
  }

  /** Stops the timer and waits for the work in hand, so the database can close under it. */
  async stop(): Promise<void> {
    this.stopped = true
    if (this.timer) clearInterval(this.timer)
    this.timer = null
    await this.current
    await Promise.all(this.inFlight.values())
  }

  /** Works through every due row now; called while a drain runs, it runs once more after it. */
  drain(): Promise<void> {
    if (this.stopped) return Promise.resolve()
    if (this.current) {
      this.again = true
      return this.current
    }
    this.current = (async () => {
      do {
        this.again = false
        try {
          await this.drainOnce()
        } catch (error) {
          // The disk refused a write (or a bug): the rows stay as they were and the next tick tries again.
          this.onError(error)
          return
        }
      } while (this.again && !this.stopped)
    })().finally(() => {
      this.current = null
    })
    return this.current
  }

  private async drainOnce(): Promise<void> {
    this.store.recoverExpiredLeases()
    const width = Math.max(1, Math.floor(this.options.concurrency) || 1)
    let due: number[] = []
    let claimed: JournalRow[] = []
    // Oldest first, a bounded number at a time. One commit claims a handful of rows (a commit is
    // most of a row's cost); each is then sent and settled on its own. A crash in between leaves
    // them `sending`, and the next start verifies them before anything is sent again. The lane
    // that finds nothing claimed claims the next handful while the others' calls are on the way,
    // so the lanes never wait for the slowest of a handful.
    const next = (): JournalRow | undefined => {
      while (claimed.length === 0 && !this.stopped) {
        if (due.length === 0) due = this.store.due(200)
        if (due.length === 0) return undefined
        const chunk = due.splice(0, width * CLAIM_PER_LANE)
        claimed = this.db.transaction(() => chunk.flatMap((id) => (this.inFlight.has(id) ? [] : (this.store.claimHere(id, this.options.leaseMs, false) ?? [])))).immediate()
      }
      return claimed.shift()
    }
    const lane = async (): Promise<void> => {
      for (let row = next(); row; row = next()) await this.runClaimed(row, true)
    }
    await Promise.all(Array.from({ length: width }, lane))
  }

  /** Processes one row at once, due or not (the cashier is waiting), and returns it afterwards. */
  async runNow(id: number): Promise<JournalRow | undefined> {
    return this.process(id, true)
  }

  /**
   * Claims a row just inserted, inside the transaction that inserted it: the row is written as
   * being sent, with its lease, in one commit. A crash before the call leaves it `sending`, which
   * the next start turns into `unknown` and verifies, so nothing is ever sent blind.
   */
  claimInside(id: number): JournalRow {
    const claimed = this.store.claimHere(id, this.options.leaseMs, true)
    if (!claimed) throw new Error(`journal row ${id} could not be claimed in its own transaction`)
    return claimed
  }

  /** Sends a row claimed with `claimInside` at once (the cashier is waiting) and returns it afterwards. */
  async runClaimed(claimed: JournalRow, draining = false): Promise<JournalRow | undefined> {
    const existing = this.inFlight.get(claimed.id)
    if (existing) return existing
    const work = this.attempt(claimed.id, true, claimed, draining).finally(() => this.inFlight.delete(claimed.id))
    this.inFlight.set(claimed.id, work)
    return work
  }

  private settling: { work: () => void; done: (error?: unknown) => void }[] = []
  private settleTimer: NodeJS.Timeout | null = null

  /**
   * Runs a drained row's settlement in the next shared commit: within SETTLE_WINDOW_MS, or as soon
   * as every lane has one waiting. Each runs in its own savepoint, so one that fails is rolled back
   * and reported alone; a crash before the commit leaves the rows to be verified, as any lost answer.
   */
  private settleSoon(work: () => void): Promise<void> {
    return new Promise<void>((resolveSettled, rejectSettled) => {
      this.settling.push({ work, done: (error) => (error === undefined ? resolveSettled() : rejectSettled(error)) })
      const flush = (): void => {
        if (this.settleTimer) clearTimeout(this.settleTimer)
        this.settleTimer = null
        const batch = this.settling.splice(0)
        const failures = new Map<number, unknown>()
        try {
          // A drained row's outcome can be learnt again from the provider: should a power cut lose
          // this commit, the row's claim was durable, so it is still `sending` and is verified at
          // the next start, as after any lost answer. So the shared commit does not wait for the
          // disk; the next claim's durable commit carries it there.
          commitLightly(this.db, () =>
            batch.forEach((item, index) => {
              try {
                transactionally(this.db, item.work)
              } catch (error) {
                failures.set(index, error)
              }
            })
          )
        } catch (error) {
          batch.forEach((_, index) => failures.set(index, error))
        }
        batch.forEach((item, index) => item.done(failures.get(index)))
      }
      if (this.settling.length >= Math.max(1, Math.floor(this.options.concurrency) || 1)) flush()
      else this.settleTimer ??= setTimeout(flush, SETTLE_WINDOW_MS)
    })
  }

  /** Waits for whatever is in flight for this row. */
  async settledRow(id: number): Promise<JournalRow | undefined> {
    await this.inFlight.get(id)
    return this.store.get(id)
  }

  private process(id: number, force: boolean): Promise<JournalRow | undefined> {
    const existing = this.inFlight.get(id)
    if (existing) return existing
    const work = this.attempt(id, force).finally(() => this.inFlight.delete(id))
    this.inFlight.set(id, work)
    return work
  }

  private async attempt(id: number, force: boolean, preclaimed: JournalRow | null = null, draining = false): Promise<JournalRow | undefined> {
    const claimed = preclaimed ?? this.store.claim(id, this.options.leaseMs, force)
    if (!claimed) return this.store.get(id)
    const handler = this.handlerOf(claimed.operation)
    let outcome: AttemptResult
    if (!handler) {
      outcome = { to: 'needs_review', requestId: null, note: `no handler for ${claimed.operation}` }
    } else {
      try {
        const sending = phaseStart()
        outcome = claimed.state === 'sending' ? await handler.send(claimed) : await handler.verify(claimed)
        if (!draining) phaseEnd('send', sending)
      } catch (error) {
        // A bug or a bad configuration: if we were sending, the request may have left.
        const note = error instanceof Error ? error.message : String(error)
        outcome = { to: 'unknown', requestId: null, note }
      }
    }
    crashPoint('after-provider-answer')
    if (outcome.to === 'unknown' && claimed.state === 'unknown' && claimed.attempts >= this.options.maxVerifications) {
      outcome = { to: 'needs_review', requestId: outcome.requestId, note: `still unknown after ${claimed.attempts} checks: ${outcome.note}` }
    }
    const delay =
      outcome.to === 'pending'
        ? (outcome.retryAfterMs ?? backoffDelayMs(this.options.backoff, claimed.attempts))
        : outcome.to === 'unknown'
          ? backoffDelayMs(this.options.backoff, claimed.attempts)
          : 0
    let moved: JournalRow | undefined
    const settle = (): void => {
      const current = this.store.get(id)
      if (!current) return
      moved = this.store.move(current, {
        to: outcome.to as JournalState,
        requestId: outcome.requestId,
        note: 'note' in outcome ? (outcome.note ?? null) : null,
        ...('result' in outcome && outcome.result !== undefined ? { result: outcome.result } : {}),
        error: outcome.to === 'succeeded' ? null : (outcome.note ?? null),
        nextAttemptAt: new Date(this.now().getTime() + delay)
      })
      handler?.settle?.(current, outcome)
    }
    // While a backlog drains, settlements that arrive within a few milliseconds share one commit;
    // a cashier's operation settles at once. Either way the commit does not wait for the disk: the
    // claim was durable before the request left, so should a power cut lose the settlement, the row
    // is still `sending`, and the next start verifies it with the provider like any lost answer. A
    // redemption costs one durable commit (its claim), not two.
    if (draining) await this.settleSoon(settle)
    else {
      const settling = phaseStart()
      commitLightly(this.db, settle)
      phaseEnd('settle', settling)
    }
    const telling = phaseStart()
    // The row as the settlement left it (the operation's own `settle` changes business records only).
    const after = moved ?? this.store.get(id)
    if (after) {
      handler?.settled?.(after, outcome)
      this.onMoved(after)
    }
    if (!draining) phaseEnd('tell', telling)
    return after
  }
}
