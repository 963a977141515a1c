import type { Language } from '../domain/preferences'
import { gotitManifest } from './gotit'
import { hubbleManifest } from './hubble'
import { juspayManifest } from './juspay'
import type { ProviderManifest } from './manifest'
import { vippsManifest } from './vipps'

/**
 * Every provider the till knows, in the order the interface shows them: the one list. The
 * contract, the menu, History's provider filter, Settings, the external links and the core's
 * module registry are all built from it (and from any other list of manifests a test gives).
 */
export const providerManifests = [gotitManifest, hubbleManifest, vippsManifest, juspayManifest] as const

export type ProviderManifests = typeof providerManifests
export type KnownProviderId = ProviderManifests[number]['id']
export type { ProviderManifest }

/** Hosts a link in the till may open in the system browser: the providers' own help and portal pages. */
export function linkHostsOf(manifests: readonly ProviderManifest[] = providerManifests): string[] {
  return manifests.flatMap((m) => m.linkHosts)
}

/** The providers History's filter offers, named in the person's language. */
export function historyProvidersOf(language: Language, manifests: readonly ProviderManifest[] = providerManifests): { id: string; name: string }[] {
  return manifests.map((m) => ({ id: m.id, name: m.names[language] }))
}

/** A provider's name in a language; its id when no manifest names it (an entry from an older till, say). */
export function providerNameOf(id: string, language: Language, manifests: readonly ProviderManifest[] = providerManifests): string {
  return manifests.find((m) => m.id === id)?.names[language] ?? id
}
