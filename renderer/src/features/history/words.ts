import { isMessageKey, type Translate } from '../../i18n/i18n'

/** A provider's name as the interface writes it; its id when the till has no words for it. */
export function providerName(id: string, t: Translate): string {
  const key = `history.provider.${id}`
  return isMessageKey(key) ? t(key) : id
}
