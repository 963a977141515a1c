import { useId, useState } from 'react'
import { buildLine, receiptProblems, receiptTotal, type LineDraft, type ReceiptLine } from '../../../../shared/domain/receipt-lines'
import type { Receipt } from '../../../../shared/domain/receipts'
import { decimalToMinor, formatMoney, minorToDecimal } from '../../../../shared/money'
import { useApp } from '../../app/till-context'
import type { Translate } from '../../i18n/i18n'

type Currency = 'NOK' | 'DKK' | 'EUR'
const units = ['PCS', 'KG', 'KM', 'MINUTE', 'LITRE', 'KWH'] as const
const sources = ['card', 'cash', 'voucher', 'giftCard'] as const
const barcodeFormats = ['CODE 128', 'EAN-13', 'CODE 39'] as const

/** A line as typed: money as the cashier writes it (`125.50`), turned into minor units when the receipt is built. */
interface LineText {
  key: number
  name: string
  id: string
  quantity: string
  unit: (typeof units)[number]
  unitPrice: string
  discount: string
  taxRate: number
  isReturn: boolean
  isShipping: boolean
}

const money = (text: string): number => decimalToMinor(text.trim() === '' ? '0' : text) ?? Number.NaN
const onlyAmount = (text: string): string => text.replace(/[^\d.]/g, '')

function draftOf(line: LineText): LineDraft {
  return {
    name: line.name,
    id: line.id,
    quantity: line.quantity,
    quantityUnit: line.unit,
    unitPrice: money(line.unitPrice),
    discount: money(line.discount),
    taxRate: line.taxRate,
    isReturn: line.isReturn,
    isShipping: line.isShipping
  }
}

/** The receipt as it stands, or the sentence key of what keeps it from being one. */
function build(
  mode: 'quick' | 'full',
  fields: {
    total: string
    quickRate: number
    lines: LineText[]
    currency: Currency
    receiptNumber: string
    posId: string
    paid: Record<(typeof sources)[number], string>
    barcode: { format: (typeof barcodeFormats)[number]; data: string }
  }
): { receipt: Receipt } | { missing: 'receipts.missing.total' | 'receipts.missing.line' } {
  let orderLines: ReceiptLine[]
  if (mode === 'quick') {
    const gross = money(fields.total)
    if (!(gross > 0)) return { missing: 'receipts.missing.total' }
    const line = buildLine({ name: 'Sale', id: fields.receiptNumber.trim() || 'sale', quantity: '1', unitPrice: gross, discount: 0, taxRate: fields.quickRate, isReturn: false, isShipping: false })
    if (!line) return { missing: 'receipts.missing.total' }
    orderLines = [line]
  } else {
    const built = fields.lines.map((l) => (l.name.trim() && l.id.trim() && Number.isInteger(money(l.unitPrice)) && Number.isInteger(money(l.discount)) ? buildLine(draftOf(l)) : null))
    if (built.length === 0 || built.some((l) => l === null)) return { missing: 'receipts.missing.line' }
    orderLines = built.filter((l): l is ReceiptLine => l !== null)
  }
  const { total } = receiptTotal({ orderLines, bottomLine: {} })
  const typed = sources.filter((s) => fields.paid[s].trim() !== '')
  // Nothing typed under "paid with": the whole sum was the Vipps MobilePay payment, which Vipps files under card [ASSUMED].
  const paymentSources = typed.length === 0 ? { card: Math.abs(total) } : Object.fromEntries(typed.map((s) => [s, money(fields.paid[s])]))
  const receiptNumber = fields.receiptNumber.trim()
  const posId = fields.posId.trim()
  const barcode = fields.barcode.data.trim()
  return {
    receipt: {
      orderLines,
      bottomLine: {
        currency: fields.currency,
        paymentSources,
        ...(receiptNumber ? { receiptNumber } : {}),
        ...(posId ? { posId } : {}),
        ...(barcode ? { barcode: { format: fields.barcode.format, data: barcode } } : {})
      }
    }
  }
}

let nextKey = 1
const blankLine = (taxRate: number): LineText => ({ key: nextKey++, name: '', id: '', quantity: '1', unit: 'PCS', unitPrice: '', discount: '', taxRate, isReturn: false, isShipping: false })

/**
 * The till's receipt for a sale: one line with the total (quick), or item by item with
 * quantity, unit price, VAT rate, discount, return and shipping flags; then how it was paid,
 * the receipt number, the till's POS id and a barcode. Problems are said before anything is sent.
 */
