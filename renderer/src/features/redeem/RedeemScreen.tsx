import { useState } from 'react'
import { useT } from '../../app/till-context'
import { CodeField } from '../../ui/CodeField'
import { MAX_CODES_PER_BILL, useRedeemStore } from './redeem-store'
import { TrainingVouchers } from './TrainingVouchers'

export function RedeemScreen() {
  const t = useT()
  const codes = useRedeemStore((state) => state.codes)
  const addCode = useRedeemStore((state) => state.addCode)
  const removeCode = useRedeemStore((state) => state.removeCode)
  const clear = useRedeemStore((state) => state.clear)
  const [announcement, setAnnouncement] = useState('')
  const [code, setCode] = useState('')

  const onSubmit = (code: string): string | null => {
    const problem = addCode(code)
    if (problem === null) {
      setAnnouncement(t('code.added', { code }))
      return null
    }
    setAnnouncement('')
    return t(problem, { code, max: MAX_CODES_PER_BILL })
  }

  return (
    <section aria-labelledby="redeem-title" className="screen">
      <h1 id="redeem-title">{t('redeem.title')}</h1>
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
      <h2>{t('redeem.codesOnBill', { count: codes.length, max: MAX_CODES_PER_BILL })}</h2>
      {codes.length === 0 ? (
        <p className="muted">{t('redeem.empty')}</p>
      ) : (
        <ul className="code-list" aria-label={t('redeem.codesOnBill', { count: codes.length, max: MAX_CODES_PER_BILL })}>
          {codes.map((code) => (
            <li key={code}>
              <span className="code">{code}</span>
              <button type="button" className="link-button" aria-label={t('redeem.remove', { code })} onClick={() => removeCode(code)}>
                ✕
              </button>
            </li>
          ))}
        </ul>
      )}
      {codes.length > 0 && (
        <button type="button" onClick={clear}>
          {t('redeem.clear')}
        </button>
      )}
      <p className="muted">{t('redeem.checkLater')}</p>
    </section>
  )
}
