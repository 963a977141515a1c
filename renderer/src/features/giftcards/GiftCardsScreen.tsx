import { useEffect, useId, useState } from 'react'
import type { Brand, GiftOrder, GiftSale } from '../../../../shared/domain/giftcards'
import type { TillErrorData } from '../../../../shared/errors'
import { decimalToMinor, formatMoney, inr } from '../../../../shared/money'
import { useApp, useT, useTillClient } from '../../app/till-context'
import { isMessageKey, type Translate } from '../../i18n/i18n'
import { ErrorNotice } from '../../ui/ErrorNotice'
import { useChannel } from '../settings/use-channel'
import { GiftOrders } from './GiftOrders'

interface Line {
  amount: string
  quantity: string
}

const rupees = (paise: number) => (paise / 100).toFixed(paise % 100 === 0 ? 0 : 2)

function BrandRules(props: { brand: Brand; t: Translate }) {
  const { brand, t } = props
  const r = brand.rules
  if (brand.denominationType === 'FIXED') return <p className="hint">{t('gift.fixed', { amounts: (r.denominations ?? []).map((d) => rupees(d.amount)).join(', ') })}</p>
  return <p className="hint">{t('gift.flexible', { min: rupees(r.minVoucher?.amount ?? 0), max: rupees(r.maxVoucher?.amount ?? 0) })}</p>
}

/** A failed order in words: Hubble's documented error ids have their own sentence, anything else says Hubble's reason. */
function failureSentence(order: GiftOrder, t: Translate): string {
  const key = `gift.error.${order.failure?.code ?? ''}`
  return isMessageKey(key) ? t(key) : t('gift.failed', { reason: order.failure?.message ?? '—' })
}

/** What became of a sale, in words; the cards whole when Hubble issued them now. */
function SaleResult(props: { sale: GiftSale; order: GiftOrder; t: Translate; onNew(): void }) {
  const { sale, order, t } = props
  const language = useApp((state) => state.preferences.language)
  return (
    <section className="redemption" aria-live="polite">
      {order.status === 'succeeded' && sale.cards.length > 0 && (
        <>
          <p className="notice notice-ok" role="status">
            {t('gift.sold')}
          </p>
          <table className="table receipt-cards" data-testid="gift-cards">
            <thead>
              <tr>
                <th scope="col">{t('gift.cardNumber')}</th>
                <th scope="col">{t('gift.pin')}</th>
                <th scope="col">{t('gift.validTill')}</th>
                <th scope="col">{t('gift.amount')}</th>
              </tr>
            </thead>
            <tbody>
              {sale.cards.map((card) => (
                <tr key={card.id}>
                  <td className="code">{card.cardNumber ?? '—'}</td>
                  <td className="code">{card.cardPin ?? '—'}</td>
                  <td>{card.validTill ?? '—'}</td>
                  <td>{formatMoney(card.amount, language)}</td>
                </tr>
              ))}
            </tbody>
          </table>
          <button type="button" onClick={() => window.print()}>
            {t('gift.print')}
          </button>
        </>
      )}
      {order.status === 'succeeded' && sale.cards.length === 0 && <p className="notice notice-ok">{t('gift.status', { status: t('gift.status.succeeded') })}</p>}
      {order.status === 'reversed' && (
        <p className="notice notice-error" role="alert">
          {t('gift.reversed')}
        </p>
      )}
      {order.correctedFrom && <p className="notice notice-warn">{t('gift.corrected', { from: t(`gift.status.${order.correctedFrom}`) })}</p>}
      {order.status === 'processing' && (
        <p className="notice notice-warn" role="status">
          {t('gift.processing', { reference: order.referenceId })}
        </p>
      )}
      {(order.status === 'verifying' || order.status === 'placing') && (
        <p className="notice notice-warn" role="status">
          {t('gift.verifying', { reference: order.referenceId })}
        </p>
      )}
      {order.status === 'failed' && (
        <p className="notice notice-error" role="alert">
          {failureSentence(order, t)}
        </p>
      )}
      <button type="button" className="primary" onClick={props.onNew}>
        {t('gift.newSale')}
      </button>
    </section>
  )
}

