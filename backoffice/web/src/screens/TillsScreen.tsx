import { useEffect, useId, useState, type FormEvent } from 'react'
import type { TillView } from '../../../../shared/backoffice/screens'
import { api } from '../api'
import { useT, type Translate } from '../i18n'
import { useSession } from '../session'
import { ErrorText, Head, storeName, useLoad, When } from '../ui'

const minutes = (ms: number): number => Math.round(Math.abs(ms) / 60_000)
/** How often the list is read again while it is open. */
const REFRESH_MS = 5000

function Flags(props: { till: TillView; t: Translate }) {
  const { till, t } = props
  return (
    <div className="row-actions">
      {till.revokedAt && <span className="flag flag-warn">{t('tills.revoked')}</span>}
      {till.stopped && <span className="flag flag-bad">{t('tills.stopped')}</span>}
      {till.skewed && till.skewMs !== null && <span className="flag flag-bad">{t(till.skewMs < 0 ? 'tills.behind' : 'tills.ahead', { minutes: minutes(till.skewMs) })}</span>}
      {!till.chain.intact && <span className="flag flag-bad">{t('tills.chainBroken')}</span>}
      {till.identityChanges.length > 0 && <span className="flag flag-warn">{t('tills.newIdentity', { count: till.identityChanges.length })}</span>}
      {!till.revokedAt && !till.stopped && !till.skewed && till.chain.intact && <span className="flag flag-ok">{t('tills.fine')}</span>}
    </div>
  )
}

function NewStore(props: { onMade: (code: { storeId: string; code: string; expiresAt: string }) => void }) {
  const t = useT()
  const id = useId()
  const [store, setStore] = useState({ storeId: '', name: '', timeZone: 'Asia/Ho_Chi_Minh' })
  const [error, setError] = useState<unknown>(null)
  const submit = (event: FormEvent): void => {
    event.preventDefault()
    api.addStore(store).then((made) => {
      setError(null)
      props.onMade(made)
    }, setError)
  }
  return (
    <details>
      <summary>{t('tills.newStore')}</summary>
      <form className="form" onSubmit={submit}>
        <label htmlFor={`${id}-id`}>{t('tills.storeId')}</label>
        <input id={`${id}-id`} value={store.storeId} onChange={(e) => setStore({ ...store, storeId: e.target.value })} required />
        <label htmlFor={`${id}-name`}>{t('tills.storeName')}</label>
        <input id={`${id}-name`} value={store.name} onChange={(e) => setStore({ ...store, name: e.target.value })} required />
        <label htmlFor={`${id}-zone`}>{t('tills.timeZone')}</label>
        <input id={`${id}-zone`} value={store.timeZone} onChange={(e) => setStore({ ...store, timeZone: e.target.value })} required />
        <button type="submit">{t('tills.addStore')}</button>
      </form>
      <ErrorText error={error} />
    </details>
  )
}

