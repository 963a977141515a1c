import { useEffect, useState } from 'react'
import { formatMoney } from '../../../../shared/money'
import { isGotItCodeFormat } from '../../../../shared/domain/voucher-code'
import { useApp, useT, useTillClient } from '../../app/till-context'
import { CodeField } from '../../ui/CodeField'
import { ErrorNotice } from '../../ui/ErrorNotice'
import { BillDetails } from './BillDetails'
import { CheckedVoucherRow } from './CheckedVoucherRow'
import { MAX_CODES_PER_BILL, useRedeemStore } from './redeem-store'
import { RedemptionResult } from './RedemptionResult'
import { TrainingVouchers } from './TrainingVouchers'
import { OfflineAccept } from './OfflineAccept'
import { TrainingPanel } from '../training/TrainingPanel'

/** The keys a cashier uses without leaving the code field. */
export const CHECK_KEY = 'F2'
export const REDEEM_KEY = 'F4'

export function RedeemScreen() {
  const t = useT()
  const client = useTillClient()
  const { language, timeZone } = useApp((state) => state.preferences)
  const s = useRedeemStore()
  const offlineAllowed = useApp((state) => state.preferences.offlinePolicy.enabled)
  const [announcement, setAnnouncement] = useState('')
  const [code, setCode] = useState('')

  useEffect(() => client.subscribe('redeem:changed', (redemption) => useRedeemStore.getState().update(redemption)), [client])

  const count = s.codes.length
  const canCheck = count > 0 && s.busy === null && !s.redemption
  const canRedeem = s.check?.allRedeemable === true && s.busy === null && !s.redemption

  useEffect(() => {
    const onKey = (event: KeyboardEvent): void => {
      if (event.key === CHECK_KEY && canCheck) {
        event.preventDefault()
        void useRedeemStore.getState().runCheck(client)
      } else if (event.key === REDEEM_KEY && canRedeem) {
        event.preventDefault()
        void useRedeemStore.getState().redeem(client)
      }
    }
    window.addEventListener('keydown', onKey)
    return () => window.removeEventListener('keydown', onKey)
  }, [client, canCheck, canRedeem])

  const onSubmit = (entered: string): string | null => {
    if (s.redemption) {
      // Scanning after a finished bill starts the next one with this code.
      void s.newBill(client).then(() => useRedeemStore.getState().addCode(entered))
      setAnnouncement(t('code.added', { code: entered }))
      return null
    }
    const problem = s.addCode(entered)
    if (problem === null) {
      setAnnouncement(t('code.added', { code: entered }))
      return null
    }
    setAnnouncement('')
    return t(problem, { code: entered, max: MAX_CODES_PER_BILL })
  }

  const heading = t('redeem.codesOnBill', { count, max: MAX_CODES_PER_BILL })
  // Only an answer (or a new bill, or another language) brings the focus back: editing the bill total must keep it there.
  const focusSignal = [s.answers, language].join('|')
  const needsItems = s.check?.vouchers.some((v) => v.problem === 'needs_items' || v.problem === 'conditions_not_met') ?? false
  const total = s.check ? formatMoney(s.check.totalToApply, language) : null

  return (
    <section aria-labelledby="redeem-title" className="screen redeem-screen">
      <h1 id="redeem-title">{t('redeem.title')}</h1>
      <CodeField
        label={t('redeem.codeLabel')}
        hint={t('redeem.codeHint', { check: CHECK_KEY, redeem: REDEEM_KEY })}
        submitLabel={t('redeem.add')}
        onSubmit={onSubmit}
        value={code}
        onValueChange={setCode}
        focusSignal={focusSignal}
        captureScans
        plausibleCode={isGotItCodeFormat}
        autoFocus
      />
      <p className="visually-hidden" aria-live="polite">
        {announcement}
      </p>
      {s.redemption ? (
        <RedemptionResult redemption={s.redemption} t={t} language={language} timeZone={timeZone} onNewBill={() => void s.newBill(client)} onFixBill={() => s.fixBill()} />
      ) : (
        <>
          <div className="bill-heading">
            <h2>
              {heading}
              {s.billNumber && <span className="muted"> · {t('redeem.billNumber', { bill: s.billNumber })}</span>}
            </h2>
            {count > 0 && (
              <button type="button" className="link-button" onClick={() => void s.newBill(client)}>
                {t('redeem.clear')}
              </button>
            )}
          </div>
          {count === 0 ? (
            <p className="muted">{t('redeem.empty')}</p>
          ) : s.check ? (
            <ul className="voucher-list" aria-label={heading}>
              {s.check.vouchers.map((voucher) => (
                <CheckedVoucherRow
                  key={voucher.code}
                  voucher={voucher}
                  t={t}
                  language={language}
                  timeZone={timeZone}
                  requestId={s.check?.requestId ?? ''}
                  onRemove={() => s.removeCode(voucher.code)}
                />
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
          <BillDetails t={t} total={s.billTotal} skus={s.skus} open={needsItems} onTotal={s.setBillTotal} onSkus={s.setSkus} />
          {s.error && <ErrorNotice error={s.error} t={t} />}
          {s.error?.code === 'provider_unreachable' && offlineAllowed && count > 0 && <OfflineAccept />}
          {s.check && !s.check.allRedeemable && <p className="hint">{t('redeem.fixFirst')}</p>}
          <div className="redeem-bar" role="group" aria-label={t('redeem.barLabel')}>
            <div className="redeem-total" data-testid="bill-total">
              <span className="muted">{t('redeem.totalLabel')}</span>
              <strong>{total ?? '—'}</strong>
            </div>
            <button type="button" disabled={!canCheck} aria-keyshortcuts={CHECK_KEY} onClick={() => void s.runCheck(client)}>
              {s.busy === 'checking' ? t('redeem.checking') : t('redeem.check')} <kbd>{CHECK_KEY}</kbd>
            </button>
            <button type="button" className="primary" disabled={!canRedeem} aria-keyshortcuts={REDEEM_KEY} onClick={() => void s.redeem(client)}>
              {s.busy === 'redeeming' ? t('redeem.redeeming') : s.check?.allRedeemable ? t('redeem.redeem', { count: s.check.vouchers.length, amount: total ?? '—' }) : t('redeem.redeemNotYet')}{' '}
              <kbd>{REDEEM_KEY}</kbd>
            </button>
          </div>
        </>
      )}
      <TrainingVouchers onPick={setCode} />
      <TrainingPanel provider="gotit" name="Got It" />
    </section>
  )
}
