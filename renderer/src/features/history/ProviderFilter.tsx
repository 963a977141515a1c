import type { Language } from '../../../../shared/domain/preferences'
import { historyProvidersOf, providerManifests, type ProviderManifest } from '../../../../shared/providers'
import type { Translate } from '../../i18n/i18n'

/** History's provider filter: one choice per provider manifest, named in the person's language. */
export function ProviderFilter(props: { value: string | undefined; onChange: (provider: string | undefined) => void; language: Language; t: Translate; manifests?: readonly ProviderManifest[] }) {
  const { t } = props
  return (
    <label>
      {t('history.provider')}{' '}
      <select value={props.value ?? ''} onChange={(event) => props.onChange(event.target.value || undefined)}>
        <option value="">{t('history.any')}</option>
        {historyProvidersOf(props.language, props.manifests ?? providerManifests).map((p) => (
          <option key={p.id} value={p.id}>
            {p.name}
          </option>
        ))}
      </select>
    </label>
  )
}
