import type { ProviderRuntime } from './module'

/** A provider whose settings the till keeps before any of its operations exist: nothing to send, serve or start. */
export function settingsOnlyRuntime(): ProviderRuntime {
  return { operations: {}, handlers: {}, startTraining: () => Promise.resolve(null), close: () => Promise.resolve() }
}
