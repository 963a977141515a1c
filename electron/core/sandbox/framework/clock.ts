/**
 * A simulator's clock: real time by default, or pinned and moved by tests (expiry dates,
 * excluded weekdays, reservation timing) without waiting.
 */
export class SimClock {
  private offsetMs = 0
  private frozenAt: number | null = null

  now(): Date {
    return new Date(this.frozenAt ?? Date.now() + this.offsetMs)
  }

  /** Pins the clock at an instant; it stays there until moved or released. */
  set(instant: Date): void {
    this.frozenAt = instant.getTime()
  }

  advance(ms: number): void {
    if (this.frozenAt !== null) this.frozenAt += ms
    else this.offsetMs += ms
  }

  /** Back to real time. */
  release(): void {
    this.frozenAt = null
    this.offsetMs = 0
  }

  describe(): { now: string; frozen: boolean } {
    return { now: this.now().toISOString(), frozen: this.frozenAt !== null }
  }
}
