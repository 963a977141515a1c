import { useT } from '../../app/till-context'
import { ErrorNotice } from '../../ui/ErrorNotice'
import { ProviderSettingsForm } from './ProviderSettingsForm'
import { useChannel } from './use-channel'

/** Each provider's calls and failures over the last hour and day, so a manager sees one going wrong. */
function ErrorRates() {
  const t = useT()
  const { value } = useChannel('providers:errorRates', {})
  const cell = (w: { calls: number; failed: number }) => (w.calls === 0 ? '—' : t('settings.rate', { failed: w.failed, calls: w.calls, percent: Math.round((w.failed * 100) / w.calls) }))
  return (
    <table className="table" aria-label={t('settings.errorRates')}>
      <thead>
        <tr>
          <th scope="col">{t('settings.errorRates')}</th>
          <th scope="col">{t('settings.lastHour')}</th>
          <th scope="col">{t('settings.lastDay')}</th>
        </tr>
      </thead>
      <tbody>
        {value?.map((r) => (
          <tr key={r.provider} data-provider={r.provider}>
            <th scope="row">{r.name}</th>
            <td>{cell(r.hour)}</td>
            <td>{cell(r.day)}</td>
          </tr>
        ))}
      </tbody>
    </table>
  )
}

export function ProviderSettingsPanel() {
  const t = useT()
  const { value, error, reload } = useChannel('settings:get', {})
  return (
    <section aria-labelledby="providers-title">
      <h2 id="providers-title">{t('settings.providers')}</h2>
      {value?.secretProtection === 'weak' && (
        <p className="notice notice-warn" role="status">
          {t('settings.secretsWeak')}
        </p>
      )}
      {value?.secretProtection === 'environment-only' && <p className="notice notice-info">{t('settings.secretsEnvOnly')}</p>}
      {error && <ErrorNotice error={error} t={t} />}
      <ErrorRates />
      <div className="provider-grid">
        {value?.providers.map((view) => (
          <ProviderSettingsForm key={view.provider} view={view} secretsWritable={value.secretProtection !== 'environment-only'} onSaved={() => void reload()} />
        ))}
      </div>
    </section>
  )
}
