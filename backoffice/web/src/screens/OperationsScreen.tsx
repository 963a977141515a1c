import { useEffect, useId, useRef, useState, type FormEvent } from 'react'
import type { Operation, OperationsQuery, Story } from '../../../../shared/backoffice/screens'
import { api, exportUrl } from '../api'
import { useT } from '../i18n'
import { useSession } from '../session'
import { ErrorText, Head, kindName, Money, num, providerName, providers, statuses, statusName, storeName, When } from '../ui'

type Filters = Pick<OperationsQuery, 'till' | 'provider' | 'status' | 'staff' | 'from' | 'to' | 'search'>
const keyOf = (o: Operation): string => `${o.tillId}|${o.provider}|${o.kind}|${o.ref}|${o.createdAt}`

/** An operation's story: every version the till sent, its journal rows' outcomes and the till's audit entries about it. */
function StoryPanel(props: { operation: Operation; onClose: () => void }) {
  const t = useT()
  const id = useId()
  const [story, setStory] = useState<Story | null>(null)
  const [error, setError] = useState<unknown>(null)
  const heading = useRef<HTMLHeadingElement>(null)
  const o = props.operation
  useEffect(() => {
    api.story({ tillId: o.tillId, provider: o.provider, kind: o.kind, ref: o.ref, createdAt: o.createdAt }).then(setStory, setError)
  }, [o])
  useEffect(() => {
    heading.current?.focus()
  }, [])
  return (
    <section className="story" aria-labelledby={`${id}-title`}>
      <h2 id={`${id}-title`} ref={heading} tabIndex={-1}>
        {t('story.title', { what: kindName(t, o.kind), ref: o.ref })}
      </h2>
      <p>
        {providerName(t, o.provider)} · {t('story.tillOf', { till: o.tillId, store: storeName(o.storeId) })}
        {o.providerRef && <> · {t('story.providerRef', { ref: o.providerRef })}</>}
      </p>
      <ErrorText error={error} />
      {story && (
        <>
          <h3>{t('story.versions')}</h3>
          <table className="table" aria-label={t('story.versions')}>
            <Head columns={[t('col.when'), t('col.status'), num(t('col.amount')), t('story.received')]} />
            <tbody>
              {story.versions.map((v) => (
                <tr key={v.version}>
                  <td>
                    <When at={v.updatedAt} storeId={o.storeId} />
                  </td>
                  <td>
                    {statusName(t, v.status)} <span className="muted">({v.detailStatus})</span>
                    {v.approvedBy && <div className="muted">{t('story.approvedBy', { name: v.approvedBy })}</div>}
                  </td>
                  <td className="num">
                    <Money amount={v.amountMinor} currency={v.currency} />
                  </td>
                  <td>
                    <When at={v.receivedAt} storeId={o.storeId} />
                  </td>
                </tr>
              ))}
            </tbody>
          </table>
          <h3>{t('story.journal')}</h3>
          {story.journal.length === 0 ? (
            <p className="muted">{t('story.noJournal')}</p>
          ) : (
            <table className="table" aria-label={t('story.journal')}>
              <Head columns={[t('story.operation'), t('story.outcome'), num(t('story.attempts')), t('story.requestIds')]} />
              <tbody>
                {story.journal.map((j) => (
                  <tr key={j.journalId}>
                    <td className="ref">{j.operation}</td>
                    <td>{j.state}</td>
                    <td className="num">{j.attempts}</td>
                    <td className="ref">{j.requestIds.join(' ') || '—'}</td>
                  </tr>
                ))}
              </tbody>
            </table>
          )}
          <h3>{t('story.audit')}</h3>
          {story.audit.length === 0 ? (
            <p className="muted">{t('story.noAudit')}</p>
          ) : (
            <table className="table" aria-label={t('story.audit')}>
              <Head columns={[t('col.when'), t('story.who'), t('story.action'), t('story.detail')]} />
              <tbody>
                {story.audit.map((a) => (
                  <tr key={a.auditId}>
                    <td>
                      <When at={a.at} storeId={o.storeId} />
                    </td>
                    <td>{a.actorName ?? '—'}</td>
                    <td>
                      {a.action} {!a.chainOk && <span className="flag flag-bad">{t('story.chainBroken')}</span>}
                    </td>
                    <td className="detail ref">{a.detail}</td>
                  </tr>
                ))}
              </tbody>
            </table>
          )}
        </>
      )}
      <button type="button" onClick={props.onClose}>
        {t('story.close')}
      </button>
    </section>
  )
}

