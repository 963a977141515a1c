import { describe, expect, it } from 'vitest'
import { buildLine, lineGross, receiptProblems, receiptTotal, vatInside } from '../../shared/domain/receipt-lines'
import type { Receipt } from '../../shared/domain/receipts'

const draft = { name: 'Coffee mug', id: 'SKU-2002', quantity: '2', unitPrice: 10000, discount: 0, taxRate: 2500, isReturn: false, isShipping: false }

describe('receipt lines as Vipps MobilePay takes them', () => {
  it('builds a line from what the cashier types: total after discount, VAT inside it at the line’s rate', () => {
    expect(buildLine(draft)).toEqual({
      name: 'Coffee mug',
      id: 'SKU-2002',
      totalAmount: 20000,
      totalAmountExcludingTax: 16000,
      totalTaxAmount: 4000,
      taxRate: 2500,
      unitInfo: { unitPrice: 10000, quantity: '2', quantityUnit: 'PCS' }
    })
    expect(buildLine({ ...draft, quantity: '1', unitPrice: 12500, discount: 500, taxRate: 1500, isReturn: true })).toMatchObject({
      totalAmount: 12000,
      totalTaxAmount: 1565,
      totalAmountExcludingTax: 10435,
      discount: 500,
      isReturn: true
    })
  })

  it('multiplies decimal quantities in integers, rounding half away from zero, and refuses what is not a quantity', () => {
    expect(lineGross(4990, '0.822')).toBe(4102) // 4101.78
    expect(lineGross(3, '0.5')).toBe(2) // 1.5 rounds up
    expect(lineGross(12_345_678, '3.33333333')).toBe(41_152_260) // 41152259.9588…, with no binary fraction on the way
    expect(lineGross(100, '1,5')).toBeNull()
    expect(lineGross(100, '1.123456789')).toBeNull()
    expect(lineGross(Number.NaN, '1')).toBeNull()
    expect(buildLine({ ...draft, discount: Number.NaN })).toBeNull()
    expect(vatInside(12500, 0)).toBe(0)
  })

  it('names every arithmetic problem of a receipt a script sent, line by line', () => {
    const good = buildLine(draft)
    if (!good) throw new Error('no line')
    const receipt: Receipt = {
      orderLines: [
        good,
        { ...good, totalAmount: 999 },
        { ...good, totalTaxAmount: 100, totalAmountExcludingTax: 19900 },
        { ...good, discount: 30000 },
        { ...good, totalAmount: 15000, totalAmountExcludingTax: 12000, totalTaxAmount: 3000 }
      ],
      bottomLine: { currency: 'NOK', paymentSources: { card: 100 } }
    }
    expect(receiptProblems(receipt).map((p) => [p.reason, 'line' in p ? p.line : null])).toEqual([
      ['vipps_line_sum', 2],
      ['vipps_line_vat', 2],
      ['vipps_line_unit_price', 2],
      ['vipps_line_vat', 3],
      ['vipps_line_discount', 4],
      ['vipps_line_unit_price', 5],
      ['vipps_paid_mismatch', null]
    ])
  })

  it('counts returns negative and the tip in the total, and accepts payments that match it', () => {
    const sale = buildLine(draft)
    const back = buildLine({ ...draft, quantity: '1', isReturn: true })
    if (!sale || !back) throw new Error('no line')
    const receipt: Receipt = { orderLines: [sale, back], bottomLine: { currency: 'NOK', tipAmount: 500, paymentSources: { voucher: 5000, card: 5500 } } }
    expect(receiptTotal(receipt)).toEqual({ total: 10500, vat: 2000 })
    expect(receiptProblems(receipt)).toEqual([])
  })
})
