import type { Language } from '../../../shared/domain/preferences'
import { fillMessage, mergeBundles, type Params } from '../../../shared/i18n'
import { appMessages } from '../app/messages'
import { reasonMessages } from '../app/reason-messages'
import { authMessages } from '../features/auth/messages'
import { giftCardMessages } from '../features/giftcards/messages'
import { paymentMessages } from '../features/payments/messages'
import { receiptMessages } from '../features/receipts/messages'
import { historyMessages } from '../features/history/messages'
import { queueMessages } from '../features/queue/messages'
import { redeemMessages } from '../features/redeem/messages'
import { settingsMessages } from '../features/settings/messages'
import { backofficeMessages } from '../features/backoffice/messages'
import { trainingMessages } from '../features/training/messages'

/** Every feature's words; a feature adds its bundle here. */
const bundles = [
  appMessages,
  reasonMessages,
  authMessages,
  redeemMessages,
  giftCardMessages,
  receiptMessages,
  paymentMessages,
  queueMessages,
  settingsMessages,
  historyMessages,
  backofficeMessages,
  trainingMessages
] as const

type Bundle = (typeof bundles)[number]
export type MessageKey = Bundle extends infer B ? (B extends { en: infer E } ? keyof E & string : never) : never
export type Translate = (key: MessageKey, params?: Params) => string

export const dictionaries = mergeBundles(bundles) as Record<Language, Record<MessageKey, string>>

/** Whether a key built at run time (from an error's reason, say) has words. */
export function isMessageKey(key: string): key is MessageKey {
  return Object.hasOwn(dictionaries.en, key)
}

export function translator(language: Language): Translate {
  const dictionary = dictionaries[language]
  return (key, params) => fillMessage(language, dictionary[key], params)
}
