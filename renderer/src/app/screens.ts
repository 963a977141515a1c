import { createElement, type ComponentType } from 'react'
import { providerManifests, type ProviderManifest } from '../../../shared/providers'
import { historyScreen } from '../features/history'
import { queueScreen } from '../features/queue'
import { settingsScreen } from '../features/settings'
import type { ScreenEntry } from './screen-entry'

/** Each provider's screen folder (renderer/src/features/<screen>/index.ts), found by Vite: a new folder needs no line here. */
const providerFolders = import.meta.glob<{ Screen?: ComponentType }>('../features/*/index.ts', { eager: true })

/** What the menu shows for a provider whose screen folder is missing: said in words, not a blank page. */
function MissingScreen() {
  return createElement('p', { className: 'notice notice-warn', role: 'status' }, 'This provider has no screen in this build of the till.')
}

/** A provider's screen: its folder's component, with its manifest's id and name in the menu. */
function providerScreen(manifest: ProviderManifest): ScreenEntry {
  const Screen = providerFolders[`../features/${manifest.screen.id}/index.ts`]?.Screen
  return { id: manifest.screen.id, title: manifest.screen.title, Screen: Screen ?? MissingScreen }
}

/** The workspace's screens in menu order (Alt+1 … opens them): each provider's, in the manifests' order, then the till's own. */
export function screensOf(manifests: readonly ProviderManifest[]): ScreenEntry[] {
  return [...manifests.map(providerScreen), queueScreen, historyScreen, settingsScreen]
}

export const screens = screensOf(providerManifests)

export type ScreenId = string

/** Alt+1 … Alt+7 open the screens in menu order. */
export function screenForShortcut(event: Pick<KeyboardEvent, 'altKey' | 'ctrlKey' | 'metaKey' | 'key'>): ScreenId | null {
  if (!event.altKey || event.ctrlKey || event.metaKey) return null
  const index = Number(event.key) - 1
  return Number.isInteger(index) && index >= 0 ? (screens[index]?.id ?? null) : null
}
