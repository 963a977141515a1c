import type { ProviderModule } from '../module'
import { settingsOnlyRuntime } from '../settings-only'

/** Juspay payments (India). Settings only so far: order status, refunds and mandates come with their own work. */
export const juspayModule: ProviderModule = {
  id: 'juspay',
  name: 'Juspay',
  settings: {
    fields: [
      { key: 'merchantId', label: 'merchant id', secret: false, env: 'TILL_JUSPAY_MERCHANT_ID', required: true },
      { key: 'apiKey', label: 'API key', secret: true, env: 'TILL_JUSPAY_API_KEY', required: true }
    ],
    baseUrls: { sandbox: 'https://sandbox.juspay.in', production: 'https://api.juspay.in' }
  },
  create: settingsOnlyRuntime
}
