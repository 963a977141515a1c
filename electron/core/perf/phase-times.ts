/**
 * Where a cashier's operation spends its time, phase by phase, for `npm run bench` only. Off, a
 * phase costs one comparison; the bench turns it on around the operations it times, so that the
 * README can say which part of a redemption costs what, measured in the same run as its floor.
 */
export type Phase =
  /** Got It's check asked and answered (one round trip and the provider's work). */
  | 'check_ask'
  /** The check's answer stored (a light commit). */
  | 'check_store'
  /** The claim written and made durable before the request leaves. */
  | 'claim'
  /** The operation sent and answered (one round trip and the provider's work). */
  | 'send'
  /** The outcome settled (a light commit). */
  | 'settle'
  /** The settled row told to whoever listens (events, the operation's own follow-up). */
  | 'tell'
  /** The cashier's answer read back from the till's records. */
  | 'answer'

let times: Map<Phase, number[]> | null = null

/** A phase's start, or 0 when nobody measures. */
export function phaseStart(): number {
  return times ? performance.now() : 0
}

export function phaseEnd(phase: Phase, started: number): void {
  if (!times) return
  let list = times.get(phase)
  if (!list) times.set(phase, (list = []))
  list.push(performance.now() - started)
}

/** Starts measuring; the function returned stops and hands over each phase's times in ms. */
export function measurePhases(): () => Map<Phase, number[]> {
  const measuring = new Map<Phase, number[]>()
  times = measuring
  return () => {
    if (times === measuring) times = null
    return measuring
  }
}
