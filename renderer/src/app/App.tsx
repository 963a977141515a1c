import { Suspense, useEffect } from 'react'
import { ErrorNotice } from '../ui/ErrorNotice'
import { FirstRunScreen } from '../features/auth/FirstRunScreen'
import { LockScreen } from '../features/auth/LockScreen'
import { SignInScreen } from '../features/auth/SignInScreen'
import { useIdleLock } from './use-idle-lock'
import { useQueueWatch } from './queue-watch'
import { OfflineExposure } from './OfflineExposure'
import { LanguageSwitch } from './LanguageSwitch'
import { ModeBanner } from './ModeBanner'
import { CoreBanner } from './CoreBanner'
import { Alerts } from './Alerts'
import { CloseShift } from './CloseShift'
import { ProviderIndicators } from './ProviderIndicators'
import { screenForShortcut, screens, type ScreenId } from './screens'
import { titleOf } from './screen-entry'
import { useApp, useT, useTillClient } from './till-context'

function CurrentScreen(props: { screen: ScreenId }) {
  const entry = screens.find((candidate) => candidate.id === props.screen) ?? screens[0]
  if (!entry) return null
  return (
    <Suspense fallback={<p className="muted">…</p>}>
      <entry.Screen />
    </Suspense>
  )
}

function TopBar() {
  const t = useT()
  const session = useApp((state) => state.auth?.session ?? null)
  return (
    <header className="topbar">
      <span className="brand">{t('app.name')}</span>
      <ProviderIndicators />
      {session && !session.locked && <OfflineExposure />}
      {session && !session.locked && <Alerts />}
      <LanguageSwitch />
    </header>
  )
}

/** Who is at the till, and what they can do about it: at the foot of the navigation, beside the work. */
function UserMenu() {
  const t = useT()
  const session = useApp((state) => state.auth?.session ?? null)
  const lock = useApp((state) => state.lock)
  const signOut = useApp((state) => state.signOut)
  if (!session || session.locked) return null
  return (
    <div className="user-menu" aria-label={t('auth.signedInAs', { name: session.staff.name })} role="group">
      <span>
        {session.staff.name} <span className="muted">({t(`role.${session.staff.role}`)})</span>
      </span>
      <button type="button" onClick={() => void lock()}>
        {t('auth.lock')}
      </button>
      <button type="button" className="link-button" onClick={() => void signOut()}>
        {t('auth.signOut')}
      </button>
      <CloseShift />
    </div>
  )
}

function Workspace() {
  const t = useT()
  const client = useTillClient()
  const screen = useApp((state) => state.screen)
  const go = useApp((state) => state.go)
  const idleSeconds = useApp((state) => state.preferences.idleLockSeconds)
  const lock = useApp((state) => state.lock)
  const language = useApp((state) => state.preferences.language)
  useIdleLock(client, idleSeconds, lock)
  const queue = useQueueWatch(client)

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

  return (
    <div className="body">
      <nav aria-label={t('nav.label')} className="nav">
        <ul>
          {screens.map(({ id, title }, index) => (
            <li key={id}>
              <button type="button" aria-current={screen === id ? 'page' : undefined} aria-keyshortcuts={`Alt+${index + 1}`} onClick={() => go(id)}>
                <span>{titleOf({ title }, t, language)}</span>
                {id === 'queue' && queue.count > 0 && (
                  <span className="badge" data-testid="queue-count">
                    {t('queue.navCount', { count: queue.count })}
                  </span>
                )}
                <kbd>{t('nav.shortcut', { n: index + 1 })}</kbd>
              </button>
            </li>
          ))}
        </ul>
        <UserMenu />
      </nav>
      <main className="main">
        {queue.notices.length > 0 && (
          <div className="settled-notices" aria-live="polite">
            {queue.notices.map(({ id, item }) => (
              <p key={id} className={`notice ${item.state === 'succeeded' ? 'notice-ok' : 'notice-warn'}`} role="status">
                {t(item.state === 'succeeded' ? 'queue.settled.succeeded' : 'queue.settled.rejected', { what: item.label[language], subject: item.subject ?? '' })}{' '}
                <button type="button" className="link-button" onClick={() => queue.dismiss(id)}>
                  {t('queue.dismiss')}
                </button>
              </p>
            ))}
          </div>
        )}
        <CurrentScreen key={screen} screen={screen} />
      </main>
    </div>
  )
}

/** What the till shows depends on who is there: nobody yet, a locked till, or a person at work. */
function AuthGate() {
  const auth = useApp((state) => state.auth)
  if (!auth) return null
  if (auth.setupNeeded) return <FirstRunScreen />
  if (!auth.session) return <SignInScreen />
  if (auth.session.locked) return <LockScreen staff={auth.session.staff} />
  return <Workspace />
}

export function App() {
  const t = useT()
  const phase = useApp((state) => state.phase)
  const info = useApp((state) => state.info)
  const startupError = useApp((state) => state.startupError)
  const language = useApp((state) => state.preferences.language)

  useEffect(() => {
    document.documentElement.lang = language
  }, [language])

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
      <ModeBanner />
      <CoreBanner />
      <TopBar />
      <AuthGate />
    </div>
  )
}
