import { languages, type Language } from '../../../shared/domain/preferences'
import { appMessages } from '../app/messages'
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
const bundles = [appMessages, authMessages, redeemMessages, giftCardMessages, receiptMessages, paymentMessages, queueMessages, settingsMessages, historyMessages, backofficeMessages, trainingMessages] as const

type Bundle = (typeof bundles)[number]
export type MessageKey = Bundle extends infer B ? (B extends { en: infer E } ? keyof E & string : never) : never
export type Params = Record<string, string | number>
export type Translate = (key: MessageKey, params?: Params) => string

/** Merges the bundles; a key two features define stops the app at once rather than showing the wrong words. */
export function mergeBundles(list: readonly { en: Record<string, string>; vi: Record<string, string> }[]): Record<Language, Record<string, string>> {
  const merged = Object.fromEntries(languages.map((language) => [language, {} as Record<string, string>])) as Record<Language, Record<string, string>>
  for (const bundle of list) {
    for (const language of languages) {
      for (const [key, text] of Object.entries(bundle[language])) {
        if (Object.hasOwn(merged[language], key)) throw new Error(`Two features define the message "${key}".`)
        merged[language][key] = text
      }
    }
  }
  return merged
}

export const dictionaries = mergeBundles(bundles) as Record<Language, Record<MessageKey, string>>

/** Whether a key built at run time (from an error's reason, say) has words. */
export function isMessageKey(key: string): key is MessageKey {
  return Object.hasOwn(dictionaries.en, key)
}

/** `{count, plural, one {# voucher} other {# vouchers}}`: the case for the number in this language, `#` being the number. */
const PLURAL = /\{(\w+), plural,((?:\s*(?:=\d+|zero|one|two|few|many|other)\s*\{[^{}]*\})+)\s*\}/g
const PLURAL_CASE = /(=\d+|zero|one|two|few|many|other)\s*\{([^{}]*)\}/g

function plural(language: Language, count: number, cases: string): string | null {
  const options = new Map([...cases.matchAll(PLURAL_CASE)].map((m) => [m[1] ?? '', m[2] ?? '']))
  const text = options.get(`=${count}`) ?? options.get(new Intl.PluralRules(language).select(count)) ?? options.get('other')
  return text === undefined ? null : text.replace(/#/g, new Intl.NumberFormat(language).format(count))
}

export function translator(language: Language): Translate {
  const dictionary = dictionaries[language]
  return (key, params) =>
    dictionary[key]
      .replace(PLURAL, (whole, name: string, cases: string) => {
        const value = params?.[name]
        return typeof value === 'number' ? (plural(language, value, cases) ?? whole) : whole
      })
      .replace(/\{(\w+)\}/g, (whole, name: string) => (params && name in params ? String(params[name]) : whole))
}
