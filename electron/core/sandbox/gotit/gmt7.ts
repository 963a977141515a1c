/** Got It speaks GMT+7 without an offset (Asia/Ho_Chi_Minh has no daylight saving). */
const OFFSET_MS = 7 * 3600 * 1000
const WEEKDAYS = ['Sunday', 'Monday', 'Tuesday', 'Wednesday', 'Thursday', 'Friday', 'Saturday']

function shifted(instant: Date): Date {
  return new Date(instant.getTime() + OFFSET_MS)
}

/** `YYYY-MM-DD` in GMT+7. */
export function gmt7Date(instant: Date): string {
  return shifted(instant).toISOString().slice(0, 10)
}

/** `YYYY-MM-DD HH:MM:SS` in GMT+7. */
export function gmt7DateTime(instant: Date): string {
  return shifted(instant).toISOString().slice(0, 19).replace('T', ' ')
}

/** `yyyyMMddHHmmss` in GMT+7, as in transaction ids. */
export function gmt7Compact(instant: Date): string {
  return gmt7DateTime(instant).replace(/[-: ]/g, '')
}

export function gmt7Weekday(instant: Date): string {
  return WEEKDAYS[shifted(instant).getUTCDay()] ?? 'Sunday'
}
