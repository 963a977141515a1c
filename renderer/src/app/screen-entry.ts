import type { ComponentType } from 'react'
import type { MessageKey } from '../i18n/i18n'

/** One screen of the workspace, as its feature declares it. */
export interface ScreenEntry<Id extends string = string> {
  id: Id
  /** Its name in the navigation. */
  title: MessageKey
  Screen: ComponentType
}

export function defineScreen<const Id extends string>(entry: ScreenEntry<Id>): ScreenEntry<Id> {
  return entry
}
