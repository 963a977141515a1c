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

/** The policy with the first wait taken from `TILL_PIN_RETRY_DELAY_MS` when it is a sensible number. */
export function pinPolicyFromEnv(env: NodeJS.ProcessEnv): PinPolicy {
  const delay = Number(env['TILL_PIN_RETRY_DELAY_MS'])
  return Number.isInteger(delay) && delay >= 0 && delay <= 3_600_000 ? { ...DEFAULT_PIN_POLICY, baseDelayMs: delay } : DEFAULT_PIN_POLICY
}
