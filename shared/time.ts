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
