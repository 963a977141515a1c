/** Seeded, deterministic Got It data: merchants, their stores (by PIN) and named vouchers. */

export interface SimMerchant {
  id: string
  name: string
  /** Mark use without `skip_reserved_when_mark_used` needs a reservation first. */
  requireReserve: boolean
}

export interface SimStore {
  id: number
  merchantId: string
  pin: string
  nameVi: string
  nameEn: string
  active: boolean
}

export interface SimConditions {
  start_date?: string
  exclude_specific_date?: string[]
  exclude_recurring_day?: string[]
  order_value?: number | null
  redeemable_skus?: string[]
}

export interface SkuLine {
  sku: string
  quantity: number
  price: number
}

export interface SimVoucher {
  code: string
  value: number | null
  productId: number | null
  state: number
  voucherType: 'standard' | 'conditional'
  expiryDate: string
  cancelDate: string
  conditions?: SimConditions
  /** Merchants whose stores may redeem it. */
  merchantIds: string[]
  reservation?: { billNumber: string; storeId: number; previousState: number; redemptionValue: number; skus: SkuLine[] }
  use?: { billNumber: string; storeId: number; usedDate: string; redemptionValue: number; skus: SkuLine[]; transactionId: string }
}

export const MERCHANT_A = 'merchant-a'
export const MERCHANT_B = 'merchant-b'

export function seedMerchants(): SimMerchant[] {
  return [
    { id: MERCHANT_A, name: 'Highlands Test Coffee', requireReserve: true },
    { id: MERCHANT_B, name: 'Other Brand', requireReserve: true }
  ]
}

export function seedStores(): SimStore[] {
  return [
    { id: 2978, merchantId: MERCHANT_A, pin: '1212', nameVi: 'Cửa hàng Quận 1', nameEn: 'Store District 1', active: true },
    { id: 2979, merchantId: MERCHANT_A, pin: '3434', nameVi: 'Cửa hàng Quận 3', nameEn: 'Store District 3', active: true },
    { id: 3100, merchantId: MERCHANT_B, pin: '5656', nameVi: 'Cửa hàng khác', nameEn: 'Other brand store', active: true },
    { id: 3101, merchantId: MERCHANT_B, pin: '7878', nameVi: 'Cửa hàng đã đóng', nameEn: 'Closed store', active: false }
  ]
}

/** The store PIN the till uses in training mode. */
export const TRAINING_PIN = '1212'

const FAR = '2099-12-31'

function voucher(code: string, fields: Partial<SimVoucher> = {}): SimVoucher {
  return {
    code,
    value: 100000,
    productId: 12345,
    state: 1,
    voucherType: 'standard',
    expiryDate: FAR,
    cancelDate: '',
    merchantIds: [MERCHANT_A],
    ...fields
  }
}

/** One voucher per interesting state; the names are what `npm run sandbox` and the Redeem screen show. */
export const namedVoucherCodes = {
  new: '1000000001',
  new_200k: '1000000002',
  new_50k: '1000000003',
  leading_zero: '070898022379',
  sent: '1000000012',
  opened: '1000000013',
  downloaded: '1000000015',
  used: '1000000040',
  expired: '1000000080',
  expired_by_date: '1000000081',
  cancelled: '1000000090',
  inactive: '1000000000',
  split: '1000000100',
  reserved_other: '1000000110',
  reserved_other_merchant: '1000000111',
  not_for_this_store: '1000000120',
  conditional: '10000000C1',
  conditional_not_tuesday: '10000000C2'
} as const

export type VoucherName = keyof typeof namedVoucherCodes

export function seedVouchers(stock = 1000): SimVoucher[] {
  const n = namedVoucherCodes
  const named: SimVoucher[] = [
    voucher(n.new),
    voucher(n.new_200k, { value: 200000, productId: 12346 }),
    voucher(n.new_50k, { value: 50000, productId: 12347 }),
    voucher(n.leading_zero),
    voucher(n.sent, { state: 2 }),
    voucher(n.opened, { state: 3 }),
    voucher(n.downloaded, { state: 5 }),
    voucher(n.used, {
      state: 4,
      use: { billNumber: 'POS07-000991', storeId: 2979, usedDate: '2026-11-20 18:02:11', redemptionValue: 100000, skus: [], transactionId: '2979_20261120180211000001' }
    }),
    voucher(n.expired, { state: 8, expiryDate: '2025-06-30' }),
    voucher(n.expired_by_date, { expiryDate: '2025-01-31' }),
    voucher(n.cancelled, { state: 9, cancelDate: '2026-10-01' }),
    voucher(n.inactive, { state: 0 }),
    voucher(n.split, { state: 10 }),
    voucher(n.reserved_other, { state: 11, reservation: { billNumber: 'WEB-7781', storeId: 2979, previousState: 2, redemptionValue: 100000, skus: [] } }),
    voucher(n.reserved_other_merchant, {
      state: 11,
      merchantIds: [MERCHANT_A, MERCHANT_B],
      reservation: { billNumber: 'OB-1', storeId: 3100, previousState: 1, redemptionValue: 100000, skus: [] }
    }),
    voucher(n.not_for_this_store, { merchantIds: [MERCHANT_B] }),
    voucher(n.conditional, {
      voucherType: 'conditional',
      conditions: { start_date: '2025-01-10', exclude_specific_date: [], exclude_recurring_day: [], order_value: 100000, redeemable_skus: ['SKU001', 'SKU003'] }
    }),
    voucher(n.conditional_not_tuesday, {
      voucherType: 'conditional',
      value: 50000,
      conditions: { start_date: '2025-01-10', exclude_specific_date: ['2026-12-25'], exclude_recurring_day: ['Tuesday'], order_value: null, redeemable_skus: ['SKU001'] }
    })
  ]
  // A stock of plain new vouchers for practice and load, from 2000000000 upwards.
  const plenty = Array.from({ length: stock }, (_, i) => voucher(String(2000000000 + i), { value: 10000 * (1 + (i % 10)) }))
  return [...named, ...plenty]
}
