import type { ProviderFieldSpec } from '../../../../shared/domain/provider-settings'

export const GOTIT_PATH_PREFIX = '/merchant/v6.0'

/** Got It's settings: the store PIN goes in every request body; the path prefix is v6's unless told. */
export const gotItFields: readonly ProviderFieldSpec[] = [
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
  {
    key: 'timeoutMs',
    label: 'timeout (ms)',
    secret: false,
    env: 'TILL_GOTIT_TIMEOUT_MS',
    required: false,
    defaultValue: '30000',
    pattern: { regex: /^([1-9]\d{2,5})$/, message: 'The timeout is in milliseconds, from 100 to 999999' }
  }
]

export const gotItBaseUrls = { sandbox: 'https://openapi-stg.gotit.vn', production: 'https://openapi.gotit.vn' }
