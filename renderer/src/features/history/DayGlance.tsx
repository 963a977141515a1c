import { lazy, Suspense, useId, useState } from 'react'
import { formatMoney } from '../../../../shared/money'
import { useApp } from '../../app/till-context'
import type { Translate } from '../../i18n/i18n'
import { ErrorNotice } from '../../ui/ErrorNotice'
import { useChannel } from '../settings/use-channel'
import { providerNameOf } from '../../../../shared/providers'

/** Chart.js is loaded when a manager first opens History, not with the till. */
const HourChart = lazy(() => import('./HourChart').then((module) => ({ default: module.HourChart })))

/** The store day at a glance, for managers: totals per provider and currency, what is open or needs review, and the day by hour. */
export function DayGlance(props: { t: Translate }) {
  const { t } = props
  const id = useId()
  const language = useApp((state) => state.preferences.language)
  const [day, setDay] = useState<string | null>(null)
  const glance = useChannel('history:day', day ? { day } : {})
  const value = glance.value
  return (
    <section aria-labelledby={`${id}-title`} className="day-glance printable-section">
      <h2 id={`${id}-title`}>{t('history.glance')}</h2>
      <label htmlFor={`${id}-day`}>{t('history.day')}</label>
      <input id={`${id}-day`} type="date" value={day ?? value?.day ?? ''} onChange={(event) => setDay(event.target.value || null)} />
      {glance.error && <ErrorNotice error={glance.error} t={t} />}
      {value && (
        <>
          <table className="table" aria-label={t('history.totals')} data-testid="day-totals">
            <thead>
              <tr>
                <th scope="col">{t('history.provider')}</th>
                <th scope="col">{t('history.what')}</th>
                <th scope="col">{t('history.count')}</th>
                <th scope="col">{t('history.amount')}</th>
              </tr>
            </thead>
            <tbody>
              {value.totals.length === 0 && (
                <tr>
                  <td colSpan={4} className="muted">
                    {t('history.nothingDone')}
                  </td>
                </tr>
              )}
              {value.totals.map((row) => (
                <tr key={`${row.provider}-${row.kind}-${row.currency ?? ''}`}>
                  <td>{providerNameOf(row.provider, language)}</td>
                  <td>{t(`history.kind.${row.kind}`)}</td>
                  <td>{row.count}</td>
                  <td>{row.currency ? formatMoney({ amount: row.amount, currency: row.currency }, language) : '—'}</td>
                </tr>
              ))}
            </tbody>
          </table>
          <p data-testid="day-counts">
            {t('history.counts', { done: value.counts.done, open: value.counts.open, failed: value.counts.failed, review: value.counts.review })}{' '}
            {t('history.offlineLine', { accepted: value.offline.accepted, stillOpen: value.offline.stillOpen })} {t('history.needsReview', { count: value.needsReview })}
          </p>
          <Suspense fallback={<p className="muted">…</p>}>
            <HourChart day={value} t={t} />
          </Suspense>
        </>
      )}
    </section>
  )
}
