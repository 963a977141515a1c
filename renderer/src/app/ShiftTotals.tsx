import type { ShiftSummary } from '../../../shared/channels/journal'
import { formatMoney } from '../../../shared/money'
import { formatInstant } from '../../../shared/time'
import { useApp, useT } from './till-context'

/** What a shift did, per provider, and what is not settled yet: on Close shift and in the shift report. */
export function ShiftTotals(props: { summary: ShiftSummary }) {
  const t = useT()
  const { language, timeZone } = useApp((state) => state.preferences)
  const { summary } = props
  return (
    <>
      <p className="muted">{summary.since ? t('shift.since', { when: formatInstant(summary.since, timeZone, language) }) : t('shift.sinceStart')}</p>
      <dl data-testid="shift-totals">
        {summary.lines.map((line) => (
          <div key={`${line.provider}-${line.label.en}`} className="shift-line">
            <dt>{line.label[language]}</dt>
            <dd>{t('shift.line', { count: line.count, amount: formatMoney(line.amount, language) })}</dd>
          </div>
        ))}
      </dl>
      {summary.unsettled > 0 && <p className="notice notice-warn">{t('shift.unsettled', { count: summary.unsettled })}</p>}
    </>
  )
}
