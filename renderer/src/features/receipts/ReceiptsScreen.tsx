import { useEffect, useId, useRef, useState } from 'react'
import { z } from 'zod'
import type { Attachment, Receipt, VippsOrderView } from '../../../../shared/domain/receipts'
import type { TillErrorData } from '../../../../shared/errors'
import { formatMoney, type Currency } from '../../../../shared/money'
import { formatInstant } from '../../../../shared/time'
import { useApp, useT, useTillClient } from '../../app/till-context'
import type { Translate } from '../../i18n/i18n'
import { ErrorNotice } from '../../ui/ErrorNotice'
import { useRevealed } from '../../ui/use-revealed'
import { useChannel } from '../settings/use-channel'
import { CategoryForm } from './CategoryForm'
import { ReceiptEditor } from './ReceiptEditor'
import { TrainingPanel } from '../training/TrainingPanel'

type PaymentType = 'ECOM' | 'RECURRING'

/** What a stored receipt says, read tolerantly: it may come from another system than this till. */
const StoredReceiptSchema = z.object({
  orderLines: z.array(
    z.object({
      name: z.string(),
      totalAmount: z.number(),
      totalTaxAmount: z.number(),
      taxRate: z.number().nullish(),
      taxPercentage: z.number().nullish(),
      unitInfo: z.object({ quantity: z.string(), quantityUnit: z.string().nullish() }).nullish(),
      isReturn: z.boolean().nullish(),
      isShipping: z.boolean().nullish()
    })
  ),
  bottomLine: z.object({
    currency: z.enum(['NOK', 'DKK', 'EUR']),
    receiptNumber: z.string().nullish(),
    paymentSources: z.record(z.string(), z.number().nullish()).nullish()
  })
})

function ReceiptView(props: { receipt: unknown; t: Translate }) {
  const { t } = props
  const language = useApp((state) => state.preferences.language)
  const parsed = StoredReceiptSchema.safeParse(props.receipt)
  if (!parsed.success) return <pre className="detail">{JSON.stringify(props.receipt, null, 2)}</pre>
  const r = parsed.data
  const money = (amount: number) => formatMoney({ amount, currency: r.bottomLine.currency as Currency }, language)
  const sign = (line: { isReturn?: boolean | null | undefined }) => (line.isReturn ? -1 : 1)
  const total = r.orderLines.reduce((sum, l) => sum + sign(l) * l.totalAmount, 0)
  const vat = r.orderLines.reduce((sum, l) => sum + sign(l) * l.totalTaxAmount, 0)
  return (
    <>
      <table className="table" data-testid="vipps-receipt">
        <thead>
          <tr>
            <th scope="col">{t('receipts.line')}</th>
            <th scope="col">{t('receipts.quantity')}</th>
            <th scope="col">{t('receipts.vat')}</th>
            <th scope="col">{t('receipts.amount')}</th>
          </tr>
        </thead>
        <tbody>
          {r.orderLines.map((line, i) => (
            <tr key={i}>
              <td>
                {line.name}
                {line.isReturn ? ` (${t('receipts.return')})` : ''}
                {line.isShipping ? ` (${t('receipts.shipping')})` : ''}
              </td>
              <td>{line.unitInfo ? `${line.unitInfo.quantity} ${line.unitInfo.quantityUnit ?? ''}` : '1'}</td>
              <td>
                {line.taxRate !== null && line.taxRate !== undefined ? `${line.taxRate / 100} %` : line.taxPercentage !== null && line.taxPercentage !== undefined ? `${line.taxPercentage} %` : '—'}
              </td>
              <td>{money(sign(line) * line.totalAmount)}</td>
            </tr>
          ))}
        </tbody>
      </table>
      <p>
        <strong>
          {t('receipts.total')}: {money(total)}
        </strong>{' '}
        ({t('receipts.totalVat')} {money(vat)})
      </p>
      {r.bottomLine.paymentSources && (
        <p>
          {t('receipts.paidWith')}:{' '}
          {Object.entries(r.bottomLine.paymentSources)
            .filter(([, v]) => v)
            .map(([k, v]) => `${t(`receipts.source.${k as 'card'}`)} ${money(v ?? 0)}`)
            .join(', ')}
        </p>
      )}
    </>
  )
}

