import { useApp } from '../../app/till-context'
import type { Redemption } from '../../../../shared/domain/redeem'
import type { Language } from '../../../../shared/domain/preferences'
import { maskCode } from '../../../../shared/domain/voucher-code'
import { formatMoney } from '../../../../shared/money'
import { formatInstant } from '../../../../shared/time'
import type { MessageKey, Translate } from '../../i18n/i18n'

/** The outcome of a redemption, and the receipt to print when it went through. */
export function RedemptionResult(props: { redemption: Redemption; t: Translate; language: Language; timeZone: string; onNewBill(): void; onFixBill(): void }) {
  const { redemption: r, t, language, timeZone } = props
  const total = formatMoney(r.total, language)
  // Who sold it where, printed on the receipt: the store, this till, the cashier at it.
  const storeName = useApp((state) => state.preferences.storeName)
  const tillId = useApp((state) => state.info?.tillId ?? '')
  const cashier = useApp((state) => state.auth?.session?.staff.name ?? '')
  const receiptFrom = { store: storeName, till: tillId, cashier }
  return (
    <section className="redemption" aria-live="polite">
      {r.status === 'redeemed' && (
        <div className="notice notice-ok" role="status">
          <p>{t('redeem.redeemed', { amount: total, bill: r.billNumber })}</p>
          <p>{r.transactionId ? t('redeem.transaction', { id: r.transactionId }) : t('redeem.transactionByCheck')}</p>
        </div>
      )}
      {(r.status === 'verifying' || r.status === 'redeeming') && (
        <p className="notice notice-warn" role="status">
          {t('redeem.verifying')}
        </p>
      )}
      {r.status === 'rejected' && (
        <div className="notice notice-error" role="alert">
          <p>{t('redeem.rejected', { bill: r.billNumber })}</p>
          {r.problem && <p>{t(`problem.${r.problem.reason}` as MessageKey)}</p>}
          {r.problem?.message && (
            <p className="muted">
              Got It: {r.problem.message[language]} ({r.problem.message.code ?? '—'}) · {t('error.requestId')}: {r.requestId ?? '—'}
            </p>
          )}
        </div>
      )}
      {r.status === 'needs_review' && (
        <p className="notice notice-error" role="alert">
          {t('redeem.needsReview', { bill: r.billNumber })}
        </p>
      )}
      <div className="toolbar">
        {r.status === 'redeemed' && (
          <button type="button" onClick={() => window.print()}>
            {t('redeem.print')}
          </button>
        )}
        {r.status === 'rejected' && (
          <button type="button" className="primary" onClick={props.onFixBill}>
            {t('redeem.fixBill')}
          </button>
        )}
        <button type="button" onClick={props.onNewBill}>
          {t('redeem.newBill')}
        </button>
      </div>
      {r.status === 'redeemed' && (
        <div className="receipt" data-testid="receipt">
          <h2>{t('redeem.receiptTitle')}</h2>
          {receiptFrom.store && <p data-testid="receipt-store">{receiptFrom.store}</p>}
          <p>{t('redeem.receiptTill', { till: receiptFrom.till, cashier: receiptFrom.cashier })}</p>
          <p>{t('redeem.billNumber', { bill: r.billNumber })}</p>
          <p>
            {t('redeem.receiptDate')}: {formatInstant(r.settledAt ?? r.createdAt, timeZone, language)}
          </p>
          <ul>
            {r.vouchers.map((v) => (
              <li key={v.code}>
                {maskCode(v.code)} {formatMoney(v.amount, language)}
              </li>
            ))}
          </ul>
          <p>
            <strong>
              {t('redeem.receiptTotal')}: {total}
            </strong>
          </p>
          {r.transactionId && <p>{t('redeem.transaction', { id: r.transactionId })}</p>}
        </div>
      )}
    </section>
  )
}
