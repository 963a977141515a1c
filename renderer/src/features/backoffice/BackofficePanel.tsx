import { useId, useState } from 'react'
import type { TillErrorData } from '../../../../shared/errors'
import { useT, useTillClient } from '../../app/till-context'
import { ErrorNotice } from '../../ui/ErrorNotice'
import { BackofficeStatusLine, useBackofficeStatus } from './BackofficeStatusLine'

/** Settings → Back office: enrol this till with the chain's back office, see how it reports. */
export function BackofficePanel() {
  const t = useT()
  const client = useTillClient()
  const id = useId()
  const [url, setUrl] = useState<string | null>(null)
  const [code, setCode] = useState('')
  const [name, setName] = useState('')
  const [error, setError] = useState<TillErrorData | null>(null)
  const [done, setDone] = useState<string | null>(null)
  const status = useBackofficeStatus()
  return (
    <section aria-labelledby={`${id}-title`}>
      <h2 id={`${id}-title`}>{t('backoffice.title')}</h2>
      <p className="hint">{t('backoffice.intro')}</p>
      <BackofficeStatusLine status={status} />
      {status?.stopped && (
        <button type="button" onClick={() => void client.call('backoffice:retry', {}).then((r) => setError(r.ok ? null : r.error))}>
          {t('backoffice.retry')}
        </button>
      )}
      <form
        className="form"
        onSubmit={(event) => {
          event.preventDefault()
          setDone(null)
          void client.call('backoffice:enrol', { url: url ?? status?.url ?? '', code, ...(name.trim() ? { name: name.trim() } : {}) }).then((result) => {
            setError(result.ok ? null : result.error)
            if (result.ok) {
              setCode('')
              setDone(t('backoffice.enrolled', { store: result.value.store?.name ?? '' }))
            }
          })
        }}
      >
        <label htmlFor={`${id}-url`}>{t('backoffice.url')}</label>
        <input id={`${id}-url`} type="url" value={url ?? status?.url ?? ''} onChange={(event) => setUrl(event.target.value)} placeholder="https://backoffice.example.com" required autoComplete="off" />
        <label htmlFor={`${id}-code`}>{t('backoffice.code')}</label>
        <input id={`${id}-code`} value={code} onChange={(event) => setCode(event.target.value)} required autoComplete="off" />
        <label htmlFor={`${id}-name`}>{t('backoffice.name')}</label>
        <input id={`${id}-name`} value={name} onChange={(event) => setName(event.target.value)} autoComplete="off" />
        <button type="submit" className="primary">
          {t('backoffice.enrol')}
        </button>
      </form>
      {done && (
        <p className="notice notice-ok" role="status">
          {done} {status?.keyFromEnvironment && t('backoffice.envOnly')}
        </p>
      )}
      {error && <ErrorNotice error={error} t={t} />}
    </section>
  )
}