function statusSentence(attachment: Attachment, t: Translate): string {
  if (attachment.status === 'refused') {
    const why = [attachment.problem?.title, attachment.problem?.detail].filter(Boolean).join(': ')
    const status = attachment.problem?.status
    const hint = status === 401 || status === 403 ? t('receipts.hint.credentials') : status === 400 ? t('receipts.hint.fix') : t('receipts.hint.manager')
    return `${t('receipts.status.refused', { why })} ${hint}`
  }
  return t(`receipts.status.${attachment.status}`)
}

/** Where the till's receipt stands, with Vipps's words and our request ids behind Details for support. */
function AttachmentNotice(props: { attachment: Attachment; t: Translate }) {
  const { attachment, t } = props
  const shown = useRevealed<HTMLDivElement>(`${attachment.orderId}|${attachment.status}|${attachment.requestIds.length}`)
  return (
    <div className={`notice ${attachment.status === 'attached' ? 'notice-ok' : 'notice-warn'}`} ref={shown}>
      <p role="status" data-testid="vipps-attach-status">
        {statusSentence(attachment, t)}
      </p>
      {(attachment.problem || attachment.requestIds.length > 0) && (
        <details>
          <summary>{t('error.details')}</summary>
          <dl className="error-details">
            {attachment.problem && (
              <>
                <dt>Vipps MobilePay</dt>
                <dd>
                  {attachment.problem.title} {attachment.problem.detail}
                </dd>
                <dt>{t('receipts.trace')}</dt>
                <dd>{attachment.problem.trace ?? '—'}</dd>
              </>
            )}
            <dt>{t('error.requestId')}</dt>
            <dd>{attachment.requestIds.join(' ')}</dd>
          </dl>
        </details>
      )}
    </div>
  )
}

/** Every call this till made about the payment, for support: no provider portal needed. */
function CallList(props: { view: VippsOrderView; t: Translate }) {
  const { view, t } = props
  const zone = useApp((state) => state.preferences.timeZone)
  const language = useApp((state) => state.preferences.language)
  return (
    <details data-testid="vipps-calls">
      <summary>{t('receipts.calls', { count: view.calls.length })}</summary>
      <p className="hint">{t('receipts.supportLine', { orderId: view.orderId, type: view.paymentType, msn: view.msn })}</p>
      <table className="table" aria-label={t('receipts.callsTable')}>
        <thead>
          <tr>
            <th scope="col">{t('receipts.callAt')}</th>
            <th scope="col">{t('receipts.callWhat')}</th>
            <th scope="col">{t('receipts.callAnswer')}</th>
            <th scope="col">{t('error.requestId')}</th>
          </tr>
        </thead>
        <tbody>
          {view.calls.map((call) => (
            <tr key={call.requestId}>
              <td>{formatInstant(call.at, zone, language)}</td>
              <td>{call.operation}</td>
              <td>
                {call.status ?? call.errorCode ?? '—'} · {call.durationMs} ms
              </td>
              <td>
                <code>{call.requestId}</code>
              </td>
            </tr>
          ))}
        </tbody>
      </table>
    </details>
  )
}

