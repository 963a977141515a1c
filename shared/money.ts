import { z } from 'zod'
import type { Language } from './domain/preferences'

export const CurrencySchema = z.enum(['VND', 'INR', 'NOK', 'DKK', 'EUR'])
export type Currency = z.infer<typeof CurrencySchema>

/** Digits after the decimal point in each currency's minor unit. */
export const minorDigits: Record<Currency, number> = { VND: 0, INR: 2, NOK: 2, DKK: 2, EUR: 2 }

/** Money is an integer count of minor units with its currency; never a float. */
export const MoneySchema = z.object({ amount: z.number().int(), currency: CurrencySchema })
export type Money = z.infer<typeof MoneySchema>

export function vnd(amount: number): Money {
  return { amount, currency: 'VND' }
}

export function sumMoney(currency: Currency, amounts: readonly Money[]): Money {
  return { amount: amounts.reduce((total, m) => total + m.amount, 0), currency }
}

const locales: Record<Language, string> = { en: 'en-GB', vi: 'vi-VN' }

export function formatMoney(money: Money, language: Language): string {
  const digits = minorDigits[money.currency]
  return new Intl.NumberFormat(locales[language], { style: 'currency', currency: money.currency, minimumFractionDigits: digits, maximumFractionDigits: digits }).format(money.amount / 10 ** digits)
}

export function inr(paise: number): Money {
  return { amount: paise, currency: 'INR' }
}

/**
 * A decimal amount as a provider writes it (`1000.5`, `"500"`, `"1000.50"`) in minor units,
 * read digit by digit so no binary fraction ever enters the sum. Null when it is not an amount.
 */
export function decimalToMinor(value: number | string, digits = 2): number | null {
  const text = typeof value === 'number' ? (Number.isFinite(value) ? String(value) : '') : value.trim()
  const match = /^(-?)(\d+)(?:\.(\d+))?$/.exec(text)
  if (!match) return null
  const fraction = (match[3] ?? '').padEnd(digits, '0')
  if (fraction.length > digits && /[1-9]/.test(fraction.slice(digits))) return null
  const minor = Number(match[2]) * 10 ** digits + Number(fraction.slice(0, digits) || '0')
  return match[1] === '-' ? -minor : minor
}

/** Minor units as the decimal number a provider's JSON or form expects (`100050` → `1000.5`). */
export function minorToDecimal(minor: number, digits = 2): number {
  const sign = minor < 0 ? '-' : ''
  const abs = Math.abs(minor)
  const whole = Math.trunc(abs / 10 ** digits)
  const fraction = String(abs % 10 ** digits).padStart(digits, '0')
  return Number(`${sign}${whole}.${fraction}`)
}
