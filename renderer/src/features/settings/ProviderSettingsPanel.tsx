import { useT } from '../../app/till-context'
import { ErrorNotice } from '../../ui/ErrorNotice'
import { ProviderSettingsForm } from './ProviderSettingsForm'
import { useChannel } from './use-channel'

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
      <div className="provider-grid">
        {value?.providers.map((view) => (
          <ProviderSettingsForm key={view.provider} view={view} secretsWritable={value.secretProtection !== 'environment-only'} onSaved={() => void reload()} />
        ))}
      </div>
    </section>
  )
}
