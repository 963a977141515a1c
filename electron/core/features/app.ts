import type { appFeature } from '../../../shared/channels/app'
import { readPreferences, writePreferences } from '../db/repos/preferences-repo'
import { schemaVersion } from '../db/migrations'
import type { HandlersOf } from '../dispatch'
import type { ModuleContext } from '../providers/module'

export function appHandlers(ctx: ModuleContext, info: { version: string; host: 'electron' | 'web' }): HandlersOf<typeof appFeature> {
  return {
    'app:info': () => ({
      version: info.version,
      tillId: ctx.identity.tillId,
      host: info.host,
      trainingMode: ctx.connectivity.list().some((status) => status.mode === 'training'),
      schemaVersion: schemaVersion(ctx.db),
      preferences: readPreferences(ctx.db)
    }),
    'prefs:get': () => readPreferences(ctx.db),
    'prefs:setLanguage': ({ language }) => {
      const prefs = writePreferences(ctx.db, { language }, ctx.now().toISOString())
      ctx.events.emit('prefs:changed', prefs)
      return prefs
    },
    'providers:status': () => ctx.connectivity.list()
  }
}
