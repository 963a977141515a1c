/** Credentials of the training simulator (Juspay's API keys are long hex strings from its dashboard). */
export const JUSPAY_MERCHANT_ID = 'till_training'
export const JUSPAY_API_KEY = 'training-api-key-0f3a9c'
export const JUSPAY_WEBHOOK_USER = 'tillhooks'
export const JUSPAY_WEBHOOK_PASSWORD = 'training-webhook-password'

export type RefundOutcome = 'SUCCESS' | 'FAILURE' | 'MANUAL_REVIEW'

export interface SeedRefund {
  uniqueRequestId: string
  amountPaise: number
  status: 'PENDING' | RefundOutcome
  minutesAgo: number
}

export interface SeedOrder {
  orderId: string
  status: string
  statusId: number
  amountPaise: number
  customerId: string
  method: { type: 'UPI' | 'CARD' | 'WALLET' | 'NB'; name: string; upiId?: string; cardBrand?: string; last4?: string }
  bankError?: { code: string; message: string }
  refunds?: SeedRefund[]
  /** What refunds of this order come to at Juspay (default SUCCESS). */
  refundsEndAs?: RefundOutcome
  lastDateToRefund?: string
  mandateId?: string
  minutesAgo: number
}

export interface SeedMandate {
  mandateId: string
  customerId: string
  status: 'CREATED' | 'ACTIVE' | 'PAUSED' | 'REVOKED' | 'EXPIRED' | 'FAILURE'
  type: 'MANDATE' | 'EMANDATE'
  maxAmountPaise: number
  amountRule: 'FIXED' | 'VARIABLE'
  frequency: string
  /** Days from now (negative: in the past). */
  startInDays: number
  endInDays: number
  paymentMethod: string
}

/** Orders in every status the Payments screen has words for, refunds of each kind, and customers with mandates. */
export function seedOrders(): SeedOrder[] {
  return [
    { orderId: 'JP-CHARGED-UPI', status: 'CHARGED', statusId: 21, amountPaise: 62500, customerId: 'cust_asha', method: { type: 'UPI', name: 'UPI', upiId: 'asha@okaxis' }, minutesAgo: 30 },
    // Above a cashier's refund limit (₹2,000 at first): a refund of it needs a manager's PIN.
    {
      orderId: 'JP-LARGE-CARD',
      status: 'CHARGED',
      statusId: 21,
      amountPaise: 500000,
      customerId: 'cust_asha',
      method: { type: 'CARD', name: 'VISA', cardBrand: 'VISA', last4: '4444' },
      minutesAgo: 20
    },
    // A guest's order: Juspay sends an empty customer id.
    { orderId: 'JP-GUEST-CARD', status: 'CHARGED', statusId: 21, amountPaise: 80000, customerId: '', method: { type: 'CARD', name: 'VISA', cardBrand: 'VISA', last4: '1111' }, minutesAgo: 25 },
    {
      orderId: 'JP-PARTLY-REFUNDED',
      status: 'CHARGED',
      statusId: 21,
      amountPaise: 100000,
      customerId: 'cust_ravi',
      method: { type: 'CARD', name: 'VISA', cardBrand: 'VISA', last4: '4242' },
      refunds: [{ uniqueRequestId: 'RFSEED0001', amountPaise: 20000, status: 'SUCCESS', minutesAgo: 20 }],
      minutesAgo: 90
    },
    {
      orderId: 'JP-FULLY-REFUNDED',
      status: 'CHARGED',
      statusId: 21,
      amountPaise: 30000,
      customerId: 'cust_ravi',
      method: { type: 'WALLET', name: 'PAYTM' },
      refunds: [{ uniqueRequestId: 'RFSEED0002', amountPaise: 30000, status: 'SUCCESS', minutesAgo: 50 }],
      minutesAgo: 120
    },
    {
      orderId: 'JP-PENDING-AUTH',
      status: 'PENDING_VBV',
      statusId: 23,
      amountPaise: 45000,
      customerId: 'cust_asha',
      method: { type: 'CARD', name: 'MASTERCARD', cardBrand: 'MASTERCARD', last4: '5100' },
      minutesAgo: 3
    },
    {
      orderId: 'JP-FAILED',
      status: 'AUTHORIZATION_FAILED',
      statusId: 27,
      amountPaise: 120000,
      customerId: 'cust_asha',
      method: { type: 'CARD', name: 'VISA', cardBrand: 'VISA', last4: '1111' },
      bankError: { code: 'NB51', message: 'Insufficient funds' },
      minutesAgo: 12
    },
    { orderId: 'JP-NEW-1', status: 'NEW', statusId: 10, amountPaise: 99900, customerId: 'cust_asha', method: { type: 'UPI', name: 'UPI' }, minutesAgo: 1 },
    { orderId: 'JP-AUTO-REFUNDED', status: 'AUTO_REFUNDED', statusId: 36, amountPaise: 15000, customerId: 'cust_ravi', method: { type: 'UPI', name: 'UPI', upiId: 'ravi@ybl' }, minutesAgo: 200 },
    { orderId: 'JP-REFUND-FAILS', status: 'CHARGED', statusId: 21, amountPaise: 50000, customerId: 'cust_ravi', method: { type: 'NB', name: 'NB_HDFC' }, refundsEndAs: 'FAILURE', minutesAgo: 60 },
    {
      orderId: 'JP-REFUND-REVIEW',
      status: 'CHARGED',
      statusId: 21,
      amountPaise: 80000,
      customerId: 'cust_ravi',
      method: { type: 'UPI', name: 'UPI', upiId: 'ravi@ybl' },
      refundsEndAs: 'MANUAL_REVIEW',
      minutesAgo: 75
    },
    {
      orderId: 'JP-REFUND-TOO-LATE',
      status: 'CHARGED',
      statusId: 21,
      amountPaise: 25000,
      customerId: 'cust_asha',
      method: { type: 'CARD', name: 'RUPAY', cardBrand: 'RUPAY', last4: '6521' },
      lastDateToRefund: '2025-01-31T18:29:59Z',
      minutesAgo: 60 * 24 * 400
    },
    {
      orderId: 'JP-MANDATE-DEBIT-1',
      status: 'CHARGED',
      statusId: 21,
      amountPaise: 49900,
      customerId: 'cust_asha',
      method: { type: 'UPI', name: 'UPI', upiId: 'asha@okaxis' },
      mandateId: 'MD-ASHA-ACTIVE',
      minutesAgo: 60 * 24 * 2
    }
  ]
}

