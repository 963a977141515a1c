import type { Brand } from '../../../../shared/domain/giftcards'
import { decimalToMinor, inr, type Money } from '../../../../shared/money'
import type { WireBrand } from './wire'

/** Rupees from Hubble as paise, or null when absent or not an amount. */
export function paiseOf(value: number | string | null | undefined): number | null {
  return value === null || value === undefined ? null : decimalToMinor(value)
}

function money(value: number | string | null | undefined): Money | null {
  const paise = paiseOf(value)
  return paise === null ? null : inr(paise)
}

/** A catalogue entry as the till keeps it; null for one it cannot use (unknown denomination type). */
export function toBrand(wire: WireBrand, syncedAt: string): Brand | null {
  const type = wire.denominationType.toUpperCase()
  if (type !== 'FIXED' && type !== 'FLEXIBLE') return null
  const r = wire.amountRestrictions ?? {}
  const denominations = r.denominations ? r.denominations.map((d) => money(d)).filter((m): m is Money => m !== null) : null
  return {
    id: wire.id,
    title: wire.title,
    categories: wire.category ?? wire.categories ?? [],
    denominationType: type,
    rules: {
      minOrder: money(r.minOrderAmount ?? r.minAmount),
      maxOrder: money(r.maxOrderAmount ?? r.maxAmount),
      minVoucher: money(r.minVoucherAmount),
      maxVoucher: money(r.maxVoucherAmount),
      maxVouchersPerOrder: r.maxVouchersPerOrder ?? null,
      maxVouchersPerDenomination: r.maxVouchersPerDenomination ?? null,
      maxDenominationsPerOrder: r.maxDenominationsPerOrder ?? null,
      denominations: type === 'FIXED' ? denominations : null
    },
    syncedAt
  }
}

/** The last four characters of a card number, all a list or a log may show. */
export function last4(value: string | null | undefined): string {
  return value ? value.slice(-4) : ''
}
