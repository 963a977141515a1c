import type { Language } from '../../../../shared/domain/preferences'
import { providerNameOf } from '../../../../shared/providers'

/** A provider's name as the interface writes it (from its manifest); its id when no manifest names it. */
export function providerName(id: string, language: Language): string {
  return providerNameOf(id, language)
}