export function ReceiptEditor(props: { t: Translate; rates: number[]; busy: boolean; onSend: (receipt: Receipt) => void }) {
  const { t, rates } = props
  const id = useId()
  const language = useApp((state) => state.preferences.language)
  const defaultRate = rates[0] ?? 2500
  const [mode, setMode] = useState<'quick' | 'full'>('quick')
  const [total, setTotal] = useState('')
  const [quickRate, setQuickRate] = useState<number | null>(null)
  const [lines, setLines] = useState<LineText[]>(() => [blankLine(defaultRate)])
  const [currency, setCurrency] = useState<Currency>('NOK')
  const [receiptNumber, setReceiptNumber] = useState('')
  const [posId, setPosId] = useState('')
  const [paid, setPaid] = useState<Record<(typeof sources)[number], string>>({ card: '', cash: '', voucher: '', giftCard: '' })
  const [barcode, setBarcode] = useState<{ format: (typeof barcodeFormats)[number]; data: string }>({ format: 'CODE 128', data: '' })

  const built = build(mode, { total, quickRate: quickRate ?? defaultRate, lines, currency, receiptNumber, posId, paid, barcode })
  const problems = 'receipt' in built ? receiptProblems(built.receipt) : []
  const show = (minor: number) => formatMoney({ amount: minor, currency }, language)
  const sum = 'receipt' in built ? receiptTotal(built.receipt) : null
  const edit = (key: number, change: Partial<LineText>) => setLines((all) => all.map((l) => (l.key === key ? { ...l, ...change } : l)))
  const rateOptions = (value: number) =>
    [...new Set([...rates, value])].map((r) => (
      <option key={r} value={r}>
        {r / 100} %
      </option>
    ))

  return (
    <form
      className="form"
      aria-label={t('receipts.attach')}
      onSubmit={(event) => {
        event.preventDefault()
        if ('receipt' in built && problems.length === 0) props.onSend(built.receipt)
      }}
    >
      <h2>{t('receipts.attach')}</h2>
      <fieldset>
        <legend>{t('receipts.mode')}</legend>
        {(['quick', 'full'] as const).map((m) => (
          <label key={m} className="choice">
            <input type="radio" name={`${id}-mode`} checked={mode === m} onChange={() => setMode(m)} /> {t(`receipts.mode.${m}`)}
          </label>
        ))}
      </fieldset>
      {mode === 'quick' ? (
        <>
          <label htmlFor={`${id}-total`}>{t('receipts.quickTotal')}</label>
          <input id={`${id}-total`} inputMode="decimal" value={total} onChange={(event) => setTotal(onlyAmount(event.target.value))} />
          <label htmlFor={`${id}-rate`}>{t('receipts.vatRate')}</label>
          <select id={`${id}-rate`} value={quickRate ?? defaultRate} onChange={(event) => setQuickRate(Number(event.target.value))}>
            {rateOptions(quickRate ?? defaultRate)}
          </select>
        </>
      ) : (
        <div className="receipt-lines-wrap">
          <table className="table receipt-lines" aria-label={t('receipts.lines')}>
            <thead>
              <tr>
                <th scope="col">{t('receipts.line')}</th>
                <th scope="col">{t('receipts.itemId')}</th>
                <th scope="col">{t('receipts.quantity')}</th>
                <th scope="col">{t('receipts.unitPrice')}</th>
                <th scope="col">{t('receipts.discount')}</th>
                <th scope="col">{t('receipts.vatRate')}</th>
                <th scope="col">{t('receipts.flags')}</th>
                <th scope="col">{t('receipts.amount')}</th>
                <th scope="col">
                  <span className="visually-hidden">{t('receipts.removeLine')}</span>
                </th>
              </tr>
            </thead>
            <tbody>
              {lines.map((line, index) => {
                const n = index + 1
                const computed = buildLine(draftOf(line))
                return (
                  <tr key={line.key} aria-label={t('receipts.lineN', { n })}>
                    <td>
                      <input aria-label={t('receipts.lineName', { n })} value={line.name} maxLength={200} onChange={(event) => edit(line.key, { name: event.target.value })} />
                    </td>
                    <td>
                      <input aria-label={t('receipts.lineId', { n })} value={line.id} maxLength={100} onChange={(event) => edit(line.key, { id: event.target.value })} />
                    </td>
                    <td>
                      <input
                        aria-label={t('receipts.lineQuantity', { n })}
                        inputMode="decimal"
                        size={6}
                        value={line.quantity}
                        onChange={(event) => edit(line.key, { quantity: onlyAmount(event.target.value) })}
                      />
                      <select aria-label={t('receipts.lineUnit', { n })} value={line.unit} onChange={(event) => edit(line.key, { unit: units.find((u) => u === event.target.value) ?? 'PCS' })}>
                        {units.map((u) => (
                          <option key={u} value={u}>
                            {t(`receipts.unit.${u}`)}
                          </option>
                        ))}
                      </select>
                    </td>
                    <td>
                      <input
                        aria-label={t('receipts.lineUnitPrice', { n })}
                        inputMode="decimal"
                        size={8}
                        value={line.unitPrice}
                        onChange={(event) => edit(line.key, { unitPrice: onlyAmount(event.target.value) })}
                      />
                    </td>
                    <td>
                      <input
                        aria-label={t('receipts.lineDiscount', { n })}
                        inputMode="decimal"
                        size={8}
                        value={line.discount}
                        onChange={(event) => edit(line.key, { discount: onlyAmount(event.target.value) })}
                      />
                    </td>
                    <td>
                      <select aria-label={t('receipts.lineVat', { n })} value={line.taxRate} onChange={(event) => edit(line.key, { taxRate: Number(event.target.value) })}>
                        {rateOptions(line.taxRate)}
                      </select>
                    </td>
                    <td>
                      <label className="choice">
                        <input type="checkbox" checked={line.isReturn} onChange={(event) => edit(line.key, { isReturn: event.target.checked })} /> {t('receipts.return')}
                      </label>{' '}
                      <label className="choice">
                        <input type="checkbox" checked={line.isShipping} onChange={(event) => edit(line.key, { isShipping: event.target.checked })} /> {t('receipts.shipping')}
                      </label>
                    </td>
                    <td data-testid={`receipt-line-total-${n}`}>{computed && Number.isFinite(computed.totalAmount) ? show((line.isReturn ? -1 : 1) * computed.totalAmount) : '—'}</td>
                    <td>
                      <button type="button" className="link-button" disabled={lines.length === 1} onClick={() => setLines((all) => all.filter((l) => l.key !== line.key))}>
                        {t('receipts.removeLineN', { n })}
                      </button>
                    </td>
                  </tr>
                )
              })}
            </tbody>
            <tfoot>
              <tr>
                <td colSpan={9}>
                  <button type="button" disabled={lines.length >= 500} onClick={() => setLines((all) => [...all, blankLine(defaultRate)])}>
                    {t('receipts.addLine')}
                  </button>
                </td>
              </tr>
            </tfoot>
          </table>
        </div>
      )}
      <label htmlFor={`${id}-currency`}>{t('receipts.currency')}</label>
      <select id={`${id}-currency`} value={currency} onChange={(event) => setCurrency(event.target.value === 'DKK' ? 'DKK' : event.target.value === 'EUR' ? 'EUR' : 'NOK')}>
        {['NOK', 'DKK', 'EUR'].map((c) => (
          <option key={c}>{c}</option>
        ))}
      </select>
      <fieldset className="payment-sources">
        <legend>{t('receipts.paidWith')}</legend>
        {sources.map((s) => (
          <label key={s}>
            {t(`receipts.source.${s}`)} <input inputMode="decimal" size={8} value={paid[s]} onChange={(event) => setPaid({ ...paid, [s]: onlyAmount(event.target.value) })} />
          </label>
        ))}
      </fieldset>
      <p className="hint">{t('receipts.paidHint')}</p>
      <label htmlFor={`${id}-number`}>{t('receipts.receiptNumber')}</label>
      <input id={`${id}-number`} value={receiptNumber} maxLength={100} onChange={(event) => setReceiptNumber(event.target.value)} autoComplete="off" />
      <label htmlFor={`${id}-pos`}>{t('receipts.posId')}</label>
      <input id={`${id}-pos`} value={posId} maxLength={100} onChange={(event) => setPosId(event.target.value)} autoComplete="off" />
      <label htmlFor={`${id}-barcode`}>{t('receipts.barcode')}</label>
      <span className="inline-form">
        <select
          aria-label={t('receipts.barcodeFormat')}
          value={barcode.format}
          onChange={(event) => setBarcode({ ...barcode, format: barcodeFormats.find((f) => f === event.target.value) ?? 'CODE 128' })}
        >
          {barcodeFormats.map((f) => (
            <option key={f}>{f}</option>
          ))}
        </select>
        <input id={`${id}-barcode`} value={barcode.data} maxLength={100} onChange={(event) => setBarcode({ ...barcode, data: event.target.value })} autoComplete="off" />
      </span>
      {sum && (
        <p data-testid="receipt-draft-total">
          <strong>
            {t('receipts.total')}: {show(sum.total)}
          </strong>{' '}
          ({t('receipts.totalVat')} {show(sum.vat)})
        </p>
      )}
      {problems.length > 0 && (
        <ul className="notice notice-warn" aria-label={t('receipts.problems')}>
          {problems.map((p, i) => {
            const { reason, ...numbers } = p
            const params = Object.fromEntries(Object.entries(numbers).map(([k, v]) => [k, k === 'line' ? v : minorToDecimal(v).toFixed(2)]))
            return <li key={i}>{t(`reason.${reason}`, { ...params, currency })}</li>
          })}
        </ul>
      )}
      {'missing' in built && (total !== '' || mode === 'full') && <p className="hint">{t(built.missing)}</p>}
      <button type="submit" disabled={props.busy || !('receipt' in built) || problems.length > 0}>
        {t('receipts.attachButton')}
      </button>
    </form>
  )
}