/** Vipps MobilePay Order Management: a payment's receipt and category as the customer sees them; attaching the till's. */
export function ReceiptsScreen() {
  const t = useT()
  const client = useTillClient()
  const id = useId()
  const [orderId, setOrderId] = useState('')
  const [paymentType, setPaymentType] = useState<PaymentType>('ECOM')
  const [view, setView] = useState<VippsOrderView | null>(null)
  const [error, setError] = useState<TillErrorData | null>(null)
  const [attached, setAttached] = useState<Attachment | null>(null)
  const [busy, setBusy] = useState(false)
  const options = useChannel('receipts:options', {})
  const rates = options.value?.vatRates ?? [2500]
  const current = useRef({ paymentType, orderId: '' })
  current.current = { paymentType, orderId: orderId.trim() }

  // Every lookup starts a fresh receipt: nothing of the last order's total or receipt number stays.
  const [lookups, setLookups] = useState(0)
  /** `quiet`: a refresh after attaching, whose failure must not contradict what the attachment said. */
  const lookup = async (quiet = false): Promise<void> => {
    const result = await client.call('receipts:lookup', { paymentType, orderId: orderId.trim() })
    if (!quiet) setLookups((n) => n + 1)
    if (result.ok || !quiet) {
      setView(result.ok ? result.value : null)
      setError(result.ok ? null : result.error)
    }
    if (result.ok && result.value.attachment) setAttached(result.value.attachment)
  }
  const lookupRef = useRef(lookup)
  lookupRef.current = lookup
  // A practice case picked from the training list is looked up once its id is in the field.
  const pendingLookup = useRef(false)
  useEffect(() => {
    if (!pendingLookup.current) return
    pendingLookup.current = false
    void lookupRef.current()
  }, [orderId, paymentType])
  // A receipt that was verifying or queued settles later: show where it stands and what Vipps now holds.
  useEffect(
    () =>
      client.subscribe('receipts:changed', (changed) => {
        if (changed.paymentType !== current.current.paymentType || changed.orderId !== current.current.orderId) return
        setAttached(changed)
        void lookupRef.current(true)
      }),
    [client]
  )
  const attach = async (receipt: Receipt): Promise<void> => {
    setBusy(true)
    try {
      const result = await client.call('receipts:attach', { paymentType, orderId: orderId.trim(), receipt })
      setAttached(result.ok ? result.value : null)
      setError(result.ok ? null : result.error)
      if (result.ok) await lookup(true).catch(() => undefined)
    } finally {
      setBusy(false)
    }
  }

  return (
    <section aria-labelledby={`${id}-title`} className="screen">
      <h1 id={`${id}-title`}>{t('receipts.title')}</h1>
      <form
        className="inline-form"
        aria-label={t('receipts.lookup')}
        onSubmit={(event) => {
          event.preventDefault()
          void lookup()
        }}
      >
        <label htmlFor={`${id}-order`}>{t('receipts.orderId')}</label>
        <input
          id={`${id}-order`}
          value={orderId}
          maxLength={128}
          onChange={(event) => {
            setOrderId(event.target.value)
            setAttached(null)
          }}
          autoComplete="off"
          spellCheck={false}
          autoFocus
        />
        <label htmlFor={`${id}-type`}>{t('receipts.paymentType')}</label>
        <select id={`${id}-type`} value={paymentType} onChange={(event) => setPaymentType(event.target.value === 'RECURRING' ? 'RECURRING' : 'ECOM')}>
          <option value="ECOM">{t('receipts.ECOM')}</option>
          <option value="RECURRING">{t('receipts.RECURRING')}</option>
        </select>
        <button type="submit" disabled={orderId.trim() === ''}>
          {t('receipts.find')}
        </button>
      </form>
      {error && <ErrorNotice error={error} t={t} />}
      {attached && <AttachmentNotice attachment={attached} t={t} />}
      {view && (
        <section aria-label={t('receipts.receipt')} data-testid="vipps-order">
          <h2>{t('receipts.category')}</h2>
          {view.category ? (
            <p data-testid="vipps-category">
              {t(`receipts.kind.${view.category.category as 'GENERAL'}`)} · {t('receipts.link')}: {view.category.orderDetailsUrl}
              {view.category.imageId ? ` · ${t('receipts.image')}: ${view.category.imageId}` : ''}
            </p>
          ) : (
            <p className="muted">{t('receipts.noCategory')}</p>
          )}
          <h2>{t('receipts.receipt')}</h2>
          {view.receipt ? <ReceiptView receipt={view.receipt} t={t} /> : <p className="muted">{t('receipts.noReceipt')}</p>}
          <p className="hint">{t('receipts.seenBy', { msn: view.msn, requestId: view.requestId })}</p>
          <CallList view={view} t={t} />
        </section>
      )}
      <TrainingPanel
        provider="vipps"
        name="Vipps MobilePay"
        describe={(kind) => t(`receipts.${kind === 'RECURRING' ? 'RECURRING' : 'ECOM'}`)}
        onPick={(picked, kind) => {
          setOrderId(picked)
          setPaymentType(kind === 'RECURRING' ? 'RECURRING' : 'ECOM')
          setAttached(null)
          pendingLookup.current = true
        }}
      />
      {orderId.trim() !== '' && (
        <>
          {view?.receipt ? (
            // Vipps keeps one receipt per payment: a second one could only end with a manager.
            <p className="notice notice-ok" data-testid="vipps-receipt-exists">
              {attached?.status === 'attached' ? t('receipts.ours') : t('receipts.alreadyHas')}
            </p>
          ) : (
            <ReceiptEditor key={`${lookups}:${paymentType}:${orderId.trim()}`} t={t} rates={rates} busy={busy} onSend={(receipt) => void attach(receipt)} />
          )}
          <CategoryForm t={t} paymentType={paymentType} orderId={orderId.trim()} linkTemplate={options.value?.orderLinkTemplate ?? null} onDone={() => void lookup()} />
        </>
      )}
    </section>
  )
}
