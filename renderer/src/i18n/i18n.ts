import type { Language } from '../../../shared/domain/preferences'
import { en, type MessageKey } from './en'
import { vi } from './vi'

export type { MessageKey }
export type Params = Record<string, string | number>
export type Translate = (key: MessageKey, params?: Params) => string

export const dictionaries: Record<Language, Record<MessageKey, string>> = { en, vi }

export function translator(language: Language): Translate {
  const dictionary = dictionaries[language]
  return (key, params) =>
    dictionary[key].replace(/\{(\w+)\}/g, (whole, name: string) => (params && name in params ? String(params[name]) : whole))
}
