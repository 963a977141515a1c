import { useEffect, useId, useRef, useState } from 'react'
import type { PaymentOrder, TillRefund } from '../../../../shared/domain/payments'
import type { TillErrorData } from '../../../../shared/errors'
import { decimalToMinor, formatMoney, inr } from '../../../../shared/money'
import { formatInstant } from '../../../../shared/time'
import { useApp, useT, useTillClient } from '../../app/till-context'
import { isMessageKey, type Translate } from '../../i18n/i18n'
import { ErrorNotice } from '../../ui/ErrorNotice'
import { TrainingPanel } from '../training/TrainingPanel'
import { MandatesPanel } from './MandatesPanel'
import { RefundForm, RefundNotice } from './RefundForm'

/** The order's status as a sentence: Juspay's word when the till has none for it. */
function statusSentence(order: PaymentOrder, t: Translate): string {
  const key = `payments.status.${order.status}`
  return isMessageKey(key) ? t(key) : t('payments.status.other', { status: order.status })
}

function methodText(order: PaymentOrder, t: Translate): string {
  const m = order.method
  if (m.upiId) return t('payments.byUpi', { upiId: m.upiId })
  if (m.last4) return t('payments.byCard', { brand: m.cardBrand ?? m.name ?? '', last4: m.last4 })
  return [m.type, m.name].filter(Boolean).join(' · ') || '—'
}

function OrderView(props: { order: PaymentOrder; t: Translate }) {
  const { order, t } = props
  const language = useApp((state) => state.preferences.language)
  const zone = useApp((state) => state.preferences.timeZone)
  const money = (paise: number) => formatMoney(inr(paise), language)
  const when = (iso: string | null) => (iso ? formatInstant(iso, zone, language) : '—')
  const rows: [string, string][] = [
    [t('payments.amount'), money(order.amount.amount)],
    [t('payments.refunded'), money(order.amountRefunded.amount)],
    [t('payments.effective'), money(order.effectiveAmount.amount)],
    [t('payments.refundable'), money(order.refundable.amount)],
    [t('payments.method'), methodText(order, t)],
    [t('payments.txnId'), order.txnId ?? '—'],
    [t('payments.gatewayReference'), [order.gatewayReference, order.rrn ? `RRN ${order.rrn}` : null].filter(Boolean).join(' · ') || '—'],
    [t('payments.customerId'), order.customerId ?? '—'],
    [t('payments.created'), when(order.createdAt)]
  ]
  if (order.lastDateToRefund) rows.push([t('payments.lastDateToRefund'), when(order.lastDateToRefund)])
  return (
    <section aria-label={t('payments.order', { orderId: order.orderId })} data-testid="payment-order">
      <h2>{t('payments.order', { orderId: order.orderId })}</h2>
      <p className={`notice ${order.status === 'CHARGED' ? 'notice-ok' : 'notice-warn'}`} data-testid="payment-status">
        {statusSentence(order, t)}
        {order.bankError ? ` ${t('payments.bankSaid', { why: [order.bankError.message, order.bankError.code].filter(Boolean).join(', ') })}` : ''}
      </p>
      <dl className="facts">
        {rows.map(([label, value]) => (
          <div key={label}>
            <dt>{label}</dt>
            <dd>{value}</dd>
          </div>
        ))}
      </dl>
      {order.refunds.length > 0 && (
        <table className="table" aria-label={t('payments.refunds')}>
          <thead>
            <tr>
              <th scope="col">{t('payments.uniqueRequestId')}</th>
              <th scope="col">{t('payments.amount')}</th>
              <th scope="col">{t('payments.refundStatus')}</th>
              <th scope="col">{t('payments.created')}</th>
              <th scope="col">{t('payments.bankReference')}</th>
            </tr>
          </thead>
          <tbody>
            {order.refunds.map((r) => (
              <tr key={r.uniqueRequestId}>
                <td>
                  {r.uniqueRequestId}
                  {r.ours ? ` (${t('payments.thisTill')})` : ''}
                </td>
                <td>{money(r.amount.amount)}</td>
                <td>
                  {t(`payments.refundState.${r.status}`)}
                  {r.error ? ` · ${r.error}` : ''}
                </td>
                <td>{when(r.createdAt)}</td>
                <td>{r.reference ?? '—'}</td>
              </tr>
            ))}
          </tbody>
        </table>
      )}
      {order.mandate && <p className="hint">{t('payments.fromMandate', { mandateId: order.mandate.mandateId, status: order.mandate.status })}</p>}
      <details data-testid="payment-calls">
        <summary>{t('payments.calls', { count: order.calls.length })}</summary>
        <ul>
          {order.calls.map((c) => (
            <li key={c.requestId}>
              {when(c.at)} · {c.operation} · {c.status ?? c.errorCode ?? '—'} · <code>{c.requestId}</code>
            </li>
          ))}
        </ul>
      </details>
    </section>
  )
}

