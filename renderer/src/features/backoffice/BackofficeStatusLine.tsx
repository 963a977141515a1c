import { useEffect } from 'react'
import type { BackofficeStatus } from '../../../../shared/domain/backoffice'
import { useT, useTillClient } from '../../app/till-context'
import { useChannel } from '../settings/use-channel'

/** The link to the back office as it is now, kept up to date by its event. */
export function useBackofficeStatus(): BackofficeStatus | null {
  const client = useTillClient()
  const { value, reload } = useChannel('backoffice:status', {})
  useEffect(() => client.subscribe('backoffice:changed', () => void reload()), [client, reload])
  return value
}

/** Whether the back office is reached, what waits and since when, and the last problem in words. */
export function BackofficeStatusLine(props: { status?: BackofficeStatus | null }) {
  const t = useT()
  const own = useBackofficeStatus()
  const value = props.status === undefined ? own : props.status
  if (!value) return null
  if (!value.enrolled)
    return (
      <p className="hint" data-testid="backoffice-status">
        {t('backoffice.notEnrolled', { waiting: value.waiting })}
      </p>
    )
  const oldest = value.oldestWaitingAt ? Math.max(0, Math.round((Date.now() - Date.parse(value.oldestWaitingAt)) / 60_000)) : 0
  const state = value.stopped ? 'stopped' : value.reached === false ? 'unreached' : 'reached'
  return (
    <div className={`notice ${state === 'reached' ? 'notice-ok' : state === 'stopped' ? 'notice-error' : 'notice-warn'}`} data-testid="backoffice-status" role="status">
      <p>
        {t(`backoffice.state.${state}`, { store: value.store?.name ?? '', url: value.url ?? '' })}{' '}
        {value.waiting === 0 ? t('backoffice.nothingWaits') : t('backoffice.waiting', { waiting: value.waiting, minutes: oldest })}
      </p>
      {value.problem && <p>{value.problem}</p>}
    </div>
  )
}
