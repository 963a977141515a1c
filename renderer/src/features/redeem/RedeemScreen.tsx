import { useEffect, useState } from 'react'
import { formatMoney } from '../../../../shared/money'
import { useApp, useT, useTillClient } from '../../app/till-context'
import { CodeField } from '../../ui/CodeField'
import { ErrorNotice } from '../../ui/ErrorNotice'
import { BillDetails } from './BillDetails'
import { CheckedVoucherRow } from './CheckedVoucherRow'
import { MAX_CODES_PER_BILL, useRedeemStore } from './redeem-store'
import { RedemptionResult } from './RedemptionResult'
import { TrainingVouchers } from './TrainingVouchers'
import { OfflineAccept } from './OfflineAccept'

export function RedeemScreen() {
  const t = useT()
  const client = useTillClient()
  const { language, timeZone } = useApp((state) => state.preferences)
  const s = useRedeemStore()
  const offlineAllowed = useApp((state) => state.preferences.offlinePolicy.enabled)
  const [announcement, setAnnouncement] = useState('')
  const [code, setCode] = useState('')

  useEffect(() => client.subscribe('redeem:changed', (redemption) => useRedeemStore.getState().update(redemption)), [client])

  const onSubmit = (entered: string): string | null => {
    const problem = s.addCode(entered)
    if (problem === null) {
      setAnnouncement(t('code.added', { code: entered }))
      return null
    }
    setAnnouncement('')
    return t(problem, { code: entered, max: MAX_CODES_PER_BILL })
  }

  const count = s.codes.length
  const heading = t('redeem.codesOnBill', { count, max: MAX_CODES_PER_BILL })

  return (
    <section aria-labelledby="redeem-title" className="screen">
      <h1 id="redeem-title">{t('redeem.title')}</h1>
      {s.redemption ? (
        <RedemptionResult redemption={s.redemption} t={t} language={language} timeZone={timeZone} onNewBill={() => void s.newBill(client)} />
      ) : (
        <>
          <CodeField
            label={t('redeem.codeLabel')}
            hint={t('redeem.codeHint')}
            submitLabel={t('redeem.add')}
            onSubmit={onSubmit}
            value={code}
            onValueChange={setCode}
            autoFocus
          />
          <TrainingVouchers onPick={setCode} />
          <p className="visually-hidden" aria-live="polite">
            {announcement}
          </p>
          <h2>
            {heading}
            {s.billNumber && <span className="muted"> · {t('redeem.billNumber', { bill: s.billNumber })}</span>}
          </h2>
          {count === 0 ? (
            <p className="muted">{t('redeem.empty')}</p>
          ) : s.check ? (
            <ul className="voucher-list" aria-label={heading}>
              {s.check.vouchers.map((voucher) => (
                <CheckedVoucherRow key={voucher.code} voucher={voucher} t={t} language={language} timeZone={timeZone} requestId={s.check?.requestId ?? ''} onRemove={() => s.removeCode(voucher.code)} />
              ))}
            </ul>
          ) : (
            <ul className="code-list" aria-label={heading}>
              {s.codes.map((c) => (
                <li key={c}>
                  <span className="code">{c}</span>
                  <button type="button" className="link-button" aria-label={t('redeem.remove', { code: c })} onClick={() => s.removeCode(c)}>
                    ✕
                  </button>
                </li>
              ))}
            </ul>
          )}
          <BillDetails t={t} total={s.billTotal} skus={s.skus} onTotal={s.setBillTotal} onSkus={s.setSkus} />
          {s.error && <ErrorNotice error={s.error} t={t} />}
          {s.error?.code === 'provider_unreachable' && offlineAllowed && count > 0 && <OfflineAccept />}
          <div className="toolbar">
            {count > 0 && (
              <button type="button" disabled={s.busy !== null} onClick={() => void s.runCheck(client)}>
                {s.busy === 'checking' ? t('redeem.checking') : t('redeem.check')}
              </button>
            )}
            {s.check?.allRedeemable && (
              <button type="button" className="primary" disabled={s.busy !== null} onClick={() => void s.redeem(client)}>
                {s.busy === 'redeeming' ? t('redeem.redeeming') : t('redeem.redeem', { count: s.check.vouchers.length, amount: formatMoney(s.check.totalToApply, language) })}
              </button>
            )}
            {count > 0 && (
              <button type="button" className="link-button" onClick={() => void s.newBill(client)}>
                {t('redeem.clear')}
              </button>
            )}
          </div>
          {s.check && !s.check.allRedeemable && <p className="hint">{t('redeem.fixFirst')}</p>}
        </>
      )}
    </section>
  )
}
