import { useId, useState } from 'react'
import { useApp, useT, useTillClient } from '../../app/till-context'
import { ErrorNotice } from '../../ui/ErrorNotice'
import { useSubmit } from '../auth/use-submit'

export function StoreSettings() {
  const t = useT()
  const client = useTillClient()
  const prefs = useApp((state) => state.preferences)
  const [timeZone, setTimeZone] = useState(prefs.timeZone)
  const [idleMinutes, setIdleMinutes] = useState(String(prefs.idleLockSeconds / 60))
  const [flow, setFlow] = useState(prefs.gotitFlow)
  const [saved, setSaved] = useState(false)
  const id = useId()
  const { error, busy, onSubmit } = useSubmit(async () => {
    setSaved(false)
    // The core is the judge of what is valid; the screen shows its answer.
    const result = await client.call('settings:setStore', { timeZone: timeZone.trim(), idleLockSeconds: Math.round(Number(idleMinutes) * 60), gotitFlow: flow })
    setSaved(result.ok)
    return result.ok ? null : result.error
  })
  return (
    <section aria-labelledby={`${id}-title`}>
      <h2 id={`${id}-title`}>{t('settings.store')}</h2>
      <form onSubmit={onSubmit} className="form">
        <label htmlFor={`${id}-zone`}>{t('settings.timeZone')}</label>
        <input
          id={`${id}-zone`}
          value={timeZone}
          onChange={(event) => setTimeZone(event.target.value)}
          aria-describedby={`${id}-zone-hint`}
          aria-invalid={error !== null}
          autoComplete="off"
          spellCheck={false}
        />
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
