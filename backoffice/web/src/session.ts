import { create } from 'zustand'
import type { Me } from '../../../shared/backoffice/screens'
import { LanguageSchema, type Language } from '../../../shared/domain/preferences'

export const screens = ['day', 'operations', 'attention', 'tills', 'recon', 'accounts'] as const
export type Screen = (typeof screens)[number]
/** Screens only head office has. */
export const headOfficeScreens: readonly Screen[] = ['recon', 'accounts']

const LANGUAGE_KEY = 'till-backoffice-language'
const storedLanguage = (): Language => LanguageSchema.safeParse(globalThis.localStorage?.getItem(LANGUAGE_KEY)).data ?? (navigator.language.startsWith('vi') ? 'vi' : 'en')
const screenOfHash = (): Screen => screens.find((s) => window.location.hash === `#/${s}`) ?? 'day'

interface SessionState {
  me: Me | null
  /** Whether the first "who am I" has been answered. */
  known: boolean
  language: Language
  /** The store the screens show; '' for every store the account sees. */
  store: string
  screen: Screen
  setMe(me: Me | null): void
  setLanguage(language: Language): void
  setStore(store: string): void
  go(screen: Screen): void
}

export const useSession = create<SessionState>()((set) => ({
  me: null,
  known: false,
  language: storedLanguage(),
  store: '',
  screen: screenOfHash(),
  // A store manager of one store sees that store; anyone else starts with every store they see.
  setMe: (me) => set((state) => ({ me, known: true, store: me && me.role === 'store_manager' && me.stores.length === 1 ? (me.stores[0]?.storeId ?? '') : me ? state.store : '' })),
  setLanguage: (language) => {
    globalThis.localStorage?.setItem(LANGUAGE_KEY, language)
    document.documentElement.lang = language
    set({ language })
  },
  setStore: (store) => set({ store }),
  go: (screen) => {
    window.location.hash = `#/${screen}`
    set({ screen })
  }
}))

window.addEventListener('hashchange', () => useSession.setState({ screen: screenOfHash() }))

/** The time zone a store's times are shown in. */
export function zoneOf(me: Me | null, storeId: string | null): string {
  return me?.stores.find((s) => s.storeId === storeId)?.timeZone ?? 'UTC'
}
