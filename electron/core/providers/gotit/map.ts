import type { CheckedVoucher, VoucherProblem, VoucherStateName } from '../../../../shared/domain/redeem'
import { vnd } from '../../../../shared/money'
import { gmt7DateEndToUtc, gmt7DateTimeToUtc } from './gmt7'
import type { WireResponse, WireVoucherItem } from './wire'

const stateNames: Record<number, VoucherStateName> = {
  0: 'inactive',
  1: 'new',
  2: 'sent',
  3: 'opened',
  4: 'used',
  5: 'downloaded',
  8: 'expired',
  9: 'cancelled',
  10: 'split',
  11: 'reserved'
}

export function stateName(state: number | null | undefined): VoucherStateName | null {
  if (state === null || state === undefined) return null
  return stateNames[state] ?? 'unknown'
}

/** The face value, from the v6 field or the legacy nested product. */
export function faceValue(item: WireVoucherItem): number | null {
  return item.value ?? item.product?.value ?? null
}

export function redemptionValue(item: WireVoucherItem): number | null {
  return item.redemptions?.redemption_value ?? item.redeem_sku?.sku_redemption_value ?? null
}

/** The POS rule seen in real integrations: the redemption value when above 0, else the face value. */
export function amountToApply(item: WireVoucherItem): number | null {
  const redeemed = redemptionValue(item)
  if (redeemed !== null && redeemed > 0) return redeemed
  return faceValue(item)
}

export function usedBillNumber(item: WireVoucherItem): string | null {
  return item.redemptions?.bill_number ?? item.bill_number ?? null
}

export function toCheckedVoucher(item: WireVoucherItem, problem: VoucherProblem | null, message: WireResponse | null): CheckedVoucher {
  const value = faceValue(item)
  const apply = amountToApply(item)
  const c = item.conditions
  const usedStore = item.redemptions?.used_store ?? item.used_store
  const usedAt = gmt7DateTimeToUtc(item.redemptions?.used_date ?? item.used_date)
  const isUsedOrReserved = item.state === 4 || item.state === 11
  const skus = c?.redeemable_skus ?? item.redeemable_skus ?? []
  return {
    code: item.code,
    problem,
    state: stateName(item.state),
    value: value === null ? null : vnd(value),
    amountToApply: problem === null && apply !== null ? vnd(apply) : null,
    voucherType: item.voucher_type ?? null,
    expiryDate: item.expiry_date ?? null,
    expiresAt: gmt7DateEndToUtc(item.expiry_date),
    conditions:
      c || skus.length > 0
        ? {
            redeemableSkus: skus,
            minimumBill: c?.order_value === null || c?.order_value === undefined ? null : vnd(c.order_value),
            startDate: c?.start_date ?? null,
            excludedDates: c?.exclude_specific_date ?? [],
            excludedWeekdays: c?.exclude_recurring_day ?? []
          }
        : null,
    used: isUsedOrReserved
      ? {
          at: usedAt,
          storeName: usedStore ? { en: usedStore.name_en ?? usedStore.name_vi ?? '', vi: usedStore.name_vi ?? usedStore.name_en ?? '' } : null,
          billNumber: usedBillNumber(item)
        }
      : null,
    checked: true,
    providerMessage: message ? { en: message.message_en ?? '', vi: message.message_vi ?? '', code: message.return_code ?? null } : null
  }
}
