import { createStore, type StoreApi } from 'zustand/vanilla'
import type { AppInfo } from '../../../shared/domain/app-info'
import type { Language, Preferences } from '../../../shared/domain/preferences'
import type { ProviderStatus } from '../../../shared/domain/providers'
import type { AuthStatus, StaffSummary } from '../../../shared/domain/staff'
import type { TillErrorData } from '../../../shared/errors'
import type { TillClient } from '../client/till-client'
import type { ScreenId } from './screens'

export interface AppState {
  phase: 'loading' | 'ready' | 'failed'
  info: AppInfo | null
  preferences: Preferences
  providers: ProviderStatus[]
  auth: AuthStatus | null
  signInChoices: StaffSummary[]
  screen: ScreenId
  startupError: TillErrorData | null
  go(screen: ScreenId): void
  start(): Promise<void>
  setLanguage(language: Language): Promise<TillErrorData | null>
  refreshAuth(): Promise<void>
  /** Asks the core again for every provider's status (after the core started again). */
  refreshProviders(): Promise<void>
  /** Each returns the error to show, or null when it worked. */
  setup(name: string, pin: string): Promise<TillErrorData | null>
  signIn(staffId: string, pin: string): Promise<TillErrorData | null>
  unlock(pin: string): Promise<TillErrorData | null>
  lock(): Promise<void>
  signOut(): Promise<void>
}

export type AppStore = StoreApi<AppState>

export function createAppStore(client: TillClient): AppStore {
  return createStore<AppState>()((set, get) => {
    const afterAuthCall = async (result: { ok: boolean; error?: TillErrorData }): Promise<TillErrorData | null> => {
      await get().refreshAuth()
      return result.ok ? null : (result.error ?? null)
    }
    return {
      phase: 'loading',
      info: null,
      preferences: {
        language: 'en',
        timeZone: 'UTC',
        idleLockSeconds: 0,
        gotitFlow: 'direct',
        offlinePolicy: { enabled: false, perVoucherCap: 0, perShiftCap: 0 },
        callbacks: { enabled: false, host: '127.0.0.1', port: 5720 },
        errorRateAlertPercent: 25,
        storeName: ''
      },
      providers: [],
      auth: null,
      signInChoices: [],
      screen: 'redeem',
      startupError: null,
      go: (screen) => set({ screen }),
      async start() {
        client.subscribe('prefs:changed', (preferences) => set({ preferences }))
        client.subscribe('providers:changed', (providers) => set({ providers }))
        client.subscribe('auth:changed', () => void get().refreshAuth())
        // Everything the first screen needs, asked for at once: each round trip here is time the cashier waits.
        const [info, providers, auth, choices] = await Promise.all([
          client.call('app:info', {}),
          client.call('providers:status', {}),
          client.call('auth:status', {}),
          client.call('auth:staffList', {})
        ])
        if (!info.ok) return set({ phase: 'failed', startupError: info.error })
        if (!providers.ok) return set({ phase: 'failed', startupError: providers.error })
        if (!auth.ok) return set({ phase: 'failed', startupError: auth.error })
        set({ phase: 'ready', info: info.value, preferences: info.value.preferences, providers: providers.value, auth: auth.value, signInChoices: choices.ok ? choices.value : [] })
      },
      async setLanguage(language) {
        const before = get().preferences
        // Switch at once; the cashier should not wait for the disk to see the new language.
        set({ preferences: { ...before, language } })
        const result = await client.call('prefs:setLanguage', { language })
        if (result.ok) return null
        set({ preferences: before })
        return result.error
      },
      async refreshProviders() {
        const providers = await client.call('providers:status', {})
        if (providers.ok) set({ providers: providers.value })
      },
      async refreshAuth() {
        const [auth, choices, info] = await Promise.all([client.call('auth:status', {}), client.call('auth:staffList', {}), client.call('app:info', {})])
        if (!auth.ok) return set({ startupError: auth.error })
        set({ auth: auth.value, signInChoices: choices.ok ? choices.value : [], ...(info.ok ? { info: info.value } : {}) })
      },
      setup: async (name, pin) => afterAuthCall(await client.call('auth:setup', { name, pin })),
      signIn: async (staffId, pin) => afterAuthCall(await client.call('auth:signIn', { staffId, pin })),
      unlock: async (pin) => afterAuthCall(await client.call('auth:unlock', { pin })),
      async lock() {
        await afterAuthCall(await client.call('auth:lock', {}))
      },
      async signOut() {
        await afterAuthCall(await client.call('auth:signOut', {}))
        set({ screen: 'redeem' })
      }
    }
  })
}
