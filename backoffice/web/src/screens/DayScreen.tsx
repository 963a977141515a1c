import { useId, useState } from 'react'
import type { DayView } from '../../../../shared/backoffice/screens'
import { api } from '../api'
import { useT, type Translate } from '../i18n'
import { useSession, zoneOf } from '../session'
import { ErrorText, Head, kindName, Money, num, providerName, storeName, todayIn, useLoad } from '../ui'

const hourLabel = (hour: number): string => `${String(hour).padStart(2, '0')}:00`

/** Operations per local hour beside the same weekday last week, drawn as bars, with the same numbers as a table under it. */
function HourChart(props: { day: DayView; t: Translate }) {
  const { day, t } = props
  const max = Math.max(1, ...day.hours.flatMap((h) => [h.count, h.lastWeek]))
  const total = day.hours.reduce((n, h) => n + h.count, 0)
  const lastWeek = day.hours.reduce((n, h) => n + h.lastWeek, 0)
  const height = 160
  return (
    <figure>
      <div className="legend" aria-hidden="true">
        <span className="today">{day.day}</span>
        <span className="last-week">{day.lastWeekDay}</span>
      </div>
      {/* The bars stretch with the page; the hours are text beneath them, so they never do. */}
      <div className="chart">
        <svg viewBox={`0 0 ${24 * 30} ${height}`} preserveAspectRatio="none" role="img" aria-label={t('day.chart.describe', { day: day.day, total, lastWeek, lastWeekDay: day.lastWeekDay })}>
          {day.hours.map((h) => (
            <g key={h.hour}>
              <rect className="today" x={h.hour * 30 + 3} width={11} y={height - (h.count / max) * height} height={(h.count / max) * height} />
              <rect className="last-week" x={h.hour * 30 + 15} width={11} y={height - (h.lastWeek / max) * height} height={(h.lastWeek / max) * height} />
            </g>
          ))}
        </svg>
        <div className="chart-hours" aria-hidden="true">
          {day.hours
            .filter((h) => h.hour % 3 === 0)
            .map((h) => (
              <span key={h.hour}>{hourLabel(h.hour)}</span>
            ))}
        </div>
      </div>
      <figcaption>
        <details>
          <summary>{t('day.chart.asTable')}</summary>
          <table className="table" aria-label={t('day.chart.table')}>
            <Head columns={[t('day.hour'), num(day.day), num(day.lastWeekDay)]} />
            <tbody>
              {day.hours.map((h) => (
                <tr key={h.hour}>
                  <th scope="row">{hourLabel(h.hour)}</th>
                  <td className="num">{h.count}</td>
                  <td className="num">{h.lastWeek}</td>
                </tr>
              ))}
            </tbody>
          </table>
        </details>
      </figcaption>
    </figure>
  )
}

function Totals(props: { totals: { currency: string; amount: number }[] }) {
  if (props.totals.length === 0) return <span className="muted">—</span>
  return (
    <>
      {props.totals.map((total, i) => (
        <span key={total.currency}>
          {i > 0 && ', '}
          <Money amount={total.amount} currency={total.currency} />
        </span>
      ))}
    </>
  )
}

/** How the day splits by till or by cashier: operations, and what was done in each currency. */
function Breakdown(props: { title: string; who: string; rows: { key: string; name: string; storeId: string; count: number; totals: { currency: string; amount: number }[] }[]; allStores: boolean }) {
  const t = useT()
  return (
    <div>
      <h2>{props.title}</h2>
      <table className="table" aria-label={props.title}>
        <Head columns={[props.who, num(t('col.count')), num(t('day.doneAmount'))]} />
        <tbody>
          {props.rows.map((row) => (
            <tr key={row.key}>
              <td className="ref">
                {row.name} {props.allStores && <span className="muted">· {storeName(row.storeId)}</span>}
              </td>
              <td className="num">{row.count}</td>
              <td className="num">
                <Totals totals={row.totals} />
              </td>
            </tr>
          ))}
        </tbody>
      </table>
    </div>
  )
}

export function DayScreen() {
  const t = useT()
  const id = useId()
  const { me, store } = useSession()
  const [day, setDay] = useState(() => todayIn(zoneOf(me, store || (me?.stores[0]?.storeId ?? null))))
  const view = useLoad(() => api.day(day, store || undefined), [day, store])
  const v = view.value
  return (
    <section className="screen" aria-labelledby={`${id}-title`}>
      <h1 id={`${id}-title`}>{t('nav.day')}</h1>
      <div className="filters">
        <div>
          <label htmlFor={`${id}-day`}>{t('day.day')}</label>
          <input id={`${id}-day`} type="date" value={day} onChange={(e) => e.target.value && setDay(e.target.value)} />
        </div>
      </div>
      <ErrorText error={view.error} />
      {v && (
        <>
          <p>{v.storeId ? t('day.oneStore', { store: storeName(v.storeId), day: v.day }) : t('day.stores', { count: v.stores, day: v.day })}</p>
          <div className="cards" data-testid="day-cards">
            <div className="card">
              {t('status.done')}
              <strong>{v.counts.done}</strong>
            </div>
            <div className="card">
              {t('status.open')}
              <strong>{v.counts.open}</strong>
            </div>
            <div className="card">
              {t('status.failed')}
              <strong>{v.counts.failed}</strong>
            </div>
            <div className="card">
              {t('day.needsReview')}
              <strong>{v.needsReview}</strong>
            </div>
            <div className="card">
              {t('day.offline')}
              <strong>{v.offline.accepted}</strong>
              <span className="muted">{t('day.offlineOpen', { count: v.offline.stillOpen })}</span>
            </div>
          </div>
          <h2>{t('day.totals')}</h2>
          <table className="table" aria-label={t('day.totals')} data-testid="day-totals">
            <Head columns={[t('col.provider'), t('col.what'), num(t('col.count')), num(t('col.amount'))]} />
            <tbody>
              {v.totals.length === 0 && (
                <tr>
                  <td colSpan={4} className="muted">
                    {t('day.nothingDone')}
                  </td>
                </tr>
              )}
              {v.totals.map((row) => (
                <tr key={`${row.provider}-${row.kind}-${row.currency ?? ''}`}>
                  <td>{providerName(t, row.provider)}</td>
                  <td>{kindName(t, row.kind)}</td>
                  <td className="num">{row.count}</td>
                  <td className="num">
                    <Money amount={row.amount} currency={row.currency} />
                  </td>
                </tr>
              ))}
            </tbody>
          </table>
          <h2>{t('day.byHour')}</h2>
          <HourChart day={v} t={t} />
          <div className="split">
            <Breakdown
              title={t('day.byTill')}
              who={t('col.till')}
              rows={v.tills.map((row) => ({ key: `${row.storeId}-${row.tillId}`, name: row.tillId, storeId: row.storeId, count: row.count, totals: row.totals }))}
              allStores={!v.storeId}
            />
            <Breakdown
              title={t('day.byCashier')}
              who={t('col.staff')}
              rows={v.staff.map((row) => ({ key: `${row.storeId}-${row.staffName ?? ''}`, name: row.staffName ?? t('day.noCashier'), storeId: row.storeId, count: row.count, totals: row.totals }))}
              allStores={!v.storeId}
            />
          </div>
        </>
      )}
    </section>
  )
}
