import type { ErrorReason } from '../../../../shared/ipc/contract'
import { TillError } from '../../../../shared/errors'
import type { Brand, SellInput } from '../../../../shared/domain/giftcards'

const rupees = (paise: number) => (paise / 100).toFixed(2)

function refuse(reason: ErrorReason, message: string, params: Record<string, string | number> = {}): never {
  throw new TillError('invalid_input', message, { params: { reason, ...params } })
}

/**
 * Every amount rule of the brand, checked before anything is sent, each with its own sentence:
 * denominations, voucher range, vouchers per order and per denomination, order range.
 */
export function checkSale(brand: Brand, input: SellInput): number {
  const r = brand.rules
  const lines = input.lines
  const count = lines.reduce((sum, l) => sum + l.quantity, 0)
  const total = lines.reduce((sum, l) => sum + l.denomination * l.quantity, 0)
  if (new Set(lines.map((l) => l.denomination)).size !== lines.length) refuse('gift_duplicate_denomination', 'Each amount appears once; change its quantity instead.')
  if (brand.denominationType === 'FIXED') {
    const allowed = (r.denominations ?? []).map((d) => d.amount)
    const wrong = lines.find((l) => !allowed.includes(l.denomination))
    if (wrong) refuse('gift_denomination', `${brand.title} sells only these amounts: ${allowed.map(rupees).join(', ')} ₹.`, { brand: brand.title, amounts: allowed.map(rupees).join(', ') })
  }
  const below = r.minVoucher && lines.find((l) => l.denomination < (r.minVoucher?.amount ?? 0))
  const above = r.maxVoucher && lines.find((l) => l.denomination > (r.maxVoucher?.amount ?? Infinity))
  if ((below || above) && r.minVoucher && r.maxVoucher) {
    refuse('gift_voucher_range', `A ${brand.title} card is from ${rupees(r.minVoucher.amount)} to ${rupees(r.maxVoucher.amount)} ₹.`, {
      brand: brand.title,
      min: rupees(r.minVoucher.amount),
      max: rupees(r.maxVoucher.amount)
    })
  }
  if (r.maxDenominationsPerOrder !== null && lines.length > r.maxDenominationsPerOrder) {
    refuse('gift_denominations_per_order', `One ${brand.title} order takes at most ${r.maxDenominationsPerOrder} different amounts.`, { brand: brand.title, max: r.maxDenominationsPerOrder })
  }
  if (r.maxVouchersPerDenomination !== null && lines.some((l) => l.quantity > (r.maxVouchersPerDenomination ?? Infinity))) {
    refuse('gift_per_denomination', `One ${brand.title} order takes at most ${r.maxVouchersPerDenomination} cards of one amount.`, { brand: brand.title, max: r.maxVouchersPerDenomination })
  }
  if (r.maxVouchersPerOrder !== null && count > r.maxVouchersPerOrder) {
    refuse('gift_per_order', `One ${brand.title} order takes at most ${r.maxVouchersPerOrder} cards.`, { brand: brand.title, max: r.maxVouchersPerOrder })
  }
  if (r.minOrder && total < r.minOrder.amount) refuse('gift_order_min', `A ${brand.title} order is at least ${rupees(r.minOrder.amount)} ₹.`, { brand: brand.title, min: rupees(r.minOrder.amount) })
  if (r.maxOrder && total > r.maxOrder.amount) refuse('gift_order_max', `A ${brand.title} order is at most ${rupees(r.maxOrder.amount)} ₹.`, { brand: brand.title, max: rupees(r.maxOrder.amount) })
  return total
}
