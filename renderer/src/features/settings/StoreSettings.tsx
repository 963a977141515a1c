import { useId, useState } from 'react'
import { useApp, useT, useTillClient } from '../../app/till-context'
import { ErrorNotice } from '../../ui/ErrorNotice'
import { useSubmit } from '../auth/use-submit'
import { useChannel } from './use-channel'

/** Every time zone the system knows, with the store's own first so it is the default. */
function zonesWith(current: string): string[] {
  const known = typeof Intl.supportedValuesOf === 'function' ? Intl.supportedValuesOf('timeZone') : []
  return [current, ...known.filter((zone) => zone !== current)]
}

export function StoreSettings() {
  const t = useT()
  const client = useTillClient()
  const prefs = useApp((state) => state.preferences)
  const [timeZone, setTimeZone] = useState(prefs.timeZone)
  const [storeName, setStoreName] = useState(prefs.storeName)
  const [idleMinutes, setIdleMinutes] = useState(String(prefs.idleLockSeconds / 60))
  const [flow, setFlow] = useState(prefs.gotitFlow)
  const [offline, setOffline] = useState(prefs.offlinePolicy.enabled)
  const [voucherCap, setVoucherCap] = useState(String(prefs.offlinePolicy.perVoucherCap))
  const [shiftCap, setShiftCap] = useState(String(prefs.offlinePolicy.perShiftCap))
  const [callbacksOn, setCallbacksOn] = useState(prefs.callbacks.enabled)
  const [callbackHost, setCallbackHost] = useState(prefs.callbacks.host)
  const [callbackPort, setCallbackPort] = useState(String(prefs.callbacks.port))
  const receiver = useChannel('callbacks:status', { limit: 1 })
  const [saved, setSaved] = useState(false)
  const id = useId()
  const { error, busy, onSubmit } = useSubmit(async () => {
    setSaved(false)
    // The core is the judge of what is valid; the screen shows its answer.
    const result = await client.call('settings:setStore', {
      storeName: storeName.trim(),
      timeZone: timeZone.trim(),
      idleLockSeconds: Math.round(Number(idleMinutes) * 60),
      gotitFlow: flow,
      offlinePolicy: { enabled: offline, perVoucherCap: Number(voucherCap) || 0, perShiftCap: Number(shiftCap) || 0 },
      callbacks: { enabled: callbacksOn, host: callbackHost.trim(), port: Number(callbackPort) || 0 }
    })
    setSaved(result.ok)
    // The receiver starts or stops just after the answer.
    if (result.ok) setTimeout(() => void receiver.reload(), 300)
    return result.ok ? null : result.error
  })
  return (
    <section aria-labelledby={`${id}-title`}>
      <h2 id={`${id}-title`}>{t('settings.store')}</h2>
      <form onSubmit={onSubmit} className="form">
        <label htmlFor={`${id}-store-name`}>{t('settings.storeName')}</label>
        <input id={`${id}-store-name`} value={storeName} maxLength={80} onChange={(event) => setStoreName(event.target.value)} autoComplete="off" />
        <label htmlFor={`${id}-zone`}>{t('settings.timeZone')}</label>
        <select id={`${id}-zone`} value={timeZone} onChange={(event) => setTimeZone(event.target.value)} aria-describedby={`${id}-zone-hint`}>
          {zonesWith(prefs.timeZone).map((zone) => (
            <option key={zone} value={zone}>
              {zone.replace(/_/g, ' ')}
            </option>
          ))}
        </select>
        <p id={`${id}-zone-hint`} className="hint">
          {t('settings.timeZoneHint')}
        </p>
        <label htmlFor={`${id}-idle`}>{t('settings.idleLock')}</label>
        <input id={`${id}-idle`} type="number" min={0} step={0.5} value={idleMinutes} onChange={(event) => setIdleMinutes(event.target.value)} />
        <p className="hint">{t('settings.idleLockHint')}</p>
        <label htmlFor={`${id}-flow`}>{t('settings.gotitFlow')}</label>
        <select id={`${id}-flow`} value={flow} onChange={(event) => setFlow(event.target.value === 'reserve' ? 'reserve' : 'direct')}>
          <option value="direct">{t('settings.flow.direct')}</option>
          <option value="reserve">{t('settings.flow.reserve')}</option>
        </select>
        <fieldset className="offline-policy">
          <legend>{t('settings.offline')}</legend>
          <label className="checkbox">
            <input type="checkbox" checked={offline} onChange={(event) => setOffline(event.target.checked)} /> {t('settings.offlineEnabled')}
          </label>
          <label htmlFor={`${id}-vcap`}>{t('settings.offlineVoucherCap')}</label>
          <input id={`${id}-vcap`} inputMode="numeric" value={voucherCap} onChange={(event) => setVoucherCap(event.target.value.replace(/\D/g, ''))} />
          <label htmlFor={`${id}-scap`}>{t('settings.offlineShiftCap')}</label>
          <input id={`${id}-scap`} inputMode="numeric" value={shiftCap} onChange={(event) => setShiftCap(event.target.value.replace(/\D/g, ''))} />
        </fieldset>
        <fieldset className="callbacks">
          <legend>{t('settings.callbacks')}</legend>
          <p className="hint">{t('settings.callbacksHint')}</p>
          <label className="checkbox">
            <input type="checkbox" checked={callbacksOn} onChange={(event) => setCallbacksOn(event.target.checked)} /> {t('settings.callbacksEnabled')}
          </label>
          <label htmlFor={`${id}-cbhost`}>{t('settings.callbacksHost')}</label>
          <input id={`${id}-cbhost`} value={callbackHost} onChange={(event) => setCallbackHost(event.target.value)} autoComplete="off" spellCheck={false} />
          <label htmlFor={`${id}-cbport`}>{t('settings.callbacksPort')}</label>
          <input id={`${id}-cbport`} inputMode="numeric" value={callbackPort} onChange={(event) => setCallbackPort(event.target.value.replace(/\D/g, ''))} />
          <p className="hint" role="status" data-testid="callbacks-status">
            {receiver.value?.listening ? t('settings.callbacksListening', { url: receiver.value.url ?? '' }) : receiver.value?.problem ? receiver.value.problem : t('settings.callbacksOff')}
          </p>
          {receiver.value?.deliveries[0] && (
            <p className="hint" data-testid="callbacks-latest">
              {t('settings.callbacksLatest', {
                provider: receiver.value.deliveries[0].provider ?? receiver.value.deliveries[0].route,
                status: receiver.value.deliveries[0].status,
                outcome: receiver.value.deliveries[0].outcome,
                remote: receiver.value.deliveries[0].remote ?? '—'
              })}
            </p>
          )}
        </fieldset>
        <button type="submit" disabled={busy}>
          {t('settings.save')}
        </button>
      </form>
      {error !== null && <ErrorNotice error={error} t={t} />}
      {saved && (
        <p className="notice notice-ok" role="status">
          {t('settings.saved')}
        </p>
      )}
    </section>
  )
}
