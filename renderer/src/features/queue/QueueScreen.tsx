import { useEffect, useId, useState } from 'react'
import type { JournalItem } from '../../../../shared/domain/journal'
import type { TillErrorData } from '../../../../shared/errors'
import { useApp, useT, useTillClient } from '../../app/till-context'
import type { Translate } from '../../i18n/i18n'
import { ErrorNotice } from '../../ui/ErrorNotice'
import { useChannel } from '../settings/use-channel'
import { formatMoney } from '../../../../shared/money'
import { BackofficeStatusLine } from '../backoffice/BackofficeStatusLine'

function age(fromIso: string, t: Translate): string {
  const minutes = Math.max(0, Math.round((Date.now() - Date.parse(fromIso)) / 60_000))
  return minutes < 60 ? t('queue.minutes', { n: minutes }) : t('queue.hours', { n: Math.round(minutes / 60) })
}

function ResolveForm(props: { item: JournalItem; onDone(error: TillErrorData | null): void }) {
  const t = useT()
  const client = useTillClient()
  const [note, setNote] = useState('')
  const [outcome, setOutcome] = useState<'succeeded' | 'rejected'>('succeeded')
  const id = useId()
  return (
    <form
      className="inline-form"
      onSubmit={(event) => {
        event.preventDefault()
        void client.call('journal:resolve', { id: props.item.id, outcome, note }).then((result) => props.onDone(result.ok ? null : result.error))
      }}
    >
      <label htmlFor={`${id}-outcome`} className="visually-hidden">
        {t('queue.outcome')}
      </label>
      <select id={`${id}-outcome`} value={outcome} onChange={(event) => setOutcome(event.target.value === 'rejected' ? 'rejected' : 'succeeded')}>
        <option value="succeeded">{t('queue.outcome.succeeded')}</option>
        <option value="rejected">{t('queue.outcome.rejected')}</option>
      </select>
      <label htmlFor={`${id}-note`} className="visually-hidden">
        {t('queue.note')}
      </label>
      <input id={`${id}-note`} placeholder={t('queue.note')} value={note} onChange={(event) => setNote(event.target.value)} />
      <button type="submit">{t('queue.resolve')}</button>
    </form>
  )
}

/** Every operation not yet settled with a provider: how old, how many tries, why, and what to do. */
export function QueueScreen() {
  const t = useT()
  const client = useTillClient()
  const role = useApp((state) => state.auth?.session?.staff.role)
  const language = useApp((state) => state.preferences.language)
  const { value, error, reload } = useChannel('journal:list', {})
  const [actionError, setActionError] = useState<TillErrorData | null>(null)
  useEffect(() => client.subscribe('journal:changed', () => void reload()), [client, reload])
  const retry = async (id: number): Promise<void> => {
    const result = await client.call('journal:retry', { id })
    setActionError(result.ok ? null : result.error)
    await reload()
  }
  return (
    <section aria-labelledby="queue-title" className="screen screen-wide">
      <h1 id="queue-title">{t('nav.queue')}</h1>
      <div className="toolbar">
        <button type="button" onClick={() => void reload()}>
          {t('audit.refresh')}
        </button>
      </div>
      <BackofficeStatusLine />
      {(error ?? actionError) && <ErrorNotice error={(error ?? actionError) as TillErrorData} t={t} />}
      {value && value.length === 0 && <p className="notice notice-ok">{t('queue.empty')}</p>}
      {value && value.length > 0 && (
        <table className="table" aria-label={t('nav.queue')}>
          <thead>
            <tr>
              <th scope="col">{t('queue.what')}</th>
              <th scope="col">{t('queue.state')}</th>
              <th scope="col">{t('queue.age')}</th>
              <th scope="col">{t('queue.amount')}</th>
              <th scope="col">{t('queue.attempts')}</th>
              <th scope="col">{t('queue.why')}</th>
              <th scope="col">{t('staff.actions')}</th>
            </tr>
          </thead>
          <tbody>
            {value.map((item) => (
              <tr key={item.id} data-testid={`queue-${item.subject ?? item.id}`}>
                <td>
                  {item.label[language]} · {item.subject}
                </td>
                <td>{t(`queue.state.${item.state}`)}</td>
                <td>{age(item.createdAt, t)}</td>
                <td>{item.amount ? formatMoney(item.amount, language) : '—'}</td>
                <td>{item.attempts}</td>
                <td>
                  <p>{t(`queue.reason.${item.reason}`)}</p>
                  {(item.lastError || item.requestId) && (
                    <details className="detail">
                      <summary>{t('queue.technical')}</summary>
                      {item.lastError}
                      {item.requestId && (
                        <>
                          <br />
                          {t('error.requestId')}: {item.requestId}
                        </>
                      )}
                    </details>
                  )}
                </td>
                <td className="actions">
                  {item.needsManager && role !== 'manager' ? (
                    <span className="muted">{t('queue.managerOnly')}</span>
                  ) : (
                    <button type="button" onClick={() => void retry(item.id)}>
                      {t('queue.retry')}
                    </button>
                  )}
                  {role === 'manager' && (item.state === 'needs_review' || item.state === 'unknown') && (
                    <ResolveForm
                      item={item}
                      onDone={(problem) => {
                        setActionError(problem)
                        void reload()
                      }}
                    />
                  )}
                </td>
              </tr>
            ))}
          </tbody>
        </table>
      )}
    </section>
  )
}