/** Every till of the stores in view: when it last reported, its backlog, its clock, its audit chain and identity; a key can be revoked and a new till enrolled. */
export function TillsScreen() {
  const t = useT()
  const id = useId()
  const { me, store, setMe } = useSession()
  const view = useLoad(() => api.tills(store || undefined), [store])
  const [code, setCode] = useState<{ storeId: string; code: string; expiresAt: string } | null>(null)
  const [error, setError] = useState<unknown>(null)
  const [confirming, setConfirming] = useState<string | null>(null)
  const stores = store ? (me?.stores.filter((s) => s.storeId === store) ?? []) : (me?.stores ?? [])
  // A screen left open on a manager's desk keeps up: a till that stops reporting shows so without a reload.
  const { reload } = view
  useEffect(() => {
    const timer = setInterval(reload, REFRESH_MS)
    return () => clearInterval(timer)
  }, [reload])
  const makeCode = (storeId: string): void => void api.enrolmentCode(storeId).then(setCode, setError)
  const revoke = (tillId: string): void =>
    void api.revoke(tillId).then(() => {
      setConfirming(null)
      view.reload()
    }, setError)
  return (
    <section className="screen" aria-labelledby={`${id}-title`}>
      <h1 id={`${id}-title`}>{t('nav.tills')}</h1>
      {view.value && <p className="muted">{t('tills.explain', { minutes: view.value.stoppedAfterMinutes, seconds: view.value.skewLimitSeconds })}</p>}
      <ErrorText error={view.error ?? error} />
      {code && (
        <div className="notice notice-info" role="status">
          <p>{t('tills.codeFor', { store: storeName(code.storeId) || code.storeId })}</p>
          <p className="code-box">{code.code}</p>
          <p className="muted">
            {t('tills.codeUntil')} <When at={code.expiresAt} storeId={code.storeId} />
          </p>
        </div>
      )}
      <div className="row-actions">
        {stores.map((s) => (
          <button key={s.storeId} type="button" onClick={() => makeCode(s.storeId)}>
            {t('tills.enrolCode', { store: s.name })}
          </button>
        ))}
      </div>
      {me?.role === 'head_office' && (
        <NewStore
          onMade={(made) => {
            setCode(made)
            void api.me().then(setMe)
          }}
        />
      )}
      {view.value && (
        <div className="table-wrap">
          <table className="table" aria-label={t('nav.tills')} data-testid="tills">
            <Head columns={[t('col.till'), t('tills.lastSeen'), t('tills.backlog'), t('tills.clock'), t('tills.chain'), t('tills.state')]} actions />
            <tbody>
              {view.value.tills.length === 0 && (
                <tr>
                  <td colSpan={7} className="muted">
                    {t('tills.none')}
                  </td>
                </tr>
              )}
              {view.value.tills.map((till) => (
                <tr key={till.tillId} data-till={till.tillId}>
                  <td>
                    {till.name ?? till.tillId}
                    <div className="muted ref">{till.tillId}</div>
                    {!store && <div className="muted">{storeName(till.storeId)}</div>}
                  </td>
                  <td>
                    <When at={till.lastSeenAt} storeId={till.storeId} />
                  </td>
                  <td>
                    {till.backlog ?? '—'}
                    {till.backlogOldestAt && (
                      <div className="muted">
                        {t('tills.oldest')} <When at={till.backlogOldestAt} storeId={till.storeId} />
                      </div>
                    )}
                  </td>
                  <td>{till.skewMs === null ? '—' : t('tills.skew', { seconds: Math.round(till.skewMs / 1000) })}</td>
                  <td>
                    {till.chain.intact ? (
                      t('tills.intact')
                    ) : (
                      <>
                        {t('tills.brokenAt', { id: till.chain.auditId, action: till.chain.action ?? '?' })} <When at={till.chain.at} storeId={till.storeId} />
                        {!till.chain.hashMatches && <div className="muted">{t('tills.altered')}</div>}
                      </>
                    )}
                    {till.identityChanges.map((change) => (
                      <div key={change.at} className="muted">
                        {t('tills.identityAt')} <When at={change.at} storeId={till.storeId} />
                      </div>
                    ))}
                  </td>
                  <td>
                    <Flags till={till} t={t} />
                  </td>
                  <td>
                    {!till.revokedAt &&
                      (confirming === till.tillId ? (
                        <div className="row-actions">
                          <button type="button" className="small" onClick={() => revoke(till.tillId)}>
                            {t('tills.revokeConfirm')}
                          </button>
                          <button type="button" className="small" onClick={() => setConfirming(null)}>
                            {t('tills.keep')}
                          </button>
                        </div>
                      ) : (
                        <button type="button" className="small" onClick={() => setConfirming(till.tillId)} aria-label={t('tills.revokeOf', { till: till.name ?? till.tillId })}>
                          {t('tills.revoke')}
                        </button>
                      ))}
                  </td>
                </tr>
              ))}
            </tbody>
          </table>
        </div>
      )}
    </section>
  )
}
