import { useId } from 'react'
import { api } from '../api'
import { useT } from '../i18n'
import { useSession } from '../session'
import { ErrorText, Head, kindName, Money, num, providerName, statusName, useLoad, When } from '../ui'

/** Every till's operations that need a manager, oldest first, and what the tills say was done about the ones that did. */
export function AttentionScreen() {
  const t = useT()
  const id = useId()
  const store = useSession((state) => state.store)
  const view = useLoad(() => api.attention(store || undefined), [store])
  const v = view.value
  return (
    <section className="screen" aria-labelledby={`${id}-title`}>
      <h1 id={`${id}-title`}>{t('nav.attention')}</h1>
      <p className="muted">{t('attention.explain')}</p>
      <ErrorText error={view.error} />
      {v && (
        <>
          <h2>{t('attention.open', { count: v.open.length })}</h2>
          {v.open.length === 0 ? (
            <p className="notice notice-ok">{t('attention.nothing')}</p>
          ) : (
            <div className="table-wrap">
              <table className="table" aria-label={t('attention.openTable')}>
                <Head columns={[t('col.since'), t('col.store'), t('col.till'), t('col.what'), t('col.reference'), num(t('col.amount')), t('col.staff')]} />
                <tbody>
                  {v.open.map((o) => (
                    <tr key={`${o.tillId}-${o.provider}-${o.kind}-${o.ref}`}>
                      <td>
                        <When at={o.createdAt} storeId={o.storeId} />
                      </td>
                      <td>{o.storeName}</td>
                      <td>{o.tillId}</td>
                      <td>
                        {providerName(t, o.provider)} <span className="muted">{kindName(t, o.kind)}</span>
                        <div className="muted">{o.detailStatus}</div>
                      </td>
                      <td className="ref">{o.ref}</td>
                      <td className="num">
                        <Money amount={o.amountMinor} currency={o.currency} />
                      </td>
                      <td>{o.staffName ?? '—'}</td>
                    </tr>
                  ))}
                </tbody>
              </table>
            </div>
          )}
          <h2>{t('attention.resolved')}</h2>
          {v.resolved.length === 0 ? (
            <p className="muted">{t('attention.noneResolved')}</p>
          ) : (
            <div className="table-wrap">
              <table className="table" aria-label={t('attention.resolvedTable')}>
                <Head columns={[t('col.store'), t('col.till'), t('col.reference'), t('col.status'), t('attention.done')]} />
                <tbody>
                  {v.resolved.map((o) => (
                    <tr key={`${o.tillId}-${o.provider}-${o.kind}-${o.ref}`}>
                      <td>{o.storeName}</td>
                      <td>{o.tillId}</td>
                      <td className="ref">
                        {o.ref} <span className="muted">{providerName(t, o.provider)}</span>
                      </td>
                      <td>{statusName(t, o.status)}</td>
                      <td>
                        {o.resolvedBy ? (
                          <>
                            {t('attention.by', { name: o.resolvedBy })} <When at={o.resolvedAt} storeId={o.storeId} />
                            {o.note && <div className="muted">“{o.note}”</div>}
                          </>
                        ) : (
                          <span className="muted">{t('attention.byProvider')}</span>
                        )}
                      </td>
                    </tr>
                  ))}
                </tbody>
              </table>
            </div>
          )}
        </>
      )}
    </section>
  )
}
