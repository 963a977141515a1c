import { createContext, useContext, useMemo, type ReactNode } from 'react'
import { useStore } from 'zustand'
import type { TillClient } from '../client/till-client'
import { translator, type Translate } from '../i18n/i18n'
import type { AppState, AppStore } from './app-store'

interface TillContextValue {
  client: TillClient
  appStore: AppStore
}

const TillContext = createContext<TillContextValue | null>(null)

export function TillProvider(props: TillContextValue & { children: ReactNode }) {
  const value = useMemo(() => ({ client: props.client, appStore: props.appStore }), [props.client, props.appStore])
  return <TillContext.Provider value={value}>{props.children}</TillContext.Provider>
}

function useTillContext(): TillContextValue {
  const value = useContext(TillContext)
  if (!value) throw new Error('TillProvider is missing above this component')
  return value
}

export function useTillClient(): TillClient {
  return useTillContext().client
}

export function useApp<T>(selector: (state: AppState) => T): T {
  return useStore(useTillContext().appStore, selector)
}

export function useT(): Translate {
  const language = useApp((state) => state.preferences.language)
  return useMemo(() => translator(language), [language])
}
