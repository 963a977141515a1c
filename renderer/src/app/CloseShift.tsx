import { useState } from 'react'
import type { ShiftSummary } from '../../../shared/channels/journal'
import type { TillErrorData } from '../../../shared/errors'
import { ErrorNotice } from '../ui/ErrorNotice'
import { ShiftTotals } from './ShiftTotals'
import { useApp, useT, useTillClient } from './till-context'

/**
 * Closing the shift: first what the shift did, then a confirmation. With money operations still
 * unsettled, a manager must acknowledge them.
 */
export function CloseShift() {
  const t = useT()
  const client = useTillClient()
  const refreshAuth = useApp((state) => state.refreshAuth)
  const [summary, setSummary] = useState<ShiftSummary | null>(null)
  const [problem, setProblem] = useState<TillErrorData | null>(null)
  const open = async (): Promise<void> => {
    const result = await client.call('shift:summary', {})
    setProblem(result.ok ? null : result.error)
    setSummary(result.ok ? result.value : null)
  }
  const close = async (acknowledge: boolean): Promise<void> => {
    const result = await client.call('shift:close', { acknowledge })
    setProblem(result.ok ? null : result.error)
    if (result.ok) {
      setSummary(null)
      await refreshAuth()
    }
  }
  const dismiss = (): void => {
    setSummary(null)
    setProblem(null)
  }
  return (
    <>
      <button type="button" className="link-button" onClick={() => void open()}>
        {t('shift.close')}
      </button>
      {(summary || problem) && (
        <div className="dialog" role="presentation">
          <div className="dialog-card" role="alertdialog" aria-modal="true" aria-labelledby="close-shift-title">
            <h2 id="close-shift-title">{t('shift.confirmTitle')}</h2>
            {summary && <ShiftTotals summary={summary} />}
            {problem && <ErrorNotice error={problem} t={t} />}
            <div className="toolbar">
              {problem?.code === 'conflict' ? (
                <button type="button" onClick={() => void close(true)}>
                  {t('shift.acknowledge')}
                </button>
              ) : (
                <button type="button" className="primary" onClick={() => void close(false)}>
                  {t('shift.confirm')}
                </button>
              )}
              <button type="button" className="link-button" onClick={dismiss} autoFocus>
                {t('shift.cancel')}
              </button>
            </div>
          </div>
        </div>
      )}
    </>
  )
}
