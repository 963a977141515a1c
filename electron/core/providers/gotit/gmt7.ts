/** Got It sends GMT+7 times without an offset; the till stores UTC. */
const OFFSET = '+07:00'

/** `YYYY-MM-DD HH:MM:SS` (GMT+7) to a UTC ISO instant, or null when it does not parse. */
export function gmt7DateTimeToUtc(value: string | null | undefined): string | null {
  if (!value) return null
  const match = /^(\d{4}-\d{2}-\d{2})[ T](\d{2}:\d{2}:\d{2})$/.exec(value.trim())
  if (!match) return null
  const instant = new Date(`${match[1]}T${match[2]}${OFFSET}`)
  return Number.isNaN(instant.getTime()) ? null : instant.toISOString()
}

/** An expiry date (`YYYY-MM-DD`, GMT+7) to the UTC instant it ends: 23:59:59 that day [ASSUMED]. */
export function gmt7DateEndToUtc(value: string | null | undefined): string | null {
  if (!value || !/^\d{4}-\d{2}-\d{2}$/.test(value)) return null
  const instant = new Date(`${value}T23:59:59${OFFSET}`)
  return Number.isNaN(instant.getTime()) ? null : instant.toISOString()
}

/** A UTC instant as Got It's `YYYY-MM-DD HH:MM:SS` in GMT+7. */
export function utcToGmt7DateTime(instant: Date): string {
  return new Date(instant.getTime() + 7 * 3600 * 1000).toISOString().slice(0, 19).replace('T', ' ')
}
