import { useT } from '../../app/till-context'
import type { MessageKey } from '../../i18n/i18n'

/** A screen whose feature has not been built yet: says what it will be for, nothing more. */
export function PlannedScreen(props: { title: MessageKey; purpose: MessageKey }) {
  const t = useT()
  return (
    <section aria-labelledby="planned-title" className="screen">
      <h1 id="planned-title">{t(props.title)}</h1>
      <p>{t(props.purpose)}</p>
      <p className="muted">{t('planned.note')}</p>
    </section>
  )
}
