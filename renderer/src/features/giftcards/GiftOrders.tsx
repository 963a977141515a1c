import { useEffect, useId, useState } from 'react'
import type { GiftOrder, GiftOrderLookup, GiftSale } from '../../../../shared/domain/giftcards'
import type { TillErrorData } from '../../../../shared/errors'
import { formatMoney } from '../../../../shared/money'
import { formatInstant } from '../../../../shared/time'
import { useApp, useT, useTillClient } from '../../app/till-context'
import { ErrorNotice } from '../../ui/ErrorNotice'
import { isMessageKey } from '../../i18n/i18n'
import { TrainingPanel } from '../training/TrainingPanel'
import { useChannel } from '../settings/use-channel'

/** Looking an order up at Hubble (placed here or anywhere), and this till's orders of today, newest first. */
export function GiftOrders() {
  const t = useT()
  const client = useTillClient()
  const { language, timeZone } = useApp((state) => state.preferences)
  const id = useId()
  const today = new Intl.DateTimeFormat('en-CA', { timeZone }).format(new Date())
  const [day, setDay] = useState(today)
  const [status, setStatus] = useState<GiftOrder['status'] | ''>('')
  const orders = useChannel('giftcards:orders', { ...(day ? { day } : {}), ...(status ? { status } : {}) })
  const [reference, setReference] = useState('')
  const [found, setFound] = useState<GiftOrderLookup | null>(null)
  const [error, setError] = useState<TillErrorData | null>(null)
  useEffect(() => client.subscribe('giftcards:changed', () => void orders.reload()), [client, orders])

  const [shown, setShown] = useState<GiftSale | null>(null)
  const showAgain = async (referenceId: string): Promise<void> => {
    const result = await client.call('giftcards:showAgain', { referenceId })
    setShown(result.ok ? result.value : null)
    setError(result.ok ? null : result.error)
  }
  const find = async (given?: string): Promise<void> => {
    setShown(null)
    const text = (given ?? reference).trim()
    if (given) setReference(given)
    if (text === '') return
    // Hubble's order ids are 26-character ULIDs; anything else is a reference id.
    const result = await client.call('giftcards:lookup', /^[0-9A-HJKMNP-TV-Z]{26}$/.test(text) ? { orderId: text } : { referenceId: text })
    setFound(result.ok ? result.value : null)
    setError(result.ok ? null : result.error)
  }

  return (
    <section aria-labelledby={`${id}-title`} className="gift-orders">
      <h2 id={`${id}-title`}>{t('gift.lookup')}</h2>
      <form
        className="inline-form"
        onSubmit={(event) => {
          event.preventDefault()
          void find()
        }}
      >
        <label htmlFor={`${id}-ref`}>{t('gift.reference')}</label>
        <input id={`${id}-ref`} value={reference} onChange={(event) => setReference(event.target.value)} autoComplete="off" spellCheck={false} />
        <button type="submit">{t('gift.find')}</button>
      </form>
      <TrainingPanel
        provider="hubble"
        name="Hubble"
        describe={(status) => (isMessageKey(`gift.hubble.${status}`) ? t(`gift.hubble.${status}` as 'gift.hubble.SUCCESS') : status)}
        onPick={(picked) => void find(picked)}
      />
      {error && <ErrorNotice error={error} t={t} />}
      {found && (
        <dl className="error-details" data-testid="gift-lookup">
          <dt>{t('gift.reference')}</dt>
          <dd>{found.referenceId}</dd>
          <dt>Hubble</dt>
          <dd>
            {found.orderId} ·{' '}
            {isMessageKey(`gift.hubble.${found.hubbleStatus}`) ? t(`gift.hubble.${found.hubbleStatus}` as 'gift.hubble.SUCCESS') : t('gift.hubble.other', { status: found.hubbleStatus })}
            {found.failureReason ? ` · ${found.failureReason}` : ''}
          </dd>
          {found.cards.map((card) => (
            <div key={card.id} className="contents">
              <dt>{t('gift.cardNumber')}</dt>
              <dd>
                {card.last4 ? `••••${card.last4}` : t('gift.pinOnly')} · {formatMoney(card.amount, language)} · {card.validTill ?? '—'}
              </dd>
            </div>
          ))}
          <dt>{t('error.requestId')}</dt>
          <dd>{found.requestId}</dd>
        </dl>
      )}
      {found?.local?.status === 'succeeded' && (
        <button type="button" onClick={() => void showAgain(found.referenceId)}>
          {t('gift.showAgain')}
        </button>
      )}
      {shown && (
        <table className="table" data-testid="gift-cards-again">
          <tbody>
            {shown.cards.map((card) => (
              <tr key={card.id}>
                <td className="code">{card.cardNumber ?? '—'}</td>
                <td className="code">{card.cardPin ?? '—'}</td>
                <td>{formatMoney(card.amount, language)}</td>
              </tr>
            ))}
          </tbody>
        </table>
      )}
      <div className="inline-form">
        <label htmlFor={`${id}-day`}>{t('gift.day')}</label>
        <input id={`${id}-day`} type="date" value={day} onChange={(event) => setDay(event.target.value)} />
        <label htmlFor={`${id}-status`}>{t('gift.statusColumn')}</label>
        <select id={`${id}-status`} value={status} onChange={(event) => setStatus(event.target.value as GiftOrder['status'] | '')}>
          <option value="">{t('gift.anyStatus')}</option>
          {(['processing', 'succeeded', 'failed', 'verifying', 'needs_review', 'reversed'] as const).map((s) => (
            <option key={s} value={s}>
              {t(`gift.status.${s}`)}
            </option>
          ))}
        </select>
      </div>
      <table className="table" aria-label={t('gift.todaysOrders')}>
        <thead>
          <tr>
            <th scope="col">{t('gift.when')}</th>
            <th scope="col">{t('gift.reference')}</th>
            <th scope="col">{t('gift.brandColumn')}</th>
            <th scope="col">{t('gift.amount')}</th>
            <th scope="col">{t('gift.statusColumn')}</th>
          </tr>
        </thead>
        <tbody>
          {(orders.value ?? []).map((order) => (
            <tr key={order.referenceId}>
              <td>{formatInstant(order.createdAt, timeZone, language)}</td>
              <td className="code">
                <button type="button" className="link-button" aria-label={t('gift.openOrder', { reference: order.referenceId })} onClick={() => void find(order.referenceId)}>
                  {order.referenceId}
                </button>
              </td>
              <td>{order.brand.title}</td>
              <td>{formatMoney(order.amount, language)}</td>
              <td>
                {t(`gift.status.${order.status}`)}
                {order.correctedFrom && <span className="detail"> · {t('gift.corrected', { from: t(`gift.status.${order.correctedFrom}`) })}</span>}
              </td>
            </tr>
          ))}
        </tbody>
      </table>
    </section>
  )
}
