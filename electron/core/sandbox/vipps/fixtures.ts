/** Credentials of the training simulator (Vipps's own are GUID-like strings from its portal). */
export const VIPPS_CLIENT_ID = 'b0f6d0a8-2f0e-4c43-9e1f-7a1c5c0e0a11'
export const VIPPS_CLIENT_SECRET = 'training-client-secret'
export const VIPPS_SUBSCRIPTION_KEY = 'training-subscription-key'
export const VIPPS_MSN = '123456'
export const OTHER_MSN = '654321'

export interface SeededOrder {
  paymentType: 'ECOM' | 'RECURRING'
  orderId: string
  category?: unknown
  receipt?: unknown
}

const line = (name: string, id: string, total: number, rate = 2500) => ({
  name,
  id,
  totalAmount: total,
  totalAmountExcludingTax: Math.round((total * 10000) / (10000 + rate)),
  totalTaxAmount: total - Math.round((total * 10000) / (10000 + rate)),
  taxRate: rate,
  unitInfo: { unitPrice: total, quantity: '1', quantityUnit: 'PCS' }
})

/** Payments to look up and attach to in training: without anything, with a receipt, with a category, and one of another sales unit. */
export function seedOrders(): { msn: string; order: SeededOrder }[] {
  return [
    { msn: VIPPS_MSN, order: { paymentType: 'ECOM', orderId: 'training-no-receipt-1' } },
    {
      msn: VIPPS_MSN,
      order: {
        paymentType: 'ECOM',
        orderId: 'training-with-receipt-1',
        receipt: {
          orderLines: [line('Coffee beans', 'SKU-1001', 12500, 1500), line('Coffee mug', 'SKU-2002', 20000)],
          bottomLine: { currency: 'NOK', posId: 'till-1', receiptNumber: '000101', paymentSources: { card: 32500 } }
        },
        category: { category: 'RECEIPT', orderDetailsUrl: 'https://shop.example.com/receipts/000101', imageId: null }
      }
    },
    {
      msn: VIPPS_MSN,
      order: { paymentType: 'RECURRING', orderId: 'training-recurring-1', category: { category: 'GENERAL', orderDetailsUrl: 'https://shop.example.com/subscriptions/1', imageId: null } }
    },
    { msn: OTHER_MSN, order: { paymentType: 'ECOM', orderId: 'other-unit-1', receipt: { orderLines: [line('Tea', 'SKU-9', 5000)], bottomLine: { currency: 'DKK' } } } }
  ]
}
