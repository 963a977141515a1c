import type { BackofficeErrorCode } from '../../../shared/backoffice/screens'
import { fillMessage, mergeBundles, type Params } from '../../../shared/i18n'
import type { Language } from '../../../shared/domain/preferences'
import { errorSentences, messages } from './messages'
import { useSession } from './session'

const dictionaries = mergeBundles([messages])
export type MessageKey = keyof typeof messages.en
export type Translate = (key: MessageKey, params?: Params) => string

export function translator(language: Language): Translate {
  return (key, params) => fillMessage(language, dictionaries[language][key] ?? key, params)
}

export function useT(): Translate {
  const language = useSession((state) => state.language)
  return translator(language)
}

/** Every refusal's sentence in every language: a code without one does not compile. */
export function errorSentence(language: Language, code: BackofficeErrorCode, params: Params): string {
  return fillMessage(language, errorSentences[language][code], params)
}
