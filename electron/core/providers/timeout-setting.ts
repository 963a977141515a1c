import { DEFAULT_TIMEOUT_MS } from '../../../shared/providers/manifest'

/** The timeout a provider's resolved settings give (the field's pattern, in its manifest, has checked it). */
export function timeoutOf(values: Record<string, string | undefined>): number {
  return Number(values['timeoutMs'] ?? DEFAULT_TIMEOUT_MS) || DEFAULT_TIMEOUT_MS
}
