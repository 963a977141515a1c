import { useState } from 'react'
import type { AuditVerification } from '../../../../shared/domain/audit'
import type { TillErrorData } from '../../../../shared/errors'
import { formatInstant } from '../../../../shared/time'
import { useApp, useT, useTillClient } from '../../app/till-context'
import { isMessageKey, type MessageKey } from '../../i18n/i18n'
import { ErrorNotice } from '../../ui/ErrorNotice'
import { useChannel } from './use-channel'

/** A detail value as words: JSON objects inside it (a setting's old and new value) as `name value` pairs. */
export function readable(value: string | number | boolean | null): string {
  if (value === null) return '—'
  if (typeof value !== 'string') return String(value)
  return value.replace(/\{[^{}]*\}/g, (json) => {
    try {
      const parsed = JSON.parse(json) as Record<string, unknown>
      return Object.entries(parsed)
        .map(([k, v]) => `${k} ${String(v)}`)
        .join(', ')
    } catch {
      return json
    }
  })
}

/** A detail's key in words where the screen has them (`idleLockSeconds` → "lock after (seconds)"), else its camelCase split into words. */
export function detailName(key: string, t: ReturnType<typeof useT>): string {
  const known = `audit.detail.${key}`
  if (isMessageKey(known)) return t(known)
  return key
    .replace(/^values\./, '')
    .replace(/([a-z0-9])([A-Z])/g, '$1 $2')
    .toLowerCase()
}

export function AuditPanel() {
  const t = useT()
  const client = useTillClient()
  const { language, timeZone } = useApp((state) => state.preferences)
  const { value, error, reload } = useChannel('audit:list', { limit: 100 })
  const [verification, setVerification] = useState<AuditVerification | null>(null)
  const [verifyError, setVerifyError] = useState<TillErrorData | null>(null)
  const verify = async (): Promise<void> => {
    const result = await client.call('audit:verify', {})
    setVerification(result.ok ? result.value : null)
    setVerifyError(result.ok ? null : result.error)
  }
  return (
    <section aria-labelledby="audit-title">
      <h2 id="audit-title">{t('audit.title')}</h2>
      <div className="toolbar">
        <button type="button" onClick={() => void reload()}>
          {t('audit.refresh')}
        </button>
        <button type="button" onClick={() => void verify()}>
          {t('audit.verify')}
        </button>
      </div>
      {verification && (
        <p className={`notice ${verification.intact ? 'notice-ok' : 'notice-error'}`} role="status">
          {verification.intact ? t('audit.intact', { count: verification.checked }) : t('audit.broken', { id: verification.brokenAt ?? '?', problem: verification.problem ?? '' })}
        </p>
      )}
      {(error ?? verifyError) && <ErrorNotice error={(error ?? verifyError) as TillErrorData} t={t} />}
      <table className="table" aria-label={t('audit.title')}>
        <thead>
          <tr>
            <th scope="col">{t('audit.when')}</th>
            <th scope="col">{t('audit.who')}</th>
            <th scope="col">{t('audit.what')}</th>
            <th scope="col">{t('audit.outcome')}</th>
            <th scope="col">{t('audit.detail')}</th>
          </tr>
        </thead>
        <tbody>
          {value?.map((entry) => (
            <tr key={entry.id}>
              <td>{formatInstant(entry.at, timeZone, language)}</td>
              <td>{entry.actorName ?? '—'}</td>
              <td>{t(`audit.action.${entry.action}` as MessageKey)}</td>
              <td>{t(`audit.outcome.${entry.outcome}`)}</td>
              <td className="detail">
                {Object.entries(entry.detail)
                  .map(([key, v]) => `${detailName(key, t)}: ${readable(v)}`)
                  .join(' · ')}
              </td>
            </tr>
          ))}
        </tbody>
      </table>
    </section>
  )
}