/** Changes the amount of an order nobody has started to pay. */
function UpdateForm(props: { order: PaymentOrder; t: Translate; onDone: (order: PaymentOrder) => void }) {
  const { t } = props
  const id = useId()
  const client = useTillClient()
  const [amount, setAmount] = useState('')
  const [error, setError] = useState<TillErrorData | null>(null)
  const paise = decimalToMinor(amount || '0') ?? 0
  return (
    <form
      className="form"
      aria-label={t('payments.updateTitle')}
      onSubmit={(event) => {
        event.preventDefault()
        void client.call('payments:update', { orderId: props.order.orderId, amount: paise }).then((result) => {
          setError(result.ok ? null : result.error)
          if (result.ok) props.onDone(result.value)
        })
      }}
    >
      <h2>{t('payments.updateTitle')}</h2>
      <label htmlFor={`${id}-amount`}>{t('payments.newAmount')}</label>
      <input id={`${id}-amount`} inputMode="decimal" value={amount} onChange={(event) => setAmount(event.target.value.replace(/[^\d.]/g, ''))} />
      <button type="submit" disabled={!(paise > 0)}>
        {t('payments.updateButton')}
      </button>
      {error && <ErrorNotice error={error} t={t} />}
    </form>
  )
}

/** Juspay at the till: a payment's true status, refunds, changing an unpaid order, and customers' mandates. */
export function PaymentsScreen() {
  const t = useT()
  const client = useTillClient()
  const id = useId()
  const [orderId, setOrderId] = useState('')
  const [kind, setKind] = useState<'order' | 'execution'>('order')
  const [order, setOrder] = useState<PaymentOrder | null>(null)
  const [error, setError] = useState<TillErrorData | null>(null)
  const [refund, setRefund] = useState<TillRefund | null>(null)
  const shown = useRef<string | null>(null)
  shown.current = order?.orderId ?? null

  const lookup = async (which = orderId.trim(), how = kind): Promise<void> => {
    const result = how === 'order' ? await client.call('payments:order', { orderId: which }) : await client.call('payments:execution', { orderId: which })
    setOrder(result.ok ? result.value : null)
    setError(result.ok ? null : result.error)
  }
  const lookupRef = useRef(lookup)
  lookupRef.current = lookup
  // A refund of the order on screen moved on at Juspay: show the order as it is now.
  useEffect(
    () =>
      client.subscribe('payments:changed', (changed) => {
        setRefund((current) => (current?.uniqueRequestId === changed.uniqueRequestId ? changed : current))
        if (shown.current && changed.orderId.toLowerCase() === shown.current.toLowerCase()) void lookupRef.current(shown.current)
      }),
    [client]
  )

  return (
    <section aria-labelledby={`${id}-title`} className="screen">
      <h1 id={`${id}-title`}>{t('payments.title')}</h1>
      <form
        className="inline-form"
        aria-label={t('payments.lookup')}
        onSubmit={(event) => {
          event.preventDefault()
          void lookup()
        }}
      >
        <label htmlFor={`${id}-order`}>{t('payments.orderId')}</label>
        <input id={`${id}-order`} value={orderId} maxLength={64} onChange={(event) => setOrderId(event.target.value)} autoComplete="off" spellCheck={false} autoFocus />
        <label htmlFor={`${id}-kind`}>{t('payments.kind')}</label>
        <select id={`${id}-kind`} value={kind} onChange={(event) => setKind(event.target.value === 'execution' ? 'execution' : 'order')}>
          <option value="order">{t('payments.kind.order')}</option>
          <option value="execution">{t('payments.kind.execution')}</option>
        </select>
        <button type="submit" disabled={orderId.trim() === ''}>
          {t('payments.find')}
        </button>
      </form>
      <TrainingPanel
        provider="juspay"
        name="Juspay"
        describe={(status) => (isMessageKey(`payments.status.${status}`) ? t(`payments.status.${status}` as 'payments.status.NEW') : status)}
        onPick={(picked) => {
          setOrderId(picked)
          void lookup(picked, 'order')
        }}
      />
      {error && <ErrorNotice error={error} t={t} />}
      {order && <OrderView order={order} t={t} />}
      {refund && order && refund.orderId.toLowerCase() === order.orderId.toLowerCase() && <RefundNotice refund={refund} t={t} />}
      {order && !order.refundBlocked && (
        <RefundForm
          key={order.orderId}
          order={order}
          t={t}
          onDone={(made) => {
            setRefund(made)
            void lookup(order.orderId, 'order')
          }}
        />
      )}
      {order?.refundBlocked && (
        <p className="notice notice-warn" data-testid="refund-blocked">
          {t(`payments.blocked.${order.refundBlocked}`, { status: order.status })}
        </p>
      )}
      {order?.updatable && <UpdateForm order={order} t={t} onDone={setOrder} />}
      <MandatesPanel t={t} customerId={order?.customerId ?? null} />
    </section>
  )
}
