import { useId, useState } from 'react'
import { z } from 'zod'
import type { Attachment, JobResult, Receipt, VippsOrderView } from '../../../../shared/domain/receipts'
import type { TillErrorData } from '../../../../shared/errors'
import { decimalToMinor, formatMoney, type Currency } from '../../../../shared/money'
import { useApp, useT, useTillClient } from '../../app/till-context'
import type { Translate } from '../../i18n/i18n'
import { ErrorNotice } from '../../ui/ErrorNotice'
import { useChannel } from '../settings/use-channel'

type PaymentType = 'ECOM' | 'RECURRING'
const kinds = ['RECEIPT', 'ORDER_CONFIRMATION', 'DELIVERY', 'TICKET', 'BOOKING', 'GENERAL'] as const

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
              <td>{line.taxRate !== null && line.taxRate !== undefined ? `${line.taxRate / 100} %` : line.taxPercentage !== null && line.taxPercentage !== undefined ? `${line.taxPercentage} %` : '—'}</td>
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
  if (attachment.status === 'refused') return t('receipts.status.refused', { why: [attachment.problem?.title, attachment.problem?.detail].filter(Boolean).join(': ') })
  return t(`receipts.status.${attachment.status}`)
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
  const [total, setTotal] = useState('')
  const [currency, setCurrency] = useState<'NOK' | 'DKK' | 'EUR'>('NOK')
  const options = useChannel('receipts:options', {})
  const rates = options.value?.vatRates ?? [2500]
  const [chosenRate, setRate] = useState<number | null>(null)
  const rate = chosenRate ?? rates[0] ?? 2500
  const [receiptNumber, setReceiptNumber] = useState('')
  const [attached, setAttached] = useState<Attachment | null>(null)
  const [kind, setKind] = useState<(typeof kinds)[number]>('RECEIPT')
  const [link, setLink] = useState('')
  const [category, setCategory] = useState<JobResult | null>(null)

  const lookup = async (): Promise<void> => {
    const result = await client.call('receipts:lookup', { paymentType, orderId: orderId.trim() })
    setView(result.ok ? result.value : null)
    setError(result.ok ? null : result.error)
  }
  const attach = async (): Promise<void> => {
    const gross = decimalToMinor(total) ?? 0
    // VAT inside a gross amount: gross × rate ÷ (10000 + rate), rounded to the minor unit.
    const tax = Math.round((gross * rate) / (10000 + rate))
    const receipt: Receipt = {
      orderLines: [{ name: 'Sale', id: receiptNumber.trim() || 'sale', totalAmount: gross, totalAmountExcludingTax: gross - tax, totalTaxAmount: tax, taxRate: rate }],
      bottomLine: { currency, ...(receiptNumber.trim() ? { receiptNumber: receiptNumber.trim() } : {}), paymentSources: { card: gross } }
    }
    const result = await client.call('receipts:attach', { paymentType, orderId: orderId.trim(), receipt })
    setAttached(result.ok ? result.value : null)
    setError(result.ok ? null : result.error)
    if (result.ok && result.value.status === 'attached') await lookup()
  }
  const setCategoryNow = async (): Promise<void> => {
    const url = link.trim() || (options.value?.orderLinkTemplate ?? '').replace('{orderId}', encodeURIComponent(orderId.trim()))
    const result = await client.call('receipts:category', { paymentType, orderId: orderId.trim(), category: kind, orderDetailsUrl: url })
    setCategory(result.ok ? result.value : null)
    setError(result.ok ? null : result.error)
    if (result.ok && result.value.state === 'done') await lookup()
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
        <input id={`${id}-order`} value={orderId} onChange={(event) => setOrderId(event.target.value)} autoComplete="off" spellCheck={false} autoFocus />
        <label htmlFor={`${id}-type`}>{t('receipts.paymentType')}</label>
        <select id={`${id}-type`} value={paymentType} onChange={(event) => setPaymentType(event.target.value === 'RECURRING' ? 'RECURRING' : 'ECOM')}>
          <option value="ECOM">{t('receipts.ECOM')}</option>
          <option value="RECURRING">{t('receipts.RECURRING')}</option>
        </select>
        <button type="submit">{t('receipts.find')}</button>
      </form>
      {error && <ErrorNotice error={error} t={t} />}
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
        </section>
      )}
      {orderId.trim() !== '' && (
        <>
          <form
            className="form"
            aria-label={t('receipts.attach')}
            onSubmit={(event) => {
              event.preventDefault()
              void attach()
            }}
          >
            <h2>{t('receipts.attach')}</h2>
            <label htmlFor={`${id}-total`}>{t('receipts.quickTotal')}</label>
            <input id={`${id}-total`} inputMode="decimal" value={total} onChange={(event) => setTotal(event.target.value.replace(/[^\d.]/g, ''))} />
            <label htmlFor={`${id}-currency`}>{t('receipts.currency')}</label>
            <select id={`${id}-currency`} value={currency} onChange={(event) => setCurrency(event.target.value as 'NOK')}>
              {['NOK', 'DKK', 'EUR'].map((c) => (
                <option key={c}>{c}</option>
              ))}
            </select>
            <label htmlFor={`${id}-rate`}>{t('receipts.vatRate')}</label>
            <select id={`${id}-rate`} value={rate} onChange={(event) => setRate(Number(event.target.value))}>
              {rates.map((r) => (
                <option key={r} value={r}>
                  {r / 100} %
                </option>
              ))}
            </select>
            <label htmlFor={`${id}-number`}>{t('receipts.receiptNumber')}</label>
            <input id={`${id}-number`} value={receiptNumber} onChange={(event) => setReceiptNumber(event.target.value)} autoComplete="off" />
            <button type="submit" disabled={!(decimalToMinor(total) ?? 0)}>
              {t('receipts.attachButton')}
            </button>
            {attached && (
              <div className={`notice ${attached.status === 'attached' ? 'notice-ok' : 'notice-warn'}`}>
                <p role="status" data-testid="vipps-attach-status">
                  {statusSentence(attached, t)}
                </p>
                {(attached.problem || attached.requestIds.length > 0) && (
                  <details>
                    <summary>{t('error.details')}</summary>
                    <dl className="error-details">
                      {attached.problem && (
                        <>
                          <dt>Vipps MobilePay</dt>
                          <dd>
                            {attached.problem.title} {attached.problem.detail}
                          </dd>
                          <dt>{t('receipts.trace')}</dt>
                          <dd>{attached.problem.trace ?? '—'}</dd>
                        </>
                      )}
                      <dt>{t('error.requestId')}</dt>
                      <dd>{attached.requestIds.join(' ')}</dd>
                    </dl>
                  </details>
                )}
              </div>
            )}
          </form>
          <form
            className="form"
            aria-label={t('receipts.setCategory')}
            onSubmit={(event) => {
              event.preventDefault()
              void setCategoryNow()
            }}
          >
            <h2>{t('receipts.setCategory')}</h2>
            <label htmlFor={`${id}-kind`}>{t('receipts.categoryKind')}</label>
            <select id={`${id}-kind`} value={kind} onChange={(event) => setKind(event.target.value as (typeof kinds)[number])}>
              {kinds.map((k) => (
                <option key={k} value={k}>
                  {t(`receipts.kind.${k}`)}
                </option>
              ))}
            </select>
            <label htmlFor={`${id}-link`}>{t('receipts.link')}</label>
            <input
              id={`${id}-link`}
              type="url"
              value={link || (options.value?.orderLinkTemplate ? options.value.orderLinkTemplate.replace('{orderId}', encodeURIComponent(orderId.trim())) : '')}
              onChange={(event) => setLink(event.target.value)}
              autoComplete="off"
            />
            <button type="submit" disabled={link.trim() === '' && !options.value?.orderLinkTemplate}>
              {t('receipts.setCategory')}
            </button>
            {category && (
              <p className="notice" role="status">
                {category.state === 'done' ? t('receipts.categorySet') : t('receipts.categoryPending', { state: category.state })}
              </p>
            )}
          </form>
        </>
      )}
    </section>
  )
}
