import { BarController, BarElement, CategoryScale, Chart, Legend, LinearScale, Tooltip } from 'chart.js'
import { useEffect, useRef } from 'react'
import type { DayTotals } from '../../../../shared/domain/history'
import type { Translate } from '../../i18n/i18n'

Chart.register(BarController, BarElement, CategoryScale, LinearScale, Legend, Tooltip)

/**
 * Operations per hour of the store's day beside the same weekday last week (Chart.js). The
 * canvas is described for screen readers, and the same numbers are a table under it.
 */
export function HourChart(props: { day: DayTotals; t: Translate }) {
  const { day, t } = props
  const canvas = useRef<HTMLCanvasElement | null>(null)
  useEffect(() => {
    if (!canvas.current) return
    const chart = new Chart(canvas.current, {
      type: 'bar',
      data: {
        labels: day.hours.map((h) => `${String(h.hour).padStart(2, '0')}:00`),
        datasets: [
          { label: t('history.chart.today', { day: day.day }), data: day.hours.map((h) => h.count), backgroundColor: '#0b5cad' },
          { label: t('history.chart.lastWeek', { day: day.lastWeekDay }), data: day.hours.map((h) => h.lastWeek), backgroundColor: '#9aa5b1' }
        ]
      },
      options: { animation: false, responsive: true, maintainAspectRatio: false, scales: { y: { beginAtZero: true, ticks: { precision: 0 } } } }
    })
    return () => chart.destroy()
  }, [day, t])
  const busiest = day.hours.reduce((best, h) => (h.count > best.count ? h : best), { hour: 0, count: 0, lastWeek: 0 })
  return (
    <figure className="hour-chart">
      <div className="hour-chart-canvas">
        <canvas
          ref={canvas}
          role="img"
          aria-label={t('history.chart.describe', {
            day: day.day,
            total: day.hours.reduce((n, h) => n + h.count, 0),
            lastWeek: day.hours.reduce((n, h) => n + h.lastWeek, 0),
            busiest: `${String(busiest.hour).padStart(2, '0')}:00`
          })}
        />
      </div>
      <figcaption>
        <details>
          <summary>{t('history.chart.asTable')}</summary>
          <table className="table" aria-label={t('history.chart.table')}>
            <thead>
              <tr>
                <th scope="col">{t('history.chart.hour')}</th>
                <th scope="col">{day.day}</th>
                <th scope="col">{day.lastWeekDay}</th>
              </tr>
            </thead>
            <tbody>
              {day.hours.map((h) => (
                <tr key={h.hour}>
                  <th scope="row">{`${String(h.hour).padStart(2, '0')}:00`}</th>
                  <td>{h.count}</td>
                  <td>{h.lastWeek}</td>
                </tr>
              ))}
            </tbody>
          </table>
        </details>
      </figcaption>
    </figure>
  )
}
