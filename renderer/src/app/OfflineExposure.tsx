import { useEffect, useState } from 'react'
import type { OfflineExposure as Exposure } from '../../../shared/domain/redeem'
import { formatMoney } from '../../../shared/money'
import { useApp, useT, useTillClient } from './till-context'

/** Money accepted offline and not yet settled with Got It, always in sight while there is any. */
export function OfflineExposure() {
  const t = useT()
  const client = useTillClient()
  const language = useApp((state) => state.preferences.language)
  const [exposure, setExposure] = useState<Exposure | null>(null)
  useEffect(() => {
    const load = (): void => {
      void client.call('offline:exposure', {}).then((result) => result.ok && setExposure(result.value))
    }
    load()
    const stop = client.subscribe('redeem:changed', load)
    const timer = setInterval(load, 15_000)
    return () => {
      stop()
      clearInterval(timer)
    }
  }, [client])
  if (!exposure || exposure.count === 0) return null
  return (
    <span className="badge exposure" role="status" data-testid="offline-exposure">
      {t('offline.exposure', { count: exposure.count, amount: formatMoney(exposure.amount, language) })}
    </span>
  )
}