export function seedMandates(): SeedMandate[] {
  return [
    {
      mandateId: 'MD-ASHA-ACTIVE',
      customerId: 'cust_asha',
      status: 'ACTIVE',
      type: 'EMANDATE',
      maxAmountPaise: 200000,
      amountRule: 'VARIABLE',
      frequency: 'MONTHLY',
      startInDays: -45,
      endInDays: 320,
      paymentMethod: 'UPI'
    },
    {
      mandateId: 'MD-ASHA-PAUSED',
      customerId: 'cust_asha',
      status: 'PAUSED',
      type: 'MANDATE',
      maxAmountPaise: 50000,
      amountRule: 'FIXED',
      frequency: 'WEEKLY',
      startInDays: -20,
      endInDays: 340,
      paymentMethod: 'CARD'
    },
    {
      mandateId: 'MD-ASHA-REVOKED',
      customerId: 'cust_asha',
      status: 'REVOKED',
      type: 'EMANDATE',
      maxAmountPaise: 100000,
      amountRule: 'VARIABLE',
      frequency: 'MONTHLY',
      startInDays: -200,
      endInDays: 165,
      paymentMethod: 'UPI'
    },
    {
      mandateId: 'MD-ASHA-EXPIRED',
      customerId: 'cust_asha',
      status: 'EXPIRED',
      type: 'EMANDATE',
      maxAmountPaise: 30000,
      amountRule: 'FIXED',
      frequency: 'QUARTERLY',
      startInDays: -800,
      endInDays: -35,
      paymentMethod: 'NB'
    },
    {
      mandateId: 'MD-ASHA-FAILED',
      customerId: 'cust_asha',
      status: 'FAILURE',
      type: 'EMANDATE',
      maxAmountPaise: 75000,
      amountRule: 'VARIABLE',
      frequency: 'MONTHLY',
      startInDays: -5,
      endInDays: 360,
      paymentMethod: 'UPI'
    },
    {
      mandateId: 'MD-RAVI-ACTIVE',
      customerId: 'cust_ravi',
      status: 'ACTIVE',
      type: 'MANDATE',
      maxAmountPaise: 99900,
      amountRule: 'FIXED',
      frequency: 'YEARLY',
      startInDays: -100,
      endInDays: 3000,
      paymentMethod: 'CARD'
    }
  ]
}
