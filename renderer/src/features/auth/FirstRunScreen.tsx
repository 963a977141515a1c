import { useId, useState } from 'react'
import type { TillErrorData } from '../../../../shared/errors'
import { useApp, useT } from '../../app/till-context'
import { ErrorNotice } from '../../ui/ErrorNotice'
import { PinField } from '../../ui/PinField'
import { pinsDiffer, useSubmit } from './use-submit'

export function FirstRunScreen() {
  const t = useT()
  const setup = useApp((state) => state.setup)
  const [name, setName] = useState('')
  const [pin, setPin] = useState('')
  const [again, setAgain] = useState('')
  const id = useId()
  const { error, busy, onSubmit } = useSubmit(async (): Promise<TillErrorData | null> => {
    if (pin !== again) return pinsDiffer()
    return setup(name, pin)
  })
  return (
    <main className="auth-card">
      <h1>{t('auth.firstRunTitle')}</h1>
      <p>{t('auth.firstRunIntro')}</p>
      <form className="form" onSubmit={onSubmit}>
        <label htmlFor={`${id}-name`}>{t('staff.name')}</label>
        <input id={`${id}-name`} value={name} onChange={(event) => setName(event.target.value)} autoFocus autoComplete="off" />
        <PinField id={`${id}-pin`} label={t('auth.newPin')} value={pin} onChange={setPin} />
        <PinField id={`${id}-again`} label={t('auth.repeatPin')} value={again} onChange={setAgain} />
        <p className="hint">{t('auth.pinRules')}</p>
        <button type="submit" disabled={busy}>
          {t('auth.createManager')}
        </button>
      </form>
      {error && <ErrorNotice error={error} t={t} />}
    </main>
  )
}
