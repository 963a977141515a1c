/**
 * Waits for a condition the test needs, asking again every few milliseconds until a deadline,
 * instead of sleeping for a guessed interval: fast on a quiet machine, still right on a busy one.
 */
export async function until<T>(probe: () => T | Promise<T>, accept: (value: T) => boolean, what: string, timeoutMs = 10_000): Promise<T> {
  const deadline = Date.now() + timeoutMs
  let last: T
  for (;;) {
    last = await probe()
    if (accept(last)) return last
    if (Date.now() > deadline) throw new Error(`Waited ${timeoutMs} ms for ${what}; last seen: ${JSON.stringify(last)?.slice(0, 300)}`)
    await new Promise((resolve) => setTimeout(resolve, 5))
  }
}
