import { juspayFeature } from '../channels/juspay'
import { defineProvider, timeoutField } from './manifest'

/** The `version` header the till is written against (docs/providers/juspay.md §3: pin one date, never change it silently). */
export const DEFAULT_API_VERSION = '2023-06-30'
/** Where a mandate debit's status is read: the order it made, like any order. */
export const DEFAULT_EXECUTION_PATH = '/orders/{order_id}'
/** The largest refund a cashier makes without a manager [ASSUMED], in rupees. */
export const DEFAULT_CASHIER_REFUND_LIMIT_RUPEES = '2000'

/** Juspay (India, INR): payments looked up, refunded, and a customer's mandates listed and revoked. */
export const juspayManifest = defineProvider({
  id: 'juspay',
  name: 'Juspay',
  names: { en: 'Juspay', vi: 'Juspay' },
  screen: { id: 'payments', title: { en: 'Payments', vi: 'Thanh toán' } },
  feature: juspayFeature,
  historyKinds: ['refund', 'mandate_revoke'],
  auditActions: ['refund_requested', 'mandate_revoke_requested'],
  settings: {
    fields: [
      { key: 'merchantId', label: 'merchant id', secret: false, env: 'TILL_JUSPAY_MERCHANT_ID', required: true },
      { key: 'apiKey', label: 'API key', secret: true, env: 'TILL_JUSPAY_API_KEY', required: true },
      timeoutField('TILL_JUSPAY_TIMEOUT_MS'),
      {
        key: 'apiVersion',
        label: 'API version (the version header)',
        secret: false,
        env: 'TILL_JUSPAY_API_VERSION',
        required: false,
        defaultValue: DEFAULT_API_VERSION,
        pattern: { regex: /^\d{4}-\d{2}-\d{2}$/, message: 'The API version is a date, such as 2023-06-30' }
      },
      {
        key: 'cashierRefundLimitRupees',
        label: 'largest refund a cashier makes without a manager (₹)',
        secret: false,
        env: 'TILL_JUSPAY_CASHIER_REFUND_LIMIT',
        required: false,
        defaultValue: DEFAULT_CASHIER_REFUND_LIMIT_RUPEES,
        pattern: { regex: /^\d{1,9}$/, message: 'The cashier’s refund limit is a whole number of rupees' }
      },
      {
        key: 'executionPath',
        label: 'path of a mandate debit’s status ({order_id} is replaced)',
        secret: false,
        env: 'TILL_JUSPAY_EXECUTION_PATH',
        required: false,
        defaultValue: DEFAULT_EXECUTION_PATH,
        pattern: { regex: /^\/[A-Za-z0-9_\-/]*\{order_id\}[A-Za-z0-9_\-/]*$/, message: 'The path starts with / and contains {order_id}' }
      },
      { key: 'webhookUsername', label: 'webhook user name (set in Juspay’s dashboard)', secret: false, env: 'TILL_JUSPAY_WEBHOOK_USER', required: false },
      { key: 'webhookPassword', label: 'webhook password (set in Juspay’s dashboard)', secret: true, env: 'TILL_JUSPAY_WEBHOOK_PASSWORD', required: false }
    ],
    baseUrls: { sandbox: 'https://sandbox.juspay.in', production: 'https://api.juspay.in' }
  },
  linkHosts: ['docs.juspay.io', 'juspay.io', 'portal.juspay.in']
})
