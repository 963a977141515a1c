import { useId, useState } from 'react'
import type { ProviderSettingsView } from '../../../../shared/domain/provider-settings'
import type { ProviderMode } from '../../../../shared/domain/providers'
import { useT, useTillClient } from '../../app/till-context'
import { isMessageKey, type MessageKey } from '../../i18n/i18n'
import { ErrorNotice } from '../../ui/ErrorNotice'
import { useSubmit } from '../auth/use-submit'

const modes: ProviderMode[] = ['training', 'sandbox', 'production']

export function ProviderSettingsForm(props: { view: ProviderSettingsView; secretsWritable: boolean; onSaved(): void }) {
  const t = useT()
  const client = useTillClient()
  const { view } = props
  const [mode, setMode] = useState<ProviderMode>(view.mode)
  const [baseUrl, setBaseUrl] = useState(view.baseUrlOverridden && !view.baseUrlFromEnvironment ? view.baseUrl : '')
  const [values, setValues] = useState<Record<string, string>>(() => Object.fromEntries(view.fields.filter((f) => !f.secret && !f.fromEnvironment).map((f) => [f.key, f.value ?? ''])))
  const [secrets, setSecrets] = useState<Record<string, string>>({})
  const [saved, setSaved] = useState(false)
  const id = useId()
  const { error, busy, onSubmit } = useSubmit(async () => {
    setSaved(false)
    const typedSecrets = Object.fromEntries(Object.entries(secrets).filter(([, v]) => v !== ''))
    const result = await client.call('settings:setProvider', {
      provider: view.provider,
      ...(view.modeFromEnvironment ? {} : { mode }),
      ...(view.baseUrlFromEnvironment ? {} : { baseUrl: baseUrl.trim() === '' ? null : baseUrl.trim() }),
      values: Object.fromEntries(Object.entries(values).map(([k, v]) => [k, v.trim() === '' ? null : v])),
      ...(Object.keys(typedSecrets).length > 0 ? { secrets: typedSecrets } : {})
    })
    if (result.ok) {
      setSecrets({})
      setSaved(true)
      props.onSaved()
    }
    return result.ok ? null : result.error
  })
  const fromEnv = <span className="badge">{t('settings.fromEnvironment')}</span>
  return (
    <form className="provider-form" onSubmit={onSubmit} aria-labelledby={`${id}-title`}>
      <h3 id={`${id}-title`}>{view.name}</h3>
      <label htmlFor={`${id}-mode`}>
        {t('settings.mode')} {view.modeFromEnvironment && fromEnv}
      </label>
      <select id={`${id}-mode`} value={mode} disabled={view.modeFromEnvironment} onChange={(event) => setMode(event.target.value as ProviderMode)}>
        {modes.map((m) => (
          <option key={m} value={m}>
            {t(`provider.mode.${m}`)}
          </option>
        ))}
      </select>
      <label htmlFor={`${id}-url`}>
        {t('settings.baseUrl')} {view.baseUrlFromEnvironment && fromEnv}
      </label>
      <input
        id={`${id}-url`}
        value={view.baseUrlFromEnvironment ? view.baseUrl : baseUrl}
        placeholder={view.baseUrl}
        disabled={view.baseUrlFromEnvironment}
        onChange={(event) => setBaseUrl(event.target.value)}
        autoComplete="off"
        spellCheck={false}
      />
      {view.fields.map((field) => (
        <div key={field.key} className="field">
          <label htmlFor={`${id}-${field.key}`}>
            {isMessageKey(`field.${field.key}`) ? t(`field.${field.key}` as MessageKey) : field.label} {field.fromEnvironment && fromEnv}
          </label>
          {field.secret ? (
            <input
              id={`${id}-${field.key}`}
              type="password"
              autoComplete="new-password"
              disabled={field.fromEnvironment || !props.secretsWritable}
              placeholder={field.isSet ? t('settings.secretSet') : t('settings.secretNotSet')}
              value={secrets[field.key] ?? ''}
              onChange={(event) => setSecrets({ ...secrets, [field.key]: event.target.value })}
            />
          ) : (
            <input
              id={`${id}-${field.key}`}
              disabled={field.fromEnvironment}
              value={field.fromEnvironment ? (field.value ?? '') : (values[field.key] ?? '')}
              onChange={(event) => setValues({ ...values, [field.key]: event.target.value })}
              autoComplete="off"
              spellCheck={false}
            />
          )}
        </div>
      ))}
      {view.problems.length > 0 && (
        <ul className="problems" aria-label={t('settings.problems')}>
          {view.problems.map((problem) => (
            <li key={problem}>{problem}</li>
          ))}
        </ul>
      )}
      <button type="submit" disabled={busy}>
        {t('settings.saveProvider', { provider: view.name })}
      </button>
      {error !== null && <ErrorNotice error={error} t={t} />}
      {saved && (
        <p className="notice notice-ok" role="status">
          {t('settings.saved')}
        </p>
      )}
    </form>
  )
}
