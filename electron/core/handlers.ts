import type { Handlers } from './dispatch'
import type { CoreContext } from './context'
import { readPreferences, writePreferences } from './db/repos/preferences-repo'
import { schemaVersion } from './db/migrations'

/** The channel -> function map. The type requires a handler for every channel in the contract. */
export function createHandlers(ctx: CoreContext): Handlers {
  return {
    'app:info': () => ({
      version: ctx.version,
      tillId: ctx.tillId,
      host: ctx.host,
      trainingMode: ctx.connectivity.list().some((status) => status.mode === 'training'),
      schemaVersion: schemaVersion(ctx.db),
      preferences: readPreferences(ctx.db)
    }),
    'prefs:get': () => readPreferences(ctx.db),
    'prefs:set': (patch) => {
      const prefs = writePreferences(ctx.db, patch, ctx.now().toISOString())
      ctx.events.emit('prefs:changed', prefs)
      return prefs
    },
    'providers:status': () => ctx.connectivity.list()
  }
}
