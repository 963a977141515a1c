import { useId, useState } from 'react'
import type { TillErrorData } from '../../../../shared/errors'
import { useApp, useT, useTillClient } from '../../app/till-context'
import { ErrorNotice } from '../../ui/ErrorNotice'
import { ManagerApproval, useFirstManagerId } from '../../ui/ManagerApproval'
import { useRedeemStore } from './redeem-store'

/** Got It cannot be reached and the store allows it: accept the vouchers on a manager's PIN. */
export function OfflineAccept() {
  const t = useT()
  const client = useTillClient()
  const policy = useApp((state) => state.preferences.offlinePolicy)
  const codes = useRedeemStore((state) => state.codes)
  const [values, setValues] = useState<Record<string, string>>({})
  const [managerId, setManagerId] = useState(useFirstManagerId())
  const [pin, setPin] = useState('')
  const [error, setError] = useState<TillErrorData | null>(null)
  const id = useId()
  const submit = async (): Promise<void> => {
    const result = await client.call('redeem:acceptOffline', {
      vouchers: codes.map((code) => ({ code, value: Number(values[code] ?? '0') || 0 })),
      managerId,
      managerPin: pin
    })
    setPin('')
    if (!result.ok) return setError(result.error)
    setError(null)
    useRedeemStore.setState({ redemption: result.value, billNumber: result.value.billNumber, error: null })
  }
  return (
    <form
      className="offline-accept"
      aria-labelledby={`${id}-title`}
      onSubmit={(event) => {
        event.preventDefault()
        void submit()
      }}
    >
      <h2 id={`${id}-title`}>{t('offline.title')}</h2>
      <p>{t('offline.explain', { voucherCap: policy.perVoucherCap, shiftCap: policy.perShiftCap })}</p>
      {codes.map((code) => (
        <div key={code} className="field">
          <label htmlFor={`${id}-${code}`}>{t('offline.value', { code })}</label>
          <input id={`${id}-${code}`} inputMode="numeric" value={values[code] ?? ''} onChange={(event) => setValues({ ...values, [code]: event.target.value.replace(/\D/g, '') })} />
        </div>
      ))}
      <ManagerApproval
        managerLabel={t('offline.manager')}
        pinLabel={t('offline.managerPin')}
        managerId={managerId}
        onManager={setManagerId}
        pin={pin}
        onPin={setPin}
        pad={{ padLabel: t('auth.pinPad'), clearLabel: t('auth.pinClear'), backLabel: t('auth.pinBack') }}
      />
      <button type="submit" disabled={pin === '' || codes.length === 0}>
        {t('offline.accept')}
      </button>
      {error && <ErrorNotice error={error} t={t} />}
    </form>
  )
}
