import { vippsFeature } from '../channels/vipps'
import { defineProvider, timeoutField } from './manifest'

/** The VAT rates a receipt line may carry unless the store says otherwise, in hundredths of a percent. */
export const DEFAULT_VAT_RATES = '2500,1500,1200,0'

/** Vipps MobilePay (Nordics): receipts, categories and images attached to payments; a payment looked up. */
export const vippsManifest = defineProvider({
  id: 'vipps',
  name: 'Vipps MobilePay',
  names: { en: 'Vipps MobilePay', vi: 'Vipps MobilePay' },
  screen: { id: 'receipts', title: { en: 'Receipts', vi: 'Biên lai' } },
  feature: vippsFeature,
  historyKinds: ['receipt'],
  auditActions: [],
  settings: {
    fields: [
      { key: 'clientId', label: 'client id', secret: false, env: 'TILL_VIPPS_CLIENT_ID', required: true },
      { key: 'clientSecret', label: 'client secret', secret: true, env: 'TILL_VIPPS_CLIENT_SECRET', required: true },
      { key: 'subscriptionKey', label: 'subscription key', secret: true, env: 'TILL_VIPPS_SUBSCRIPTION_KEY', required: true },
      timeoutField('TILL_VIPPS_TIMEOUT_MS'),
      {
        key: 'merchantSerialNumber',
        label: 'merchant serial number (MSN)',
        secret: false,
        env: 'TILL_VIPPS_MSN',
        required: true,
        pattern: { regex: /^\d{4,6}$/, message: 'The merchant serial number (MSN) is 4 to 6 digits' }
      },
      { key: 'systemName', label: 'system name', secret: false, env: 'TILL_VIPPS_SYSTEM_NAME', required: true, defaultValue: 'till' },
      { key: 'systemVersion', label: 'system version', secret: false, env: 'TILL_VIPPS_SYSTEM_VERSION', required: true, defaultValue: '1.0.0' },
      { key: 'pluginName', label: 'plugin name', secret: false, env: 'TILL_VIPPS_PLUGIN_NAME', required: true, defaultValue: 'till-pos' },
      { key: 'pluginVersion', label: 'plugin version', secret: false, env: 'TILL_VIPPS_PLUGIN_VERSION', required: true, defaultValue: '1.0.0' },
      {
        key: 'vatRates',
        label: 'VAT rates (hundredths of a percent)',
        secret: false,
        env: 'TILL_VIPPS_VAT_RATES',
        required: false,
        defaultValue: DEFAULT_VAT_RATES,
        pattern: { regex: /^(10000|\d{1,4})(,(10000|\d{1,4}))*$/, message: 'VAT rates are whole hundredths of a percent, separated by commas (2500 is 25 %)' }
      },
      {
        key: 'orderLinkTemplate',
        label: 'order details link ({orderId} is replaced)',
        secret: false,
        env: 'TILL_VIPPS_ORDER_LINK',
        required: false,
        pattern: { regex: /^https:\/\/\S*\{orderId\}\S*$/, message: 'The order details link starts with https:// and contains {orderId}' }
      }
    ],
    baseUrls: { sandbox: 'https://apitest.vipps.no', production: 'https://api.vipps.no' }
  },
  linkHosts: ['developer.vippsmobilepay.com', 'portal.vippsmobilepay.com', 'vippsmobilepay.com']
})
