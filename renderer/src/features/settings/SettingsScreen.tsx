import { useId, useState, type FormEvent } from 'react'
import type { TillErrorData } from '../../../../shared/errors'
import { useApp, useT } from '../../app/till-context'
import { ErrorNotice } from '../../ui/ErrorNotice'

export function SettingsScreen() {
  const t = useT()
  const savedZone = useApp((state) => state.preferences.timeZone)
  const savePreferences = useApp((state) => state.savePreferences)
  const [timeZone, setTimeZone] = useState(savedZone)
  const [error, setError] = useState<TillErrorData | null>(null)
  const [saved, setSaved] = useState(false)
  const [busy, setBusy] = useState(false)
  const zoneId = useId()

  const onSubmit = async (event: FormEvent): Promise<void> => {
    event.preventDefault()
    setBusy(true)
    setSaved(false)
    // The core is the judge of what is valid; the screen shows its answer.
    const problem = await savePreferences({ timeZone: timeZone.trim() })
    setBusy(false)
    setError(problem)
    setSaved(problem === null)
  }

  return (
    <section aria-labelledby="settings-title" className="screen">
      <h1 id="settings-title">{t('settings.title')}</h1>
      <form onSubmit={(event) => void onSubmit(event)} className="form">
        <label htmlFor={zoneId}>{t('settings.timeZone')}</label>
        <input
          id={zoneId}
          value={timeZone}
          onChange={(event) => setTimeZone(event.target.value)}
          aria-describedby={`${zoneId}-hint`}
          aria-invalid={error !== null}
          autoComplete="off"
          spellCheck={false}
        />
        <p id={`${zoneId}-hint`} className="hint">
          {t('settings.timeZoneHint')}
        </p>
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
