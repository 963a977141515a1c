import type { Logger } from './log/logger'

/**
 * A backstop, not the fix: every request handler answers its own failures, but a promise that
 * fails with nobody listening must not end a till in the middle of a shift (Node's default).
 * It is logged and the till keeps serving. Thrown exceptions still end the process: after one,
 * the state of the program is not known.
 */
export function keepServingOnUnhandledRejections(log: Pick<Logger, 'error'>): void {
  process.on('unhandledRejection', (reason) => {
    log.error('a failure reached no handler; the till carries on', { error: reason instanceof Error ? (reason.stack ?? reason.message) : String(reason) })
  })
}
