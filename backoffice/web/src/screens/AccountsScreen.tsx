import { useId, useState, type FormEvent } from 'react'
import type { NewUser, Role, UserChange, UserView } from '../../../../shared/backoffice/screens'
import { api } from '../api'
import { useT } from '../i18n'
import { useSession } from '../session'
import { ErrorText, Head, useLoad, When } from '../ui'

function NewAccount(props: { onMade: () => void }) {
  const t = useT()
  const id = useId()
  const me = useSession((state) => state.me)
  const [user, setUser] = useState<NewUser>({ login: '', name: '', role: 'store_manager', password: '', stores: [] })
  const [error, setError] = useState<unknown>(null)
  const [made, setMade] = useState<string | null>(null)
  const submit = (event: FormEvent): void => {
    event.preventDefault()
    api.addUser(user).then((view) => {
      setError(null)
      setMade(view.login)
      setUser({ login: '', name: '', role: 'store_manager', password: '', stores: [] })
      props.onMade()
    }, setError)
  }
  const toggle = (storeId: string): void => setUser((u) => ({ ...u, stores: u.stores.includes(storeId) ? u.stores.filter((s) => s !== storeId) : [...u.stores, storeId] }))
  return (
    <details>
      <summary>{t('accounts.add')}</summary>
      <form className="form" onSubmit={submit}>
        <label htmlFor={`${id}-login`}>{t('signIn.login')}</label>
        <input id={`${id}-login`} value={user.login} onChange={(e) => setUser({ ...user, login: e.target.value })} autoComplete="off" required />
        <label htmlFor={`${id}-name`}>{t('accounts.name')}</label>
        <input id={`${id}-name`} value={user.name} onChange={(e) => setUser({ ...user, name: e.target.value })} required />
        <label htmlFor={`${id}-role`}>{t('accounts.role')}</label>
        <select id={`${id}-role`} value={user.role} onChange={(e) => setUser({ ...user, role: e.target.value as Role })}>
          <option value="store_manager">{t('role.store_manager')}</option>
          <option value="head_office">{t('role.head_office')}</option>
        </select>
        <label htmlFor={`${id}-password`}>{t('accounts.password')}</label>
        <input id={`${id}-password`} type="password" autoComplete="new-password" value={user.password} onChange={(e) => setUser({ ...user, password: e.target.value })} required minLength={10} />
        {user.role === 'store_manager' && (
          <fieldset>
            <legend>{t('accounts.stores')}</legend>
            {me?.stores.map((s) => (
              <label key={s.storeId} className="checkbox">
                <input type="checkbox" checked={user.stores.includes(s.storeId)} onChange={() => toggle(s.storeId)} /> {s.name} ({s.storeId})
              </label>
            ))}
          </fieldset>
        )}
        <button type="submit">{t('accounts.make')}</button>
        {made && <p role="status">{t('accounts.made', { login: made })}</p>}
      </form>
      <ErrorText error={error} />
    </details>
  )
}

function UserRow(props: { user: UserView; onChanged: () => void; onError: (e: unknown) => void }) {
  const t = useT()
  const id = useId()
  const { user } = props
  const [password, setPassword] = useState<string | null>(null)
  const change = (c: UserChange): void =>
    void api.changeUser(user.userId, c).then(() => {
      setPassword(null)
      props.onChanged()
    }, props.onError)
  return (
    <tr data-login={user.login}>
      <td>
        {user.name}
        <div className="muted ref">{user.login}</div>
      </td>
      <td>{t(user.role === 'head_office' ? 'role.head_office' : 'role.store_manager')}</td>
      <td>{user.role === 'head_office' ? t('store.every') : user.stores.join(', ')}</td>
      <td>
        {user.disabled ? (
          <span className="flag flag-warn">{t('accounts.disabled')}</span>
        ) : user.locked ? (
          <span className="flag flag-bad">{t('accounts.locked')}</span>
        ) : (
          <span className="flag flag-ok">{t('accounts.active')}</span>
        )}
      </td>
      <td>
        <div className="row-actions">
          {user.locked && (
            <button type="button" className="small" onClick={() => change({ change: 'unlock' })}>
              {t('accounts.unlock')}
            </button>
          )}
          <button type="button" className="small" onClick={() => change({ change: user.disabled ? 'enable' : 'disable' })}>
            {t(user.disabled ? 'accounts.enable' : 'accounts.disable')}
          </button>
          {password === null ? (
            <button type="button" className="small" onClick={() => setPassword('')}>
              {t('accounts.newPassword')}
            </button>
          ) : (
            <form
              className="row-actions"
              onSubmit={(e) => {
                e.preventDefault()
                change({ change: 'password', password })
              }}
            >
              <label htmlFor={`${id}-pw`} className="visually-hidden">
                {t('accounts.newPasswordFor', { name: user.name })}
              </label>
              <input id={`${id}-pw`} type="password" autoComplete="new-password" value={password} onChange={(e) => setPassword(e.target.value)} minLength={10} required />
              <button type="submit" className="small">
                {t('accounts.setPassword')}
              </button>
            </form>
          )}
        </div>
      </td>
    </tr>
  )
}

/** Head office: every account and what it may see, and the back office's own audit log. */
export function AccountsScreen() {
  const t = useT()
  const id = useId()
  const users = useLoad(() => api.users(), [])
  const [before, setBefore] = useState<number | undefined>(undefined)
  const audit = useLoad(() => api.audit(before), [before])
  const [error, setError] = useState<unknown>(null)
  return (
    <section className="screen" aria-labelledby={`${id}-title`}>
      <h1 id={`${id}-title`}>{t('nav.accounts')}</h1>
      <NewAccount onMade={users.reload} />
      <ErrorText error={users.error ?? error} />
      {users.value && (
        <div className="table-wrap">
          <table className="table" aria-label={t('accounts.list')}>
            <Head columns={[t('accounts.name'), t('accounts.role'), t('accounts.stores'), t('tills.state')]} actions />
            <tbody>
              {users.value.users.map((u) => (
                <UserRow
                  key={u.userId}
                  user={u}
                  onChanged={() => {
                    setError(null)
                    users.reload()
                    audit.reload()
                  }}
                  onError={setError}
                />
              ))}
            </tbody>
          </table>
        </div>
      )}
      <h2>{t('accounts.audit')}</h2>
      <ErrorText error={audit.error} />
      {audit.value && (
        <>
          <div className="table-wrap">
            <table className="table" aria-label={t('accounts.audit')}>
              <Head columns={[t('col.when'), t('story.who'), t('story.action'), t('accounts.subject'), t('story.outcome')]} />
              <tbody>
                {audit.value.entries.map((e) => (
                  <tr key={e.id}>
                    <td>
                      <When at={e.at} storeId={null} />
                    </td>
                    <td>{e.userName ?? '—'}</td>
                    <td>{e.action}</td>
                    <td className="ref">{e.subject ?? '—'}</td>
                    <td>{e.outcome === 'ok' ? t('accounts.ok') : t('accounts.refused')}</td>
                  </tr>
                ))}
              </tbody>
            </table>
          </div>
          {audit.value.next !== null && (
            <button type="button" onClick={() => setBefore(audit.value?.next ?? undefined)}>
              {t('accounts.older')}
            </button>
          )}
        </>
      )}
    </section>
  )
}
