import type { Language } from './domain/preferences'

const locales: Record<Language, string> = { en: 'en-GB', vi: 'vi-VN' }

/** Shows a stored UTC instant in the store's zone, in the cashier's language. */
export function formatInstant(isoUtc: string, timeZone: string, language: Language): string {
  return new Intl.DateTimeFormat(locales[language], {
    timeZone,
    dateStyle: 'short',
    timeStyle: 'medium'
  }).format(new Date(isoUtc))
}

/** The calendar day of a UTC instant in the store's zone. */
export function formatDay(isoUtc: string, timeZone: string, language: Language): string {
  return new Intl.DateTimeFormat(locales[language], { timeZone, dateStyle: 'medium' }).format(new Date(isoUtc))
}

/** The UTC instant a local wall-clock hour of a day starts at in a time zone (DST-safe: the offset is asked of the zone twice). */
function localStart(day: string, hour: number, timeZone: string): number {
  const offsetAt = (utcMs: number): number => {
    const parts = new Intl.DateTimeFormat('en-US', {
      timeZone,
      hourCycle: 'h23',
      year: 'numeric',
      month: '2-digit',
      day: '2-digit',
      hour: '2-digit',
      minute: '2-digit',
      second: '2-digit'
    }).formatToParts(new Date(utcMs))
    const get = (type: string) => Number(parts.find((p) => p.type === type)?.value ?? 0)
    return Date.UTC(get('year'), get('month') - 1, get('day'), get('hour'), get('minute'), get('second')) - utcMs
  }
  const wallUtc = Date.parse(`${day}T00:00:00Z`) + hour * 3_600_000
  return wallUtc - offsetAt(wallUtc - offsetAt(wallUtc))
}

function nextDay(day: string, days = 1): string {
  return new Date(Date.parse(`${day}T00:00:00Z`) + days * 86_400_000).toISOString().slice(0, 10)
}

/** The UTC instants a calendar day of a time zone starts and ends at (the end excluded). */
export function dayBounds(day: string, timeZone: string): { from: string; to: string } {
  return { from: new Date(localStart(day, 0, timeZone)).toISOString(), to: new Date(localStart(nextDay(day), 0, timeZone)).toISOString() }
}

/** Where each local hour 0–23 of a day starts, in UTC, and where the day ends: 25 instants. */
export function hourStarts(day: string, timeZone: string): string[] {
  const starts = Array.from({ length: 24 }, (_, hour) => new Date(localStart(day, hour, timeZone)).toISOString())
  return [...starts, dayBounds(day, timeZone).to]
}

/** The day a number of days before or after another (`-7`: the same weekday last week). */
export function shiftDay(day: string, days: number): string {
  return nextDay(day, days)
}

/** Today in a time zone, as YYYY-MM-DD. */
export function dayIn(instant: Date, timeZone: string): string {
  return new Intl.DateTimeFormat('en-CA', { timeZone, year: 'numeric', month: '2-digit', day: '2-digit' }).format(instant)
}
