/** Wrong credentials an address may send in a row before it has to wait. */
export const FREE_FAILURES = 5
const FIRST_WAIT_MS = 1000
const LONGEST_WAIT_MS = 5 * 60_000
/** An address forgotten this long after its last wrong try starts afresh; the map never grows without bound. */
const FORGET_AFTER_MS = 60 * 60_000
const ADDRESSES_KEPT = 10_000

interface Failures {
  count: number
  /** When the address may try again (monotonic ms). */
  until: number
  last: number
}

/**
 * Slows down whoever guesses a callback's credentials: after FREE_FAILURES wrong tries in a row
 * from one address, each further try must wait, 1 s and doubling to 5 minutes, and is answered
 * 429 with Retry-After before its body is read or its credentials are looked at, so a guesser
 * who finally hits the right one is still told to wait. Ages use a clock that never jumps.
 */
export class CredentialThrottle {
  private readonly failures = new Map<string, Failures>()

  constructor(private readonly clock: () => number = () => performance.now()) {}

  /** How long this address must still wait, in ms; 0 when it may try. */
  waitMs(address: string): number {
    const entry = this.failures.get(address)
    return entry ? Math.max(0, Math.ceil(entry.until - this.clock())) : 0
  }

  failed(address: string): void {
    const now = this.clock()
    const entry = this.failures.get(address) ?? { count: 0, until: 0, last: now }
    entry.count += 1
    entry.last = now
    entry.until = entry.count < FREE_FAILURES ? 0 : now + Math.min(LONGEST_WAIT_MS, FIRST_WAIT_MS * 2 ** (entry.count - FREE_FAILURES))
    this.failures.delete(address)
    this.failures.set(address, entry)
    if (this.failures.size > ADDRESSES_KEPT) this.forget(now)
  }

  succeeded(address: string): void {
    this.failures.delete(address)
  }

  /** Drops addresses quiet for an hour, then the longest quiet ones (the map keeps insertion order, newest last). */
  private forget(now: number): void {
    for (const [address, entry] of this.failures) if (now - entry.last > FORGET_AFTER_MS && entry.until <= now) this.failures.delete(address)
    for (const address of this.failures.keys()) {
      if (this.failures.size <= ADDRESSES_KEPT) break
      this.failures.delete(address)
    }
  }
}

/**
 * Whom a delivery came from: the socket's address, or, when that is the reverse proxy on this
 * computer, the client the proxy names last in X-Forwarded-For (Caddy sets it; nginx with
 * `proxy_set_header X-Forwarded-For $proxy_add_x_forwarded_for`).
 */
export function senderOf(remote: string | null, forwardedFor: string | string[] | undefined): string {
  const socket = remote ?? 'unknown'
  const loopback = socket === '127.0.0.1' || socket === '::1' || socket === '::ffff:127.0.0.1'
  const header = Array.isArray(forwardedFor) ? forwardedFor.join(',') : forwardedFor
  if (!loopback || !header) return socket
  const last = header
    .split(',')
    .map((part) => part.trim())
    .filter((part) => part.length > 0)
    .pop()
  return last && last.length <= 64 ? last : socket
}
