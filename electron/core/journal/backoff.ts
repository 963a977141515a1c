export interface BackoffPolicy {
  baseMs: number
  capMs: number
}

export const DEFAULT_BACKOFF: BackoffPolicy = { baseMs: 1000, capMs: 5 * 60_000 }

/** Exponential with "equal jitter": half fixed, half random, so tills do not retry in lockstep. */
export function backoffDelayMs(policy: BackoffPolicy, attempts: number, random: () => number = Math.random): number {
  const exponential = Math.min(policy.capMs, policy.baseMs * 2 ** Math.max(0, attempts - 1))
  return Math.round(exponential / 2 + (exponential / 2) * random())
}
