export interface PinPolicy {
  /** Wrong PINs allowed before the till makes people wait. */
  freeAttempts: number
  /** Wrong PINs in a row that lock the account until a manager unlocks it. */
  maxAttempts: number
  /** The first wait; each further wrong PIN doubles it. */
  baseDelayMs: number
}

export const DEFAULT_PIN_POLICY: PinPolicy = { freeAttempts: 3, maxAttempts: 5, baseDelayMs: 1000 }

/** How long after the last wrong PIN the next attempt is allowed, given the failures so far. */
export function retryDelayMs(policy: PinPolicy, failures: number): number {
  if (failures < policy.freeAttempts) return 0
  return policy.baseDelayMs * 2 ** (failures - policy.freeAttempts)
}

export function shouldLock(policy: PinPolicy, failures: number): boolean {
  return failures >= policy.maxAttempts
}
