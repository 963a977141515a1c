import { useEffect, useState } from 'react'
import type { Alert } from '../../../shared/channels/app'
import { useT, useTillClient } from './till-context'

/** What needs someone's attention now, in the top bar: a provider failing often, a wallet running low. */
export function Alerts() {
  const t = useT()
  const client = useTillClient()
  const [alerts, setAlerts] = useState<Alert[]>([])
  useEffect(() => {
    const load = (): void => {
      void client.call('app:alerts', {}).then((result) => result.ok && setAlerts(result.value))
    }
    load()
    const stops = [client.subscribe('providers:changed', load), client.subscribe('giftcards:changed', load), client.subscribe('journal:changed', load)]
    const timer = setInterval(load, 15_000)
    return () => {
      stops.forEach((stop) => stop())
      clearInterval(timer)
    }
  }, [client])
  if (alerts.length === 0) return null
  return (
    <ul className="alerts" aria-label={t('alert.label')}>
      {alerts.map((alert) => (
        <li key={`${alert.provider}-${alert.kind}`} className="badge exposure" role="status" data-testid={`alert-${alert.kind}`}>
          {t(`alert.${alert.kind}`, { provider: alert.name, ...alert.params })}
        </li>
      ))}
    </ul>
  )
}
