import { useId, useState } from 'react'
import type { StaffSummary } from '../../../../shared/domain/staff'
import { useApp, useT } from '../../app/till-context'
import { ErrorNotice } from '../../ui/ErrorNotice'
import { PinField } from '../../ui/PinField'
import { PinPad } from '../../ui/PinPad'
import { useSubmit } from './use-submit'
import { useScanIsNotAPin } from './use-scan-is-not-a-pin'

export function LockScreen(props: { staff: StaffSummary }) {
  const t = useT()
  const unlock = useApp((state) => state.unlock)
  const signOut = useApp((state) => state.signOut)
  const [pin, setPin] = useState('')
  const id = useId()
  const scanned = useScanIsNotAPin(() => setPin(''))
  const { error, busy, onSubmit } = useSubmit(async () => {
    const typed = pin
    setPin('')
    return unlock(typed)
  })
  return (
    <main className="auth-card">
      <h1>{t('auth.lockedTitle')}</h1>
      <p>{t('auth.lockedBy', { name: props.staff.name })}</p>
      <form className="form" onSubmit={onSubmit}>
        <PinField id={`${id}-pin`} label={t('auth.pin')} value={pin} onChange={setPin} autoFocus />
        <PinPad value={pin} onChange={setPin} padLabel={t('auth.pinPad')} clearLabel={t('auth.pinClear')} backLabel={t('auth.pinBack')} />
        <button type="submit" disabled={busy || pin === ''}>
          {t('auth.unlock')}
        </button>
      </form>
      <button type="button" className="link-button" onClick={() => void signOut()}>
        {t('auth.someoneElse')}
      </button>
      {scanned && (
        <p className="notice notice-warn" role="alert">
          {t('auth.scanUnlockFirst')}
        </p>
      )}
      {error && <ErrorNotice error={error} t={t} />}
    </main>
  )
}
