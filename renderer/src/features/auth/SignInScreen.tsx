import { useId, useRef, useState } from 'react'
import { useApp, useT } from '../../app/till-context'
import { ErrorNotice } from '../../ui/ErrorNotice'
import { PinField } from '../../ui/PinField'
import { PinPad } from '../../ui/PinPad'
import { useSubmit } from './use-submit'
import { useScanIsNotAPin } from './use-scan-is-not-a-pin'

export function SignInScreen() {
  const t = useT()
  const choices = useApp((state) => state.signInChoices)
  const signIn = useApp((state) => state.signIn)
  const [staffId, setStaffId] = useState('')
  const [pin, setPin] = useState('')
  const pinRef = useRef<HTMLInputElement>(null)
  const id = useId()
  const scanned = useScanIsNotAPin(() => setPin(''))
  const { error, busy, onSubmit } = useSubmit(async () => {
    // Cleared when sent, not when answered: a PIN typed meanwhile must not be wiped.
    const typed = pin
    setPin('')
    pinRef.current?.focus()
    return signIn(staffId, typed)
  })
  return (
    <main className="auth-card">
      <h1>{t('auth.signInTitle')}</h1>
      <form className="form" onSubmit={onSubmit}>
        <fieldset className="staff-picker">
          <legend>{t('auth.who')}</legend>
          {choices.map((person, index) => (
            <label key={person.id} className="staff-choice">
              <input
                autoFocus={index === 0}
                type="radio"
                name={`${id}-staff`}
                value={person.id}
                checked={staffId === person.id}
                onChange={() => {
                  setStaffId(person.id)
                  pinRef.current?.focus()
                }}
              />
              {person.name} <span className="muted">({t(`role.${person.role}`)})</span>
            </label>
          ))}
        </fieldset>
        <PinField ref={pinRef} id={`${id}-pin`} label={t('auth.pin')} value={pin} onChange={setPin} />
        <PinPad value={pin} onChange={setPin} padLabel={t('auth.pinPad')} clearLabel={t('auth.pinClear')} backLabel={t('auth.pinBack')} />
        <button type="submit" disabled={busy || staffId === '' || pin === ''}>
          {t('auth.signIn')}
        </button>
      </form>
      {scanned && (
        <p className="notice notice-warn" role="alert">
          {t('auth.scanSignInFirst')}
        </p>
      )}
      {error && <ErrorNotice error={error} t={t} />}
    </main>
  )
}
