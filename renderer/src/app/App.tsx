import { useEffect } from 'react'
import { RedeemScreen } from '../features/redeem/RedeemScreen'
import { SettingsScreen } from '../features/settings/SettingsScreen'
import { PlannedScreen } from '../features/placeholders/PlannedScreen'
import { ErrorNotice } from '../ui/ErrorNotice'
import { LanguageSwitch } from './LanguageSwitch'
import { ProviderIndicators } from './ProviderIndicators'
import { screenForShortcut, screens, screenTitle, type ScreenId } from './screens'
import { useApp, useT } from './till-context'

function CurrentScreen(props: { screen: ScreenId }) {
  switch (props.screen) {
    case 'redeem':
      return <RedeemScreen />
    case 'settings':
      return <SettingsScreen />
    case 'giftCards':
      return <PlannedScreen title="nav.giftCards" purpose="planned.giftCards" />
    case 'receipts':
      return <PlannedScreen title="nav.receipts" purpose="planned.receipts" />
    case 'payments':
      return <PlannedScreen title="nav.payments" purpose="planned.payments" />
    case 'queue':
      return <PlannedScreen title="nav.queue" purpose="planned.queue" />
    case 'history':
      return <PlannedScreen title="nav.history" purpose="planned.history" />
  }
}

export function App() {
  const t = useT()
  const phase = useApp((state) => state.phase)
  const info = useApp((state) => state.info)
  const startupError = useApp((state) => state.startupError)
  const screen = useApp((state) => state.screen)
  const go = useApp((state) => state.go)
  const language = useApp((state) => state.preferences.language)

  useEffect(() => {
    document.documentElement.lang = language
  }, [language])

  useEffect(() => {
    const onKey = (event: KeyboardEvent): void => {
      const target = screenForShortcut(event)
      if (target) {
        event.preventDefault()
        go(target)
      }
    }
    window.addEventListener('keydown', onKey)
    return () => window.removeEventListener('keydown', onKey)
  }, [go])

  if (phase === 'loading') return <p className="splash">{t('app.loading')}</p>
  if (phase === 'failed' || !info) {
    return (
      <main className="splash">
        <h1>{t('app.failed')}</h1>
        {startupError && <ErrorNotice error={startupError} t={t} />}
      </main>
    )
  }

  return (
    <div className="app">
      {info.trainingMode && (
        <div className="training-banner" role="status" data-testid="training-banner">
          {t('training.banner')}
        </div>
      )}
      <header className="topbar">
        <span className="brand">{t('app.name')}</span>
        <ProviderIndicators />
        <LanguageSwitch />
      </header>
      <div className="body">
        <nav aria-label={t('nav.label')} className="nav">
          <ul>
            {screens.map((id, index) => (
              <li key={id}>
                <button type="button" aria-current={screen === id ? 'page' : undefined} aria-keyshortcuts={`Alt+${index + 1}`} onClick={() => go(id)}>
                  <span>{t(screenTitle[id])}</span>
                  <kbd>{t('nav.shortcut', { n: index + 1 })}</kbd>
                </button>
              </li>
            ))}
          </ul>
        </nav>
        <main className="main">
          <CurrentScreen key={screen} screen={screen} />
        </main>
      </div>
    </div>
  )
}
