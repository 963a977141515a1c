import { describe, expect, it } from 'vitest'
import { amountToApply, problemOf, toCheckedVoucher } from '../../electron/core/providers/gotit/map'
import { gmt7DateEndToUtc, gmt7DateTimeToUtc, utcToGmt7DateTime } from '../../electron/core/providers/gotit/gmt7'
import { WireResponseSchema } from '../../electron/core/providers/gotit/wire'

describe('Got It wire format', () => {
  it('reads the official v6 shape, keeps codes as strings and ignores unknown fields', () => {
    const parsed = WireResponseSchema.parse({
      success: true,
      return_code: null,
      message_en: 'Valid voucher',
      message_vi: 'Voucher hợp lệ',
      something_new: { nested: true },
      data: [{ code: '070898022379', value: 100000, product_id: 12345, state: 1, voucher_type: 'standard', expiry_date: '2025-12-26', cancel_date: '', brand_new_field: 1 }]
    })
    expect(parsed.data?.[0]?.code).toBe('070898022379')
    expect(parsed).not.toHaveProperty('something_new')
  })

  it('accepts the legacy v4 and early v6 shapes (gotit.md §12)', () => {
    const legacy = WireResponseSchema.parse({
      success: false,
      return_code: 'USED',
      data: [
        {
          code: 7132616187,
          product: { product_name_en: 'Coffee', value: 50000, poscode: 'X1' },
          state: 4,
          used_date: '2025-03-20 18:02:11',
          used_store: { name_vi: 'Cửa hàng Q1', name_en: 'Store D1' },
          bill_number: 'POS07-000991',
          voucher_type: 'redeemable_sku',
          redeem_sku: { sku_redemption_value: 20000 }
        }
      ]
    })
    const item = legacy.data?.[0]
    if (!item) throw new Error('no item')
    expect(item.code).toBe('7132616187')
    expect(amountToApply(item)).toBe(20000)
    const voucher = toCheckedVoucher(item, 'used', legacy)
    expect(voucher).toMatchObject({
      value: { amount: 50000, currency: 'VND' },
      state: 'used',
      used: { at: '2025-03-20T11:02:11.000Z', storeName: { en: 'Store D1', vi: 'Cửa hàng Q1' }, billNumber: 'POS07-000991' }
    })
  })

  it('applies the redemption value when above 0, else the face value', () => {
    expect(amountToApply({ code: 'a', value: 100000, redemptions: { redemption_value: 60000 } })).toBe(60000)
    expect(amountToApply({ code: 'a', value: 100000, redemptions: { redemption_value: 0 } })).toBe(100000)
    expect(amountToApply({ code: 'a', value: 100000 })).toBe(100000)
  })

  it('judges problems from the voucher state, not from return codes it cannot know', () => {
    const today = '2026-11-22'
    expect(problemOf({ code: '1000000001', state: 4 }, 'ANYTHING', today)).toBe('used')
    expect(problemOf({ code: '1000000001', state: 1, expiry_date: '2026-11-21' }, null, today)).toBe('expired')
    expect(problemOf({ code: '1000000001', state: 11 }, null, today)).toBe('reserved_other')
    expect(problemOf({ code: '9999999999', state: null, value: null }, 'X', today)).toBe('not_found')
    expect(problemOf({ code: '1000000001', state: 1, value: 1 }, 'SIM_CONDITION_NOT_MET', today)).toBe('conditions_not_met')
    expect(problemOf({ code: '1000000001', state: 1, value: 1 }, 'SOMETHING_ELSE', today)).toBeNull()
  })

  it('converts GMT+7 times without an offset to UTC at the edge, and back', () => {
    expect(gmt7DateTimeToUtc('2025-01-10 12:00:00')).toBe('2025-01-10T05:00:00.000Z')
    expect(gmt7DateTimeToUtc('not a date')).toBeNull()
    expect(gmt7DateEndToUtc('2025-12-26')).toBe('2025-12-26T16:59:59.000Z')
    expect(utcToGmt7DateTime(new Date('2025-03-21T03:15:00Z'))).toBe('2025-03-21 10:15:00')
  })
})