/** Selling Hubble gift cards: find the brand, the amounts and the customer; the cards are shown whole once. */
export function GiftCardsScreen() {
  const t = useT()
  const client = useTillClient()
  const role = useApp((state) => state.auth?.session?.staff.role)
  const language = useApp((state) => state.preferences.language)
  const id = useId()
  const [query, setQuery] = useState('')
  const [category, setCategory] = useState('')
  const brands = useChannel('giftcards:brands', { ...(query.trim() === '' ? {} : { query: query.trim() }), ...(category ? { category } : {}) })
  const all = useChannel('giftcards:brands', {})
  const categories = [...new Set((all.value ?? []).flatMap((b) => b.categories))].sort()
  const [brand, setBrand] = useState<Brand | null>(null)
  const [lines, setLines] = useState<Line[]>([{ amount: '', quantity: '1' }])
  const [customer, setCustomer] = useState({ name: '', phone: '', email: '' })
  const [sale, setSale] = useState<GiftSale | null>(null)
  const [order, setOrder] = useState<GiftOrder | null>(null)
  const [error, setError] = useState<TillErrorData | null>(null)
  const [busy, setBusy] = useState(false)
  const [wallet, setWallet] = useState<string | null>(null)
  const [syncNote, setSyncNote] = useState<string | null>(null)

  useEffect(
    () =>
      client.subscribe('giftcards:changed', (changed) => {
        setOrder((current) => (current && current.referenceId === changed.referenceId ? changed : current))
      }),
    [client]
  )

  // A sale that settled after its first answer (recovered, or finished by Hubble): its cards, as a plain success shows them.
  useEffect(() => {
    if (!sale || !order || order.status !== 'succeeded' || sale.order.status === 'succeeded' || sale.order.referenceId !== order.referenceId) return
    void client.call('giftcards:cards', { referenceId: order.referenceId }).then((result) => {
      if (result.ok) setSale(result.value)
      else {
        setSale({ order, cards: [] })
        setError(result.error)
      }
    })
  }, [client, sale, order])

  const parsed = lines.map((l) => ({ denomination: decimalToMinor(l.amount) ?? 0, quantity: Number(l.quantity) || 0 }))
  const count = parsed.reduce((sum, l) => sum + l.quantity, 0)
  const total = parsed.reduce((sum, l) => sum + l.denomination * l.quantity, 0)
  const ready = brand !== null && parsed.every((l) => l.denomination > 0 && l.quantity > 0) && customer.name.trim() !== '' && customer.phone.trim() !== '' && customer.email.trim() !== ''

  const sell = async (): Promise<void> => {
    if (!brand) return
    setBusy(true)
    setError(null)
    const result = await client.call('giftcards:sell', { productId: brand.id, lines: parsed, customer })
    setBusy(false)
    if (result.ok) {
      setSale(result.value)
      setOrder(result.value.order)
    } else setError(result.error)
  }
  const newSale = (): void => {
    setSale(null)
    setOrder(null)
    setBrand(null)
    setLines([{ amount: '', quantity: '1' }])
    setCustomer({ name: '', phone: '', email: '' })
  }
  const setLine = (index: number, patch: Partial<Line>): void => setLines(lines.map((l, i) => (i === index ? { ...l, ...patch } : l)))

  return (
    <section aria-labelledby={`${id}-title`} className="screen giftcards-screen">
      <h1 id={`${id}-title`}>{t('gift.title')}</h1>
      {role === 'manager' && (
        <div className="toolbar">
          <button
            type="button"
            className="link-button"
            onClick={() => void client.call('giftcards:wallet', {}).then((r) => (r.ok ? setWallet(formatMoney(r.value.balance, language)) : setError(r.error)))}
          >
            {t('gift.walletRefresh')}
          </button>
          {wallet && <span data-testid="gift-wallet">{t('gift.wallet', { amount: wallet })}</span>}
          <button
            type="button"
            className="link-button"
            disabled={syncNote === t('gift.syncing')}
            onClick={() => {
              setSyncNote(t('gift.syncing'))
              void client.call('giftcards:sync', {}).then((r) => {
                setSyncNote(r.ok ? t('gift.synced', { count: r.value.brands, active: r.value.active }) : null)
                if (!r.ok) setError(r.error)
                void brands.reload()
              })
            }}
          >
            {t('gift.sync')}
          </button>
          {syncNote && (
            <span role="status" data-testid="gift-sync">
              {syncNote}
            </span>
          )}
        </div>
      )}
      {sale && order ? (
        <SaleResult sale={sale} order={order} t={t} onNew={newSale} />
      ) : (
        <>
          <label htmlFor={`${id}-search`} className="inline-label">
            {t('gift.search')}
          </label>
          <input id={`${id}-search`} value={query} onChange={(event) => setQuery(event.target.value)} autoComplete="off" autoFocus />
          <p className="hint">{t('gift.searchHint')}</p>
          <div className="brand-list" role="group" aria-label={t('gift.categories')}>
            {['', ...categories].map((c) => (
              <button key={c || 'all'} type="button" aria-pressed={category === c} onClick={() => setCategory(c)}>
                {c === '' ? t('gift.allCategories') : c.replace(/_/g, ' ').toLowerCase()}
              </button>
            ))}
          </div>
          <ul className="brand-list" aria-label={t('gift.brands')}>
            {(brands.value ?? []).map((b) => (
              <li key={b.id}>
                <button type="button" aria-pressed={brand?.id === b.id} onClick={() => setBrand(b)}>
                  {b.title}
                </button>
              </li>
            ))}
          </ul>
          {brands.value?.length === 0 && <p className="muted">{t('gift.noBrands')}</p>}
          {brand && (
            <form
              noValidate
              className="form gift-form"
              aria-label={brand.title}
              onSubmit={(event) => {
                event.preventDefault()
                void sell()
              }}
            >
              <h2>{brand.title}</h2>
              <BrandRules brand={brand} t={t} />
              {lines.map((line, index) => (
                <div key={index} className="gift-line">
                  {brand.denominationType === 'FIXED' ? (
                    <span id={`${id}-amount-label-${index}`} className="field-label">
                      {t('gift.amount')}
                    </span>
                  ) : (
                    <label htmlFor={`${id}-amount-${index}`}>{t('gift.amount')}</label>
                  )}
                  {brand.denominationType === 'FIXED' ? (
                    // Fixed amounts are tiles a finger taps, as at other tills; one is chosen at a time.
                    <div role="radiogroup" aria-labelledby={`${id}-amount-label-${index}`} className="amount-tiles">
                      {(brand.rules.denominations ?? []).map((d) => (
                        <button key={d.amount} type="button" role="radio" aria-checked={line.amount === rupees(d.amount)} onClick={() => setLine(index, { amount: rupees(d.amount) })}>
                          {formatMoney(d, language)}
                        </button>
                      ))}
                    </div>
                  ) : (
                    <input id={`${id}-amount-${index}`} inputMode="decimal" value={line.amount} onChange={(event) => setLine(index, { amount: event.target.value.replace(/[^\d.]/g, '') })} />
                  )}
                  <label htmlFor={`${id}-qty-${index}`}>{t('gift.quantity')}</label>
                  <input id={`${id}-qty-${index}`} inputMode="numeric" value={line.quantity} onChange={(event) => setLine(index, { quantity: event.target.value.replace(/\D/g, '') })} />
                  {lines.length > 1 && (
                    <button type="button" className="link-button" aria-label={t('gift.removeLine', { n: index + 1 })} onClick={() => setLines(lines.filter((_, i) => i !== index))}>
                      ✕
                    </button>
                  )}
                </div>
              ))}
              <button type="button" className="link-button" onClick={() => setLines([...lines, { amount: '', quantity: '1' }])}>
                {t('gift.addLine')}
              </button>
              <fieldset>
                <legend>{t('gift.customer')}</legend>
                <label htmlFor={`${id}-name`}>{t('gift.name')}</label>
                <input id={`${id}-name`} value={customer.name} onChange={(event) => setCustomer({ ...customer, name: event.target.value })} autoComplete="off" />
                <label htmlFor={`${id}-phone`}>{t('gift.phone')}</label>
                <input id={`${id}-phone`} inputMode="tel" value={customer.phone} onChange={(event) => setCustomer({ ...customer, phone: event.target.value })} autoComplete="off" />
                <label htmlFor={`${id}-email`}>{t('gift.email')}</label>
                <input id={`${id}-email`} type="email" value={customer.email} onChange={(event) => setCustomer({ ...customer, email: event.target.value })} autoComplete="off" />
              </fieldset>
              {error && <ErrorNotice error={error} t={t} />}
              <div className="redeem-bar">
                <div className="redeem-total">
                  <span className="muted">{t('gift.total')}</span>
                  <strong data-testid="gift-total">{formatMoney(inr(total), language)}</strong>
                </div>
                <button type="submit" className="primary" disabled={!ready || busy}>
                  {busy ? t('gift.selling') : t('gift.sell', { count, amount: formatMoney(inr(total), language) })}
                </button>
              </div>
            </form>
          )}
        </>
      )}
      <GiftOrders />
    </section>
  )
}
