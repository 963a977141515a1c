import type { ProviderFieldSpec } from '../../../shared/domain/provider-settings'

export const DEFAULT_TIMEOUT_MS = 30_000

/** How long a call to the provider may take, whole answer included: a setting of every provider ([ASSUMED] 30 s). */
export function timeoutField(env: string): ProviderFieldSpec {
  return {
    key: 'timeoutMs',
    label: 'timeout (ms)',
    secret: false,
    env,
    required: false,
    defaultValue: String(DEFAULT_TIMEOUT_MS),
    pattern: { regex: /^([1-9]\d{2,5})$/, message: 'The timeout is in milliseconds, from 100 to 999999' }
  }
}

/** The timeout a provider's resolved settings give (the field's pattern has checked it). */
export function timeoutOf(values: Record<string, string | undefined>): number {
  return Number(values['timeoutMs'] ?? DEFAULT_TIMEOUT_MS) || DEFAULT_TIMEOUT_MS
}
