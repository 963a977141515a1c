import type { ProviderModule } from '../module'
import { settingsOnlyRuntime } from '../settings-only'

/** Hubble gift cards (India, INR). Settings only so far: selling and looking up cards come with their own work. */
export const hubbleModule: ProviderModule = {
  id: 'hubble',
  name: 'Hubble gift cards',
  settings: {
    fields: [
      { key: 'clientId', label: 'client id', secret: false, env: 'TILL_HUBBLE_CLIENT_ID', required: true },
      { key: 'clientSecret', label: 'client secret', secret: true, env: 'TILL_HUBBLE_CLIENT_SECRET', required: true }
    ],
    baseUrls: { sandbox: 'https://api.dev.myhubble.money', production: 'https://api.myhubble.money' }
  },
  create: settingsOnlyRuntime
}
