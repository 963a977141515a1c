import { useRevealed } from '../../ui/use-revealed'
import { useId, useState } from 'react'
import type { PaymentOrder, TillRefund } from '../../../../shared/domain/payments'
import type { TillErrorData } from '../../../../shared/errors'
import { decimalToMinor, formatMoney, inr } from '../../../../shared/money'
import { useApp, useTillClient } from '../../app/till-context'
import type { Translate } from '../../i18n/i18n'
import { ErrorNotice } from '../../ui/ErrorNotice'
import { ManagerApproval, useFirstManagerId } from '../../ui/ManagerApproval'
import { useChannel } from '../settings/use-channel'

/** Where a refund this till asked for stands, in words. */
export function refundSentence(refund: TillRefund, t: Translate, language: 'en' | 'vi'): string {
  const amount = formatMoney(refund.amount, language)
  if (refund.status === 'refused' || refund.status === 'FAILURE') return t(`payments.refund.${refund.status}`, { amount, why: refund.problem?.message ?? '' })
  return t(`payments.refund.${refund.status}`, { amount })
}

/** Where the latest refund stands, with its unique_request_id, Juspay's words and our request ids behind Details. */
export function RefundNotice(props: { refund: TillRefund; t: Translate }) {
  const { refund, t } = props
  const shown = useRevealed<HTMLDivElement>(`${refund.uniqueRequestId}|${refund.status}`)
  const language = useApp((state) => state.preferences.language)
  return (
    <div className={`notice ${refund.status === 'SUCCESS' ? 'notice-ok' : 'notice-warn'}`} ref={shown}>
      <p role="status" data-testid="refund-status">
        {refundSentence(refund, t, language)}
      </p>
      <details>
        <summary>{t('error.details')}</summary>
        <dl className="error-details">
          <dt>{t('payments.uniqueRequestId')}</dt>
          <dd>{refund.uniqueRequestId}</dd>
          {refund.problem && (
            <>
              <dt>Juspay</dt>
              <dd>
                {refund.problem.code}: {refund.problem.message}
              </dd>
            </>
          )}
          <dt>{t('error.requestId')}</dt>
          <dd>{refund.requestIds.join(' ')}</dd>
        </dl>
      </details>
    </div>
  )
}

/**
 * A full or partial refund of a charged order, never above what can still be refunded; above the
 * cashier's limit a manager approves with their PIN. The answer follows the refund as it settles.
 */
export function RefundForm(props: { order: PaymentOrder; t: Translate; onDone: (refund: TillRefund) => void }) {
  const { order, t } = props
  const id = useId()
  const client = useTillClient()
  const language = useApp((state) => state.preferences.language)
  const role = useApp((state) => state.auth?.session?.staff.role)
  const options = useChannel('payments:options', {})
  // Nothing chosen at first: a refund of everything is never one tap away.
  const [whole, setWhole] = useState<boolean | null>(null)
  const [confirming, setConfirming] = useState(false)
  const [amountText, setAmountText] = useState('')
  const [reason, setReason] = useState('')
  const [managerId, setManagerId] = useState(useFirstManagerId())
  const [pin, setPin] = useState('')
  const [busy, setBusy] = useState(false)
  const [error, setError] = useState<TillErrorData | null>(null)
  const amount = whole === true ? order.refundable.amount : whole === false ? (decimalToMinor(amountText || '0') ?? 0) : 0
  const limit = options.value?.cashierRefundLimit.amount ?? Number.POSITIVE_INFINITY
  const needsManager = role !== 'manager' && amount > limit
  const tooMuch = amount > order.refundable.amount
  const money = (paise: number) => formatMoney(inr(paise), language)

  const send = async (): Promise<void> => {
    setBusy(true)
    try {
      const result = await client.call('payments:refund', {
        orderId: order.orderId,
        ...(whole ? {} : { amount }),
        ...(reason.trim() ? { reason: reason.trim() } : {}),
        ...(needsManager ? { approval: { managerId, managerPin: pin } } : {})
      })
      setPin('')
      setConfirming(false)
      setError(result.ok ? null : result.error)
      if (result.ok) {
        setAmountText('')
        setReason('')
        setWhole(null)
        props.onDone(result.value)
      }
    } finally {
      setBusy(false)
    }
  }

  return (
    <form
      className="form"
      aria-label={t('payments.refundTitle')}
      onSubmit={(event) => {
        event.preventDefault()
        // Money leaves the store: said once more, in full, before it goes.
        if (confirming) void send()
        else setConfirming(true)
      }}
    >
      <h2>{t('payments.refundTitle')}</h2>
      <fieldset>
        <legend>{t('payments.refundHowMuch', { refundable: money(order.refundable.amount) })}</legend>
        <label className="choice">
          <input
            type="radio"
            name={`${id}-whole`}
            checked={whole === true}
            onChange={() => {
              setWhole(true)
              setConfirming(false)
            }}
          />{' '}
          {t('payments.refundAll', { amount: money(order.refundable.amount) })}
        </label>
        <label className="choice">
          <input
            type="radio"
            name={`${id}-whole`}
            checked={whole === false}
            onChange={() => {
              setWhole(false)
              setConfirming(false)
            }}
          />{' '}
          {t('payments.refundPart')}
        </label>
      </fieldset>
      {whole === false && (
        <>
          <label htmlFor={`${id}-amount`}>{t('payments.refundAmount')}</label>
          <input
            id={`${id}-amount`}
            inputMode="decimal"
            value={amountText}
            onChange={(event) => {
              setAmountText(event.target.value.replace(/[^\d.]/g, ''))
              setConfirming(false)
            }}
          />
        </>
      )}
      <label htmlFor={`${id}-reason`}>{t('payments.refundReason')}</label>
      <input id={`${id}-reason`} value={reason} maxLength={200} onChange={(event) => setReason(event.target.value)} autoComplete="off" />
      {Number.isFinite(limit) && role !== 'manager' && <p className="hint">{t('payments.limitHint', { limit: money(limit) })}</p>}
      {tooMuch && (
        <p className="notice notice-warn" role="status">
          {t('payments.tooMuch', { refundable: money(order.refundable.amount) })}
        </p>
      )}
      {needsManager && (
        <fieldset>
          <legend>{t('payments.managerApproves')}</legend>
          <ManagerApproval
            managerLabel={t('payments.manager')}
            pinLabel={t('payments.managerPin')}
            managerId={managerId}
            onManager={setManagerId}
            pin={pin}
            onPin={setPin}
            pad={{ padLabel: t('auth.pinPad'), clearLabel: t('auth.pinClear'), backLabel: t('auth.pinBack') }}
          />
        </fieldset>
      )}
      {confirming && (
        <p className="notice notice-warn" role="alert">
          {t('payments.refundConfirm', { amount: money(amount), order: order.orderId })}
        </p>
      )}
      <div className="toolbar">
        <button type="submit" className={confirming ? 'primary' : undefined} disabled={busy || whole === null || amount <= 0 || tooMuch || (needsManager && (pin === '' || managerId === ''))}>
          {confirming ? t('payments.refundConfirmButton', { amount: money(amount) }) : t('payments.refundButton', { amount: money(amount) })}
        </button>
        {confirming && (
          <button type="button" className="link-button" onClick={() => setConfirming(false)}>
            {t('payments.refundCancel')}
          </button>
        )}
      </div>
      {error && <ErrorNotice error={error} t={t} />}
    </form>
  )
}
