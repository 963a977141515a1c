import type { ComponentType } from 'react'
import type { Language } from '../../../shared/domain/preferences'
import type { MessageKey, Translate } from '../i18n/i18n'

/** One screen of the workspace, as its feature declares it. */
export interface ScreenEntry<Id extends string = string> {
  id: Id
  /** Its name in the navigation: the till's own words, or a provider manifest's in each language. */
  title: MessageKey | Readonly<Record<Language, string>>
  Screen: ComponentType
}

export function defineScreen<const Id extends string>(entry: ScreenEntry<Id>): ScreenEntry<Id> {
  return entry
}

/** A screen's name in the person's language. */
export function titleOf(entry: Pick<ScreenEntry, 'title'>, t: Translate, language: Language): string {
  return typeof entry.title === 'string' ? t(entry.title) : entry.title[language]
}