export function OperationsScreen() {
  const t = useT()
  const id = useId()
  const store = useSession((state) => state.store)
  const [draft, setDraft] = useState<Filters>({})
  const [filters, setFilters] = useState<Filters>({})
  const [rows, setRows] = useState<Operation[]>([])
  const [next, setNext] = useState<string | null>(null)
  const [error, setError] = useState<unknown>(null)
  const [busy, setBusy] = useState(false)
  const [open, setOpen] = useState<Operation | null>(null)
  const query = { ...filters, ...(store ? { store } : {}) }

  const load = (after?: string): void => {
    setBusy(true)
    api.operations({ ...query, ...(after ? { after } : {}) }).then(
      (page) => {
        setRows((before) => (after ? [...before, ...page.operations] : page.operations))
        setNext(page.next)
        setError(null)
        setBusy(false)
      },
      (e: unknown) => {
        setError(e)
        setBusy(false)
      }
    )
  }
  // Loaded afresh whenever the filters or the store change (compared by value: the object is new on every render).
  const queryKey = JSON.stringify(query)
  useEffect(() => load(), [queryKey])

  const apply = (event: FormEvent): void => {
    event.preventDefault()
    setOpen(null)
    setFilters(Object.fromEntries(Object.entries(draft).filter(([, v]) => v !== undefined && v !== '')) as Filters)
  }
  const field = (name: keyof Filters) => ({ id: `${id}-${name}`, value: draft[name] ?? '', onChange: (e: { target: { value: string } }) => setDraft((d) => ({ ...d, [name]: e.target.value })) })

  return (
    <section className="screen" aria-labelledby={`${id}-title`}>
      <h1 id={`${id}-title`}>{t('nav.operations')}</h1>
      <form className="filters" onSubmit={apply} aria-label={t('ops.filters')}>
        <div>
          <label htmlFor={`${id}-search`}>{t('ops.search')}</label>
          <input type="search" {...field('search')} placeholder={t('ops.searchHint')} />
        </div>
        <div>
          <label htmlFor={`${id}-till`}>{t('col.till')}</label>
          <input {...field('till')} />
        </div>
        <div>
          <label htmlFor={`${id}-provider`}>{t('col.provider')}</label>
          <select {...field('provider')}>
            <option value="">{t('ops.any')}</option>
            {providers.map((p) => (
              <option key={p} value={p}>
                {providerName(t, p)}
              </option>
            ))}
          </select>
        </div>
        <div>
          <label htmlFor={`${id}-status`}>{t('col.status')}</label>
          <select {...field('status')}>
            <option value="">{t('ops.any')}</option>
            {statuses.map((s) => (
              <option key={s} value={s}>
                {statusName(t, s)}
              </option>
            ))}
          </select>
        </div>
        <div>
          <label htmlFor={`${id}-staff`}>{t('col.staff')}</label>
          <input {...field('staff')} />
        </div>
        <div>
          <label htmlFor={`${id}-from`}>{t('ops.from')}</label>
          <input type="date" {...field('from')} />
        </div>
        <div>
          <label htmlFor={`${id}-to`}>{t('ops.to')}</label>
          <input type="date" {...field('to')} />
        </div>
        <button type="submit">{t('ops.apply')}</button>
        <a className="button-link" href={exportUrl('operations/export', query)} download>
          {t('ops.export')}
        </a>
      </form>
      <ErrorText error={error} />
      {open && <StoryPanel operation={open} onClose={() => setOpen(null)} />}
      <div className="table-wrap">
        <table className="table" aria-label={t('nav.operations')} data-testid="operations">
          <Head columns={[t('col.when'), t('col.till'), t('col.what'), t('col.reference'), t('col.status'), num(t('col.amount')), t('col.staff')]} actions />
          <tbody>
            {rows.length === 0 && !busy && (
              <tr>
                <td colSpan={8} className="muted">
                  {t('ops.none')}
                </td>
              </tr>
            )}
            {rows.map((o) => (
              <tr key={keyOf(o)}>
                <td>
                  <When at={o.createdAt} storeId={o.storeId} />
                </td>
                <td>
                  {o.tillId}
                  {!store && <div className="muted">{storeName(o.storeId)}</div>}
                </td>
                <td>
                  {providerName(t, o.provider)}
                  <div className="muted">{kindName(t, o.kind)}</div>
                </td>
                <td className="ref">
                  {o.ref}
                  {o.summary && <div className="muted">{o.summary}</div>}
                </td>
                <td>
                  {statusName(t, o.status)}
                  {o.offline && <div className="flag flag-warn">{t('ops.offline')}</div>}
                </td>
                <td className="num">
                  <Money amount={o.amountMinor} currency={o.currency} />
                </td>
                <td>{o.staffName ?? '—'}</td>
                <td>
                  <button type="button" className="small" onClick={() => setOpen(o)} aria-label={t('ops.storyOf', { ref: o.ref })}>
                    {t('ops.story')}
                  </button>
                </td>
              </tr>
            ))}
          </tbody>
        </table>
      </div>
      {next && (
        <button type="button" disabled={busy} onClick={() => load(next)}>
          {t('ops.more')}
        </button>
      )}
    </section>
  )
}
