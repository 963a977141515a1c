/** When the polls of an order Hubble is still processing go out, in minutes after placing [CHECKLIST: from 1 minute, at most 5]. */
export const POLL_AT_MINUTES = [1, 3, 6, 10, 14] as const
/** Still processing this long after placing: failed on the till's side, for a manager, until Hubble says otherwise [CHECKLIST]. */
export const GIVE_UP_AFTER_MINUTES = 15

export type PollDue = 'poll' | 'give_up'

interface Watched {
  /** When the order's schedule counts from, on the monotonic clock. */
  origin: number
  polls: number
}

/**
 * The polls of orders Hubble is still processing, timed on a clock that never jumps (the
 * computer's clock moving 16 minutes forward must not fail a sale): each order's schedule counts
 * from when it was placed here, or, for an order found processing at start, from its last poll.
 * One timer wakes the follow-up exactly when the next poll is due, not at a housekeeping tick.
 */
export class PollSchedule {
  private readonly watched = new Map<string, Watched>()
  private timer: NodeJS.Timeout | null = null

  constructor(
    private readonly clock: () => number,
    private readonly wake: () => void
  ) {}

  /** Follows an order: `polls` already made, `placedHere` when it was placed in this run (its schedule starts now). */
  watch(referenceId: string, polls: number): void {
    if (this.watched.has(referenceId)) return
    const lastPollAt = polls === 0 ? 0 : (POLL_AT_MINUTES[Math.min(polls, POLL_AT_MINUTES.length) - 1] ?? 0)
    this.watched.set(referenceId, { origin: this.clock() - lastPollAt * 60_000, polls })
    this.arm()
  }

  /** What is due for an order now, if anything. */
  due(referenceId: string): PollDue | null {
    const entry = this.watched.get(referenceId)
    if (!entry) return null
    const minutes = (this.clock() - entry.origin) / 60_000
    if (entry.polls >= POLL_AT_MINUTES.length) return minutes >= GIVE_UP_AFTER_MINUTES ? 'give_up' : null
    return minutes >= (POLL_AT_MINUTES[entry.polls] ?? Infinity) ? 'poll' : null
  }

  polled(referenceId: string): void {
    const entry = this.watched.get(referenceId)
    if (entry) entry.polls += 1
    this.arm()
  }

  forget(referenceId: string): void {
    this.watched.delete(referenceId)
    this.arm()
  }

  /** Milliseconds until the next poll or give-up of any order; null when nothing is followed. */
  nextInMs(): number | null {
    let next: number | null = null
    const now = this.clock()
    for (const entry of this.watched.values()) {
      const at = entry.origin + (entry.polls >= POLL_AT_MINUTES.length ? GIVE_UP_AFTER_MINUTES : (POLL_AT_MINUTES[entry.polls] ?? GIVE_UP_AFTER_MINUTES)) * 60_000
      next = Math.min(next ?? Infinity, Math.max(0, at - now))
    }
    return next
  }

  stop(): void {
    if (this.timer) clearTimeout(this.timer)
    this.timer = null
  }

  /** Sets the one timer for the next due poll (after a follow-up round, say). */
  arm(): void {
    this.stop()
    const next = this.nextInMs()
    if (next === null) return
    this.timer = setTimeout(() => {
      this.timer = null
      this.wake()
    }, next)
    this.timer.unref()
  }
}
