import { gotitFeature } from '../channels/gotit'
import { GOTIT_PATH_PREFIX } from '../wire/gotit'
import { defineProvider, timeoutField } from './manifest'

/** How many single-code checks go to Got It at once [ASSUMED: Got It does not publish a rate limit]. */
export const DEFAULT_CHECK_CONCURRENCY = 5
/** The most a check of a bill may take, whatever Got It's speed; codes not answered by then are reported unchecked. */
export const DEFAULT_CHECK_BUDGET_MS = 10_000

/** Got It (Vietnam, VND): vouchers checked and redeemed at the till. The store PIN goes in every request body. */
export const gotitManifest = defineProvider({
  id: 'gotit',
  name: 'Got It',
  names: { en: 'Got It', vi: 'Got It' },
  screen: { id: 'redeem', title: { en: 'Redeem', vi: 'Đổi voucher' } },
  feature: gotitFeature,
  historyKinds: ['redemption'],
  auditActions: ['redemption_requested', 'offline_accepted'],
  settings: {
    fields: [
      { key: 'storePin', label: 'store PIN', secret: true, env: 'TILL_GOTIT_PIN', required: true },
      {
        key: 'pathPrefix',
        label: 'path prefix',
        secret: false,
        env: 'TILL_GOTIT_PATH_PREFIX',
        required: false,
        defaultValue: GOTIT_PATH_PREFIX,
        pattern: { regex: /^\/[\w./-]*$/, message: 'The path prefix starts with / (for example /merchant/v6.0)' }
      },
      timeoutField('TILL_GOTIT_TIMEOUT_MS'),
      {
        key: 'releaseAfterMinutes',
        label: 'release reservations of open bills after (minutes)',
        secret: false,
        env: 'TILL_GOTIT_RELEASE_AFTER_MINUTES',
        required: false,
        defaultValue: '30',
        pattern: { regex: /^([1-9]\d{0,3})$/, message: 'Release after is a number of minutes from 1 to 9999' }
      },
      {
        key: 'checkConcurrency',
        label: 'codes checked at once',
        secret: false,
        env: 'TILL_GOTIT_CHECK_CONCURRENCY',
        required: false,
        defaultValue: String(DEFAULT_CHECK_CONCURRENCY),
        pattern: { regex: /^([1-9]|1\d|20)$/, message: 'Codes checked at once is a number from 1 to 20' }
      },
      {
        key: 'checkBudgetMs',
        label: 'longest check of a bill (ms)',
        secret: false,
        env: 'TILL_GOTIT_CHECK_BUDGET_MS',
        required: false,
        defaultValue: String(DEFAULT_CHECK_BUDGET_MS),
        pattern: { regex: /^([1-9]\d{3,5})$/, message: 'The longest check is in milliseconds, from 1000 to 999999' }
      }
    ],
    baseUrls: { sandbox: 'https://openapi-stg.gotit.vn', production: 'https://openapi.gotit.vn' }
  },
  linkHosts: ['gotit.vn']
})
