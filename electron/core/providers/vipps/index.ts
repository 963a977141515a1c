import type { ProviderModule } from '../module'
import { settingsOnlyRuntime } from '../settings-only'

/** Vipps MobilePay Order Management (Norway, Denmark). Settings only so far: receipts come with their own work. */
export const vippsModule: ProviderModule = {
  id: 'vipps',
  name: 'Vipps MobilePay',
  settings: {
    fields: [
      { key: 'clientId', label: 'client id', secret: false, env: 'TILL_VIPPS_CLIENT_ID', required: true },
      { key: 'clientSecret', label: 'client secret', secret: true, env: 'TILL_VIPPS_CLIENT_SECRET', required: true },
      { key: 'subscriptionKey', label: 'subscription key', secret: true, env: 'TILL_VIPPS_SUBSCRIPTION_KEY', required: true },
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
      { key: 'pluginVersion', label: 'plugin version', secret: false, env: 'TILL_VIPPS_PLUGIN_VERSION', required: true, defaultValue: '1.0.0' }
    ],
    baseUrls: { sandbox: 'https://apitest.vipps.no', production: 'https://api.vipps.no' }
  },
  create: settingsOnlyRuntime
}
