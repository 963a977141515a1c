import { languages, type Language } from './domain/preferences'

/**
 * How the till and the back office's page put words on screen: each feature has its words in
 * every language (the type makes every language have every key), the bundles are merged once,
 * and a sentence's {name} and {count, plural, one {…} other {…}} are filled in for its language.
 */

export type Params = Record<string, string | number>

export function defineMessages<const E extends Record<string, string>>(messages: { en: E; vi: { [K in keyof E]: string } }): { en: E; vi: { [K in keyof E]: string } } {
  return messages
}

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

/** `{count, plural, one {# voucher} other {# vouchers}}`: the case for the number in this language, `#` being the number. */
const PLURAL = /\{(\w+), plural,((?:\s*(?:=\d+|zero|one|two|few|many|other)\s*\{[^{}]*\})+)\s*\}/g
const PLURAL_CASE = /(=\d+|zero|one|two|few|many|other)\s*\{([^{}]*)\}/g

function plural(language: Language, count: number, cases: string): string | null {
  const options = new Map([...cases.matchAll(PLURAL_CASE)].map((m) => [m[1] ?? '', m[2] ?? '']))
  const text = options.get(`=${count}`) ?? options.get(new Intl.PluralRules(language).select(count)) ?? options.get('other')
  return text === undefined ? null : text.replace(/#/g, new Intl.NumberFormat(language).format(count))
}

/** A sentence with its plurals chosen and its {names} filled in. */
export function fillMessage(language: Language, text: string, params?: Params): string {
  return text
    .replace(PLURAL, (whole, name: string, cases: string) => {
      const value = params?.[name]
      return typeof value === 'number' ? (plural(language, value, cases) ?? whole) : whole
    })
    .replace(/\{(\w+)\}/g, (whole, name: string) => (params && name in params ? String(params[name]) : whole))
}
