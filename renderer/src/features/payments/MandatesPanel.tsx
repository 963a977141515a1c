import { useEffect, useId, useState } from 'react'
import type { MandateView } from '../../../../shared/domain/payments'
import type { TillErrorData } from '../../../../shared/errors'
import { formatMoney } from '../../../../shared/money'
import { formatDay } from '../../../../shared/time'
import { useApp, useTillClient } from '../../app/till-context'
import type { Translate } from '../../i18n/i18n'
import { ErrorNotice } from '../../ui/ErrorNotice'

/** A customer's mandates in every state, with their limits and next debit; managers revoke an active or paused one. */
export function MandatesPanel(props: { t: Translate; customerId: string | null }) {
  const { t } = props
  const id = useId()
  const client = useTillClient()
  const language = useApp((state) => state.preferences.language)
  const zone = useApp((state) => state.preferences.timeZone)
  const role = useApp((state) => state.auth?.session?.staff.role)
  const [customerId, setCustomerId] = useState(props.customerId ?? '')
  const [list, setList] = useState<MandateView[] | null>(null)
  const [confirming, setConfirming] = useState<string | null>(null)
  const [notice, setNotice] = useState<string | null>(null)
  const [error, setError] = useState<TillErrorData | null>(null)
  useEffect(() => {
    if (props.customerId) setCustomerId(props.customerId)
  }, [props.customerId])

  const load = async (): Promise<void> => {
    const result = await client.call('payments:mandates', { customerId: customerId.trim() })
    setList(result.ok ? result.value : null)
    setError(result.ok ? null : result.error)
  }
  const revoke = async (mandateId: string): Promise<void> => {
    setConfirming(null)
    const result = await client.call('payments:revoke', { mandateId, customerId: customerId.trim() })
    setError(result.ok ? null : result.error)
    if (result.ok) {
      setNotice(result.value.state === 'refused' ? t('payments.revoke.refused', { mandateId, why: result.value.problem?.message ?? '' }) : t(`payments.revoke.${result.value.state}`, { mandateId }))
      await load()
    }
  }

  return (
    <section aria-labelledby={`${id}-title`}>
      <h2 id={`${id}-title`}>{t('payments.mandates')}</h2>
      <form
        className="inline-form"
        aria-label={t('payments.findMandates')}
        onSubmit={(event) => {
          event.preventDefault()
          void load()
        }}
      >
        <label htmlFor={`${id}-customer`}>{t('payments.customerId')}</label>
        <input id={`${id}-customer`} value={customerId} maxLength={128} onChange={(event) => setCustomerId(event.target.value)} autoComplete="off" spellCheck={false} />
        <button type="submit" disabled={customerId.trim() === ''}>
          {t('payments.findMandates')}
        </button>
      </form>
      {notice && (
        <p className="notice notice-ok" role="status" data-testid="mandate-notice">
          {notice}
        </p>
      )}
      {error && <ErrorNotice error={error} t={t} />}
      {list && list.length === 0 && <p className="muted">{t('payments.noMandates')}</p>}
      {list && list.length > 0 && (
        <table className="table" aria-label={t('payments.mandatesOf', { customerId: customerId.trim() })}>
          <thead>
            <tr>
              <th scope="col">{t('payments.mandate')}</th>
              <th scope="col">{t('payments.mandateStatus')}</th>
              <th scope="col">{t('payments.maxAmount')}</th>
              <th scope="col">{t('payments.frequency')}</th>
              <th scope="col">{t('payments.nextDebit')}</th>
              <th scope="col">{t('payments.method')}</th>
              <th scope="col">
                <span className="visually-hidden">{t('payments.actions')}</span>
              </th>
            </tr>
          </thead>
          <tbody>
            {list.map((m) => (
              <tr key={m.mandateId} data-mandate={m.mandateId}>
                <td>
                  <code>{m.mandateId}</code>
                </td>
                <td>{m.status === 'UNKNOWN' ? m.rawStatus : t(`payments.mandate.${m.status}`)}</td>
                <td>
                  {m.maxAmount ? formatMoney(m.maxAmount, language) : '—'}
                  {m.amountRule ? ` (${t(m.amountRule === 'FIXED' ? 'payments.ruleFixed' : 'payments.ruleVariable')})` : ''}
                </td>
                <td>{m.frequency ?? '—'}</td>
                <td>{m.nextDebit ? formatDay(m.nextDebit, zone, language) : '—'}</td>
                <td>{m.paymentMethod ?? '—'}</td>
                <td>
                  {role === 'manager' && m.revocable && confirming !== m.mandateId && (
                    <button type="button" onClick={() => setConfirming(m.mandateId)}>
                      {t('payments.revoke')}
                    </button>
                  )}
                  {confirming === m.mandateId && (
                    <span className="inline-form" role="group" aria-label={t('payments.revokeConfirm', { mandateId: m.mandateId })}>
                      {t('payments.revokeConfirm', { mandateId: m.mandateId })}
                      <button type="button" onClick={() => void revoke(m.mandateId)}>
                        {t('payments.revokeYes')}
                      </button>
                      <button type="button" className="link-button" onClick={() => setConfirming(null)}>
                        {t('payments.revokeNo')}
                      </button>
                    </span>
                  )}
                </td>
              </tr>
            ))}
          </tbody>
        </table>
      )}
    </section>
  )
}
