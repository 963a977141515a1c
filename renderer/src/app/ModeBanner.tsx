import type { ProviderMode } from '../../../shared/domain/providers'
import type { MessageKey } from '../i18n/i18n'
import { useApp, useT } from './till-context'

const bannerOf: Record<ProviderMode, MessageKey> = { training: 'mode.training', sandbox: 'mode.sandbox', production: 'mode.production' }

/**
 * What kind of money the till is handling, always in view: TRAINING (simulators), SANDBOX (the
 * providers' test systems) or LIVE (real money), and each provider's mode when they differ.
 */
export function ModeBanner() {
  const t = useT()
  const providers = useApp((state) => state.providers)
  if (providers.length === 0) return null
  const modes = new Set(providers.map((p) => p.mode))
  const only = modes.size === 1 ? [...modes][0] : undefined
  const text = only ? t(bannerOf[only]) : t('mode.mixed', { list: providers.map((p) => `${p.name}: ${t(`provider.mode.${p.mode}`)}`).join(' · ') })
  return (
    <div className={`mode-banner mode-${only ?? 'mixed'}`} role="status" data-testid="mode-banner" data-mode={only ?? 'mixed'}>
      {text}
    </div>
  )
}
