import type { Language } from '../domain/preferences'
import type { ProviderFieldSpec } from '../domain/provider-settings'
import type { FeatureContract } from '../ipc/channel-table'

/**
 * Everything the rest of the till needs to know of one provider, in one place: the contract, the
 * menu, History, Settings, the external links and the core's registry are built from these. The
 * provider's code lives in its folders (electron/core/providers/<id>/, electron/core/sandbox/<id>/,
 * renderer/src/features/<screen>/, shared/channels/<id>.ts).
 */
export interface ProviderManifest<F extends FeatureContract = FeatureContract> {
  /** One name for the provider throughout: settings, History, the back office, environment variables (TILL_<ID>_…). */
  id: string
  /** How the provider names itself in the till's sentences (Vipps MobilePay, not Vipps). */
  name: string
  /** Its name in the interface, in each language. */
  names: Readonly<Record<Language, string>>
  /**
   * Its screen: the renderer folder (renderer/src/features/<id>/) and its name in the menu. Stated
   * here once, because the screen is named for what the cashier does (Redeem) and the provider for
   * who it is (Got It).
   */
  screen: { id: string; title: Readonly<Record<Language, string>> }
  /** Its channels, events and the reasons its errors carry (shared/channels/<id>.ts). */
  feature: F
  /** The kinds of money operation it records in History. */
  historyKinds: readonly string[]
  /** The actions it records in the audit log (each has words in the renderer's audit messages). */
  auditActions: readonly string[]
  /** Its settings fields (with their environment variables) and the base URLs of its environments. */
  settings: { fields: readonly ProviderFieldSpec[]; baseUrls: { sandbox: string; production: string } }
  /** Hosts of its help and portal pages, which a link in the till may open in the system browser. */
  linkHosts: readonly string[]
}

/** Checks a manifest against the shape without widening its literal types. */
export function defineProvider<const M extends ProviderManifest>(manifest: M): M {
  return manifest
}

export const DEFAULT_TIMEOUT_MS = 30_000

/** How long a call to the provider may take, whole answer included: a setting of every provider ([ASSUMED] 30 s). */
export function timeoutField(env: string): ProviderFieldSpec {
  return {
    key: 'timeoutMs',
    label: 'timeout (ms)',
    secret: false,
    env,
    required: false,
    defaultValue: String(DEFAULT_TIMEOUT_MS),
    pattern: { regex: /^([1-9]\d{2,5})$/, message: 'The timeout is in milliseconds, from 100 to 999999' }
  }
}
