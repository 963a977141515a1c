import { gotitModule } from './gotit'
import { hubbleModule } from './hubble'
import { juspayModule } from './juspay'
import type { ProviderModule } from './module'
import { vippsModule } from './vipps'

/** Every provider the till knows, in the order the interface shows them. Adding one is one line here. */
export const providerModules: readonly ProviderModule[] = [gotitModule, hubbleModule, vippsModule, juspayModule]
