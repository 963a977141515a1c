import { providerManifests, type KnownProviderId } from '../../../shared/providers'
import { gotitModule } from './gotit'
import { hubbleModule } from './hubble'
import { juspayModule } from './juspay'
import type { ProviderModule } from './module'
import { vippsModule } from './vipps'

/** Each manifest's running part: a manifest without a module here does not compile. */
const modules: { readonly [K in KnownProviderId]: ProviderModule } = { gotit: gotitModule, hubble: hubbleModule, vipps: vippsModule, juspay: juspayModule }

/** Every provider module, in the manifests' order (shared/providers/index.ts). */
export const providerModules: readonly ProviderModule[] = providerManifests.map((manifest) => modules[manifest.id])
