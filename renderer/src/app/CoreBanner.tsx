import { useEffect, useState } from 'react'
import { useApp, useT, useTillClient } from './till-context'

type CoreState = 'running' | 'restarting' | 'failed'

/**
 * The till's core runs in a process of its own; when it stops, the shell starts it again and says
 * so. The cashier reads what happened in words, and what to do: nothing is lost, what was in
 * progress is finished or undone from the journal, and signing in again may be needed.
 */
export function CoreBanner() {
  const t = useT()
  const client = useTillClient()
  const refreshAuth = useApp((state) => state.refreshAuth)
  const refreshProviders = useApp((state) => state.refreshProviders)
  const [state, setState] = useState<{ core: CoreState; restarted: boolean }>({ core: 'running', restarted: false })
  useEffect(
    () =>
      client.subscribe('core:changed', ({ state: core }) => {
        setState((before) => ({ core, restarted: before.restarted || core !== 'running' }))
        if (core === 'running') {
          void refreshAuth()
          void refreshProviders()
        }
      }),
    [client, refreshAuth, refreshProviders]
  )
  if (state.core === 'running' && !state.restarted) return null
  if (state.core === 'running') {
    return (
      <p className="notice notice-warn core-banner" role="status" data-testid="core-banner">
        {t('core.running_again')}{' '}
        <button type="button" className="link-button" onClick={() => setState({ core: 'running', restarted: false })}>
          {t('core.dismiss')}
        </button>
      </p>
    )
  }
  return (
    <p className="notice notice-error core-banner" role="alert" data-testid="core-banner">
      {t(state.core === 'failed' ? 'core.failed' : 'core.restarting')}
    </p>
  )
}
