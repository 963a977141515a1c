/**
 * Named moments where the crash-safety tests kill the till (SIGKILL) to prove that nothing is
 * lost or doubled. Active only when TILL_CRASH_TEST=1 and TILL_CRASH_AT names the point.
 */
export type CrashPoint = 'after-journal-write' | 'after-provider-answer'

const armed = process.env['TILL_CRASH_TEST'] === '1' ? process.env['TILL_CRASH_AT'] : undefined

export function crashPoint(point: CrashPoint): void {
  if (armed === point) process.kill(process.pid, 'SIGKILL')
}
