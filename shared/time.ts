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

/** The UTC instants a calendar day of a time zone starts and ends at (the end excluded). */
export function dayBounds(day: string, timeZone: string): { from: string; to: string } {
  const offsetAt = (utcMs: number): number => {
    const parts = new Intl.DateTimeFormat('en-US', { timeZone, hourCycle: 'h23', year: 'numeric', month: '2-digit', day: '2-digit', hour: '2-digit', minute: '2-digit', second: '2-digit' }).formatToParts(new Date(utcMs))
    const get = (type: string) => Number(parts.find((p) => p.type === type)?.value ?? 0)
    return Date.UTC(get('year'), get('month') - 1, get('day'), get('hour'), get('minute'), get('second')) - utcMs
  }
  const startOf = (isoDay: string): number => {
    const midnightUtc = Date.parse(`${isoDay}T00:00:00Z`)
    return midnightUtc - offsetAt(midnightUtc - offsetAt(midnightUtc))
  }
  const next = new Date(Date.parse(`${day}T00:00:00Z`) + 86_400_000).toISOString().slice(0, 10)
  return { from: new Date(startOf(day)).toISOString(), to: new Date(startOf(next)).toISOString() }
}
