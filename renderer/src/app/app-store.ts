import { createStore, type StoreApi } from 'zustand/vanilla'
import type { AppInfo } from '../../../shared/domain/app-info'
import type { Language, Preferences, PreferencesPatch } from '../../../shared/domain/preferences'
import type { ProviderStatus } from '../../../shared/domain/providers'
import type { TillErrorData } from '../../../shared/errors'
import type { TillClient } from '../client/till-client'
import type { ScreenId } from './screens'

export interface AppState {
  phase: 'loading' | 'ready' | 'failed'
  info: AppInfo | null
  preferences: Preferences
  providers: ProviderStatus[]
  screen: ScreenId
  startupError: TillErrorData | null
  go(screen: ScreenId): void
  start(): Promise<void>
  /** Saves preferences; returns the error to show, or null when saved. */
  savePreferences(patch: PreferencesPatch): Promise<TillErrorData | null>
  setLanguage(language: Language): Promise<TillErrorData | null>
}

export type AppStore = StoreApi<AppState>

export function createAppStore(client: TillClient): AppStore {
  return createStore<AppState>()((set, get) => ({
    phase: 'loading',
    info: null,
    preferences: { language: 'en', timeZone: 'UTC' },
    providers: [],
    screen: 'redeem',
    startupError: null,
    go: (screen) => set({ screen }),
    async start() {
      client.subscribe('prefs:changed', (preferences) => set({ preferences }))
      client.subscribe('providers:changed', (providers) => set({ providers }))
      const [info, providers] = await Promise.all([client.call('app:info', {}), client.call('providers:status', {})])
      if (!info.ok) return set({ phase: 'failed', startupError: info.error })
      if (!providers.ok) return set({ phase: 'failed', startupError: providers.error })
      set({ phase: 'ready', info: info.value, preferences: info.value.preferences, providers: providers.value })
    },
    async savePreferences(patch) {
      const result = await client.call('prefs:set', patch)
      if (!result.ok) return result.error
      set({ preferences: result.value })
      return null
    },
    async setLanguage(language) {
      const before = get().preferences
      // Switch at once; the cashier should not wait for the disk to see the new language.
      set({ preferences: { ...before, language } })
      const error = await get().savePreferences({ language })
      if (error) set({ preferences: before })
      return error
    }
  }))
}
