import { z } from 'zod'
import type { Language } from './domain/preferences'

export const CurrencySchema = z.enum(['VND', 'INR', 'NOK', 'DKK'])
export type Currency = z.infer<typeof CurrencySchema>

/** Digits after the decimal point in each currency's minor unit. */
export const minorDigits: Record<Currency, number> = { VND: 0, INR: 2, NOK: 2, DKK: 2 }

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
  return new Intl.NumberFormat(locales[language], { style: 'currency', currency: money.currency, minimumFractionDigits: digits, maximumFractionDigits: digits }).format(
    money.amount / 10 ** digits
  )
}
