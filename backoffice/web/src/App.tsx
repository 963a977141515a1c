import { useEffect, useId, useState, type FormEvent } from 'react'
import { languages } from '../../../shared/domain/preferences'
import { api, whenSignedOut } from './api'
import { useT } from './i18n'
import { AccountsScreen } from './screens/AccountsScreen'
import { AttentionScreen } from './screens/AttentionScreen'
import { DayScreen } from './screens/DayScreen'
import { OperationsScreen } from './screens/OperationsScreen'
import { ReconScreen } from './screens/ReconScreen'
import { TillsScreen } from './screens/TillsScreen'
import { headOfficeScreens, screens, useSession, type Screen } from './session'
import { ErrorText } from './ui'

const screenTitles = { day: 'nav.day', operations: 'nav.operations', attention: 'nav.attention', tills: 'nav.tills', recon: 'nav.recon', accounts: 'nav.accounts' } as const

export function App() {
  const { me, known, setMe } = useSession()
  useEffect(() => {
    whenSignedOut(() => setMe(null))
    api.me().then(setMe, () => setMe(null))
  }, [setMe])
  if (!known) return <p className="splash">…</p>
  return me ? <Shell /> : <SignIn />
}

function LanguageSwitch() {
  const t = useT()
  const { language, setLanguage } = useSession()
  return (
    <div className="language-switch" role="group" aria-label={t('language.label')}>
      {languages.map((l) => (
        <button key={l} type="button" lang={l} aria-pressed={language === l} onClick={() => setLanguage(l)}>
          {t(`language.${l}`)}
        </button>
      ))}
    </div>
  )
}

function SignIn() {
  const t = useT()
  const id = useId()
  const setMe = useSession((state) => state.setMe)
  const [login, setLogin] = useState('')
  const [password, setPassword] = useState('')
  const [error, setError] = useState<unknown>(null)
  const [busy, setBusy] = useState(false)
  const submit = (event: FormEvent): void => {
    event.preventDefault()
    setBusy(true)
    api.signIn(login, password).then(
      (me) => {
        setPassword('')
        setMe(me)
      },
      (e: unknown) => {
        setError(e)
        setBusy(false)
      }
    )
  }
  return (
    <>
      <header className="topbar">
        <span className="brand">{t('app.title')}</span>
        <span className="spacer" />
        <LanguageSwitch />
      </header>
      <main className="auth-card">
        <h1>{t('signIn.title')}</h1>
        <form className="form" onSubmit={submit}>
          <label htmlFor={`${id}-login`}>{t('signIn.login')}</label>
          <input id={`${id}-login`} autoComplete="username" value={login} onChange={(e) => setLogin(e.target.value)} required autoFocus />
          <label htmlFor={`${id}-password`}>{t('signIn.password')}</label>
          <input id={`${id}-password`} type="password" autoComplete="current-password" value={password} onChange={(e) => setPassword(e.target.value)} required />
          <button type="submit" disabled={busy}>
            {t('signIn.submit')}
          </button>
        </form>
        <ErrorText error={error} />
      </main>
    </>
  )
}

function StorePicker() {
  const t = useT()
  const id = useId()
  const { me, store, setStore } = useSession()
  if (!me) return null
  return (
    <div className="store-picker">
      <label htmlFor={id}>{t('store.label')}</label>
      <select id={id} value={store} onChange={(e) => setStore(e.target.value)}>
        {(me.stores.length !== 1 || me.role === 'head_office') && <option value="">{me.role === 'head_office' ? t('store.every') : t('store.allMine')}</option>}
        {me.stores.map((s) => (
          <option key={s.storeId} value={s.storeId}>
            {s.name} ({s.storeId})
          </option>
        ))}
      </select>
    </div>
  )
}

function Shell() {
  const t = useT()
  const { me, screen, go, setMe } = useSession()
  const visible = screens.filter((s) => me?.role === 'head_office' || !headOfficeScreens.includes(s))
  const shown: Screen = visible.includes(screen) ? screen : 'day'
  useEffect(() => {
    document.title = `${t(screenTitles[shown])} · ${t('app.title')}`
  }, [shown, t])
  if (!me) return null
  return (
    <>
      <header className="topbar">
        <span className="brand">{t('app.title')}</span>
        <StorePicker />
        <span className="spacer" />
        <LanguageSwitch />
        <div className="user-menu" role="group" aria-label={t('user.signedInAs', { name: me.name })}>
          <span>
            {me.name} <span className="muted">({t(me.role === 'head_office' ? 'role.head_office' : 'role.store_manager')})</span>
          </span>
          <button type="button" onClick={() => void api.signOut().finally(() => setMe(null))}>
            {t('user.signOut')}
          </button>
        </div>
      </header>
      <div className="body">
        <nav className="nav" aria-label={t('nav.label')}>
          <ul>
            {visible.map((s) => (
              <li key={s}>
                <button type="button" aria-current={s === shown ? 'page' : undefined} onClick={() => go(s)}>
                  {t(screenTitles[s])}
                </button>
              </li>
            ))}
          </ul>
        </nav>
        <main className="main">
          {shown === 'day' && <DayScreen />}
          {shown === 'operations' && <OperationsScreen />}
          {shown === 'attention' && <AttentionScreen />}
          {shown === 'tills' && <TillsScreen />}
          {shown === 'recon' && <ReconScreen />}
          {shown === 'accounts' && <AccountsScreen />}
        </main>
      </div>
    </>
  )
}
