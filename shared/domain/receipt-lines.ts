import type { Receipt } from './receipts'

/** One line as a cashier types it: the price of one unit including VAT, how many, a discount on the whole line. */
export interface LineDraft {
  name: string
  id: string
  /** Digits with up to 8 decimals, as Vipps takes it: `2`, `0.822`. */
  quantity: string
  quantityUnit?: 'PCS' | 'KG' | 'KM' | 'MINUTE' | 'LITRE' | 'KWH'
  /** Minor units, VAT included, before the discount. */
  unitPrice: number
  /** Minor units off the whole line. */
  discount: number
  /** Hundredths of a percent (2500 is 25 %). */
  taxRate: number
  isReturn: boolean
  isShipping: boolean
}

export type ReceiptLine = Receipt['orderLines'][number]

const QUANTITY = /^(\d+)(?:\.(\d{1,8}))?$/

/** unitPrice × quantity in whole minor units (half away from zero), in integers only: a quantity may have 8 decimals. */
export function lineGross(unitPrice: number, quantity: string): number | null {
  if (!Number.isSafeInteger(unitPrice) || unitPrice < 0) return null
  const match = QUANTITY.exec(quantity)
  if (!match || quantity.length > 10) return null
  const decimals = match[2] ?? ''
  const scale = 10n ** BigInt(decimals.length)
  const scaled = BigInt(unitPrice) * BigInt(`${match[1]}${decimals}`)
  return Number((scaled * 2n + scale) / (scale * 2n))
}

/** The VAT inside a gross amount: gross × rate ÷ (10000 + rate), rounded to the minor unit. */
export function vatInside(gross: number, taxRate: number): number {
  return Number((BigInt(gross) * BigInt(taxRate) * 2n + BigInt(10000 + taxRate)) / (BigInt(10000 + taxRate) * 2n))
}

/** A line with the totals Vipps wants, or null when its quantity cannot be read. */
export function buildLine(draft: LineDraft): ReceiptLine | null {
  if (!Number.isSafeInteger(draft.discount) || draft.discount < 0 || !Number.isInteger(draft.taxRate)) return null
  const gross = lineGross(draft.unitPrice, draft.quantity)
  if (gross === null) return null
  const total = Math.max(0, gross - draft.discount)
  const tax = vatInside(total, draft.taxRate)
  return {
    name: draft.name.trim(),
    id: draft.id.trim(),
    totalAmount: total,
    totalAmountExcludingTax: total - tax,
    totalTaxAmount: tax,
    taxRate: draft.taxRate,
    unitInfo: { unitPrice: draft.unitPrice, quantity: draft.quantity, quantityUnit: draft.quantityUnit ?? 'PCS' },
    ...(draft.discount > 0 ? { discount: draft.discount } : {}),
    ...(draft.isReturn ? { isReturn: true } : {}),
    ...(draft.isShipping ? { isShipping: true } : {})
  }
}

/** The sum the customer sees: returns count negative, the tip is added. */
export function receiptTotal(receipt: Pick<Receipt, 'orderLines'> & { bottomLine: { tipAmount?: number | undefined } }): { total: number; vat: number } {
  let total = receipt.bottomLine.tipAmount ?? 0
  let vat = 0
  for (const line of receipt.orderLines) {
    const sign = line.isReturn ? -1 : 1
    total += sign * line.totalAmount
    vat += sign * line.totalTaxAmount
  }
  return { total, vat }
}

/** One thing wrong with a receipt, with what a sentence needs; `line` counts from 1. */
export type ReceiptProblem =
  | { reason: 'vipps_line_sum'; line: number; total: number; parts: number }
  | { reason: 'vipps_line_vat'; line: number; vat: number; expected: number }
  | { reason: 'vipps_line_discount'; line: number; discount: number; gross: number }
  | { reason: 'vipps_line_unit_price'; line: number; total: number; expected: number }
  | { reason: 'vipps_paid_mismatch'; paid: number; total: number }

/**
 * What Vipps would not catch but a customer would: a line whose total is not its parts, VAT
 * that is not the line's rate (one minor unit of rounding allowed per line), a discount larger
 * than the line, a total that is not unit price × quantity − discount, and payment sources
 * that do not add up to the receipt. Shapes and limits are the zod schema's job.
 */
export function receiptProblems(receipt: Receipt): ReceiptProblem[] {
  const problems: ReceiptProblem[] = []
  receipt.orderLines.forEach((l, index) => {
    const line = index + 1
    if (l.totalAmount !== l.totalAmountExcludingTax + l.totalTaxAmount) problems.push({ reason: 'vipps_line_sum', line, total: l.totalAmount, parts: l.totalAmountExcludingTax + l.totalTaxAmount })
    const expectedVat = vatInside(l.totalAmount, l.taxRate)
    if (Math.abs(l.totalTaxAmount - expectedVat) > 1) problems.push({ reason: 'vipps_line_vat', line, vat: l.totalTaxAmount, expected: expectedVat })
    if (l.unitInfo) {
      const gross = lineGross(l.unitInfo.unitPrice, l.unitInfo.quantity)
      if (gross !== null && (l.discount ?? 0) > gross) problems.push({ reason: 'vipps_line_discount', line, discount: l.discount ?? 0, gross })
      else if (gross !== null && gross - (l.discount ?? 0) !== l.totalAmount) problems.push({ reason: 'vipps_line_unit_price', line, total: l.totalAmount, expected: gross - (l.discount ?? 0) })
    }
  })
  const sources = receipt.bottomLine.paymentSources
  if (sources) {
    const paid = (sources.card ?? 0) + (sources.cash ?? 0) + (sources.voucher ?? 0) + (sources.giftCard ?? 0)
    const { total } = receiptTotal(receipt)
    // A return receipt sums below zero; what was paid back is still written as positive amounts.
    if (paid !== Math.abs(total)) problems.push({ reason: 'vipps_paid_mismatch', paid, total })
  }
  return problems
}
