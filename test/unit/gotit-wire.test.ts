import { describe, expect, it } from 'vitest'
import { amountToApply, toCheckedVoucher } from '../../electron/core/providers/gotit/map'
import { RefusalClassifier } from '../../electron/core/providers/gotit/classify'
import type { WireVoucherItem } from '../../electron/core/providers/gotit/wire'
import { silentLogger } from '../../electron/core/log/logger'
import { useTempDirs } from '../helpers/temp-dir'
import { gmt7DateEndToUtc, gmt7DateTimeToUtc, utcToGmt7DateTime } from '../../electron/core/providers/gotit/gmt7'
import { WireResponseSchema } from '../../electron/core/providers/gotit/wire'

describe('Got It wire format', () => {
  const tempDir = useTempDirs()
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

  it('accepts the legacy v4 and early v6 shapes (docs/providers/gotit.md §12)', () => {
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

  it('judges refusals from the voucher state, its fields and the messages, not from return codes it cannot know', () => {
    const today = '2026-11-22'
    const classifier = new RefusalClassifier(tempDir(), silentLogger)
    const say = (return_code: string | null, message_en: string, message_vi: string) => ({ success: false, return_code, message_en, message_vi })
    const of = (response: ReturnType<typeof say>, item?: WireVoucherItem) => classifier.classify(response, item, today)
    expect(of(say('ANYTHING', '', ''), { code: '1000000001', state: 4 })).toEqual({ refusal: 'used', by: 'state' })
    expect(of(say(null, '', ''), { code: '1000000001', state: 1, expiry_date: '2026-11-21' })).toEqual({ refusal: 'expired', by: 'fields' })
    expect(of(say(null, '', ''), { code: '1000000001', state: 11 }).refusal).toBe('reserved_other')
    expect(of(say('X', '', ''), { code: '9999999999', state: null, value: null })).toEqual({ refusal: 'not_found', by: 'fields' })
    expect(of(say('SIM_CONDITION_NOT_MET', '', ''), { code: '1000000001', state: 1, value: 1 })).toEqual({ refusal: 'conditions_not_met', by: 'code_words' })
    expect(of(say('E77', 'Voucher is not valid at this store', ''), { code: '1000000001', state: 1, value: 1 })).toEqual({ refusal: 'not_for_this_store', by: 'message' })
    expect(of(say('E78', '', 'Hóa đơn chưa đủ điều kiện áp dụng'), { code: '1000000001', state: 1, value: 1 }).refusal).toBe('conditions_not_met')
    expect(of(say('E79', 'Wrong PIN', 'Sai mã PIN')).refusal).toBe('invalid_store_pin')
    expect(of(say('SOMETHING_ELSE', 'No', 'Không'), { code: '1000000001', state: 1, value: 1 })).toEqual({ refusal: 'refused', by: 'nothing' })
  })

  it('converts GMT+7 times without an offset to UTC at the edge, and back', () => {
    expect(gmt7DateTimeToUtc('2025-01-10 12:00:00')).toBe('2025-01-10T05:00:00.000Z')
    expect(gmt7DateTimeToUtc('not a date')).toBeNull()
    expect(gmt7DateEndToUtc('2025-12-26')).toBe('2025-12-26T16:59:59.000Z')
    expect(utcToGmt7DateTime(new Date('2025-03-21T03:15:00Z'))).toBe('2025-03-21 10:15:00')
  })
})
