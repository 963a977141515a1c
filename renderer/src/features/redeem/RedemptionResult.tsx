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
  const receiptFrom = { cashier: useApp((state) => state.auth?.session?.staff.name ?? '') }
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
      {r.status === 'redeemed' && <RedemptionReceipt redemption={r} t={t} language={language} timeZone={timeZone} cashier={receiptFrom.cashier} />}
    </section>
  )
}

/**
 * The printable receipt of a redeemed bill, with where and by whom: the store, this till, the
 * cashier who redeemed it. Shown after a redemption and again from History, to reprint it.
 */
export function RedemptionReceipt(props: { redemption: Redemption; t: Translate; language: Language; timeZone: string; cashier: string }) {
  const { redemption: r, t, language, timeZone } = props
  const total = formatMoney(r.total, language)
  const receiptFrom = { store: useApp((state) => state.preferences.storeName), till: useApp((state) => state.info?.tillId ?? ''), cashier: props.cashier }
  return (
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
  )
}
