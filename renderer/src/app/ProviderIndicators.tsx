import { formatInstant } from '../../../shared/time'
import { useApp, useT } from './till-context'

export function ProviderIndicators() {
  const t = useT()
  const providers = useApp((state) => state.providers)
  const { language, timeZone } = useApp((state) => state.preferences)
  return (
    <ul className="providers" aria-label={t('providers.label')}>
      {providers.map((status) => {
        const state = t(`provider.${status.connectivity}`)
        const seen = status.checkedAt === null ? '' : ` (${t('provider.checkedAt', { time: formatInstant(status.checkedAt, timeZone, language) })})`
        return (
          <li key={status.provider} className={`provider provider-${status.connectivity}`} data-provider={status.provider} title={`${state}${seen}`}>
            <span className="dot" aria-hidden="true" />
            <span>{status.name}</span>
            <span className="visually-hidden">
              {state} · {t(`provider.mode.${status.mode}`)}
            </span>
          </li>
        )
      })}
    </ul>
  )
}
