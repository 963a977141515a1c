import { hubbleFeature } from '../channels/hubble'
import { defineProvider, timeoutField } from './manifest'

/** Hubble gift cards (India, INR): brand gift cards sold from the store's partner wallet, orders looked up. */
export const hubbleManifest = defineProvider({
  id: 'hubble',
  name: 'Hubble gift cards',
  names: { en: 'Hubble gift cards', vi: 'Thẻ quà tặng Hubble' },
  screen: { id: 'giftcards', title: { en: 'Gift cards', vi: 'Thẻ quà tặng' } },
  feature: hubbleFeature,
  historyKinds: ['gift_sale'],
  auditActions: ['gift_card_sale_requested', 'gift_cards_shown', 'gift_card_sale_reversed'],
  settings: {
    fields: [
      { key: 'clientId', label: 'client id', secret: false, env: 'TILL_HUBBLE_CLIENT_ID', required: true },
      { key: 'clientSecret', label: 'client secret', secret: true, env: 'TILL_HUBBLE_CLIENT_SECRET', required: true },
      { key: 'webhookSecret', label: 'callback secret (X-Verify)', secret: true, env: 'TILL_HUBBLE_WEBHOOK_SECRET', required: false },
      timeoutField('TILL_HUBBLE_TIMEOUT_MS'),
      {
        key: 'lowBalanceRupees',
        label: 'warn when the wallet is below (₹)',
        secret: false,
        env: 'TILL_HUBBLE_LOW_BALANCE',
        required: false,
        defaultValue: '5000',
        pattern: { regex: /^\d{1,9}$/, message: 'The low-balance warning is a whole number of rupees' }
      }
    ],
    baseUrls: { sandbox: 'https://api.dev.myhubble.money', production: 'https://api.myhubble.money' }
  },
  linkHosts: ['myhubble.money']
})
