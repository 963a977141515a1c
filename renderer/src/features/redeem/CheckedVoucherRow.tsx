import type { CheckedVoucher } from '../../../../shared/domain/redeem'
import type { Language } from '../../../../shared/domain/preferences'
import { formatMoney } from '../../../../shared/money'
import { formatDay, formatInstant } from '../../../../shared/time'
import type { Translate } from '../../i18n/i18n'

export function problemSentence(voucher: CheckedVoucher, t: Translate, language: Language, timeZone: string): string | null {
  switch (voucher.problem) {
    case null:
      return null
    case 'used': {
      const used = voucher.used
      if (used?.at && used.storeName) {
        return t('problem.usedAt', { when: formatInstant(used.at, timeZone, language), store: used.storeName[language], bill: used.billNumber ?? '—' })
      }
      return t('problem.used')
    }
    case 'expired':
      return voucher.expiresAt ? t('problem.expiredOn', { date: formatDay(voucher.expiresAt, timeZone, language) }) : t('problem.expired')
    default:
      return t(`problem.${voucher.problem}`)
  }
}

/** One checked voucher: what it is worth, until when, its state in words, and any problem. */
export function CheckedVoucherRow(props: { voucher: CheckedVoucher; t: Translate; language: Language; timeZone: string; requestId: string; onRemove(): void }) {
  const { voucher, t, language, timeZone } = props
  const problem = problemSentence(voucher, t, language, timeZone)
  return (
    <li className={`voucher ${problem ? 'voucher-bad' : 'voucher-ok'}`} data-code={voucher.code}>
      <div className="voucher-head">
        <span className="code">{voucher.code}</span>
        {voucher.state && <span className="badge">{t(`state.${voucher.state}`)}</span>}
        {voucher.amountToApply && <strong className="amount">{formatMoney(voucher.amountToApply, language)}</strong>}
        <button type="button" className="link-button remove" aria-label={t('redeem.remove', { code: voucher.code })} onClick={props.onRemove}>
          ✕
        </button>
      </div>
      <dl className="voucher-facts">
        {voucher.value && (
          <>
            <dt>{t('redeem.value')}</dt>
            <dd>{formatMoney(voucher.value, language)}</dd>
          </>
        )}
        {voucher.expiresAt && (
          <>
            <dt>{t('redeem.expires')}</dt>
            <dd>{formatDay(voucher.expiresAt, timeZone, language)}</dd>
          </>
        )}
        {voucher.conditions && voucher.conditions.redeemableSkus.length > 0 && (
          <>
            <dt>{t('redeem.conditionsLabel')}</dt>
            <dd>
              {t('redeem.conditions', { skus: voucher.conditions.redeemableSkus.join(', ') })}
              {voucher.conditions.minimumBill && `, ${t('redeem.minimumBill', { amount: formatMoney(voucher.conditions.minimumBill, language) })}`}
            </dd>
          </>
        )}
      </dl>
      {problem && (
        <details className="voucher-problem">
          <summary role="alert">{problem}</summary>
          <dl className="error-details">
            {voucher.providerMessage && (
              <>
                <dt>Got It</dt>
                <dd>
                  {voucher.providerMessage[language]} ({voucher.providerMessage.code ?? '—'})
                </dd>
              </>
            )}
            <dt>{t('error.requestId')}</dt>
            <dd data-testid="request-id">{props.requestId || '—'}</dd>
          </dl>
        </details>
      )}
    </li>
  )
}
