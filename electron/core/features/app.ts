import type { appFeature } from '../../../shared/channels/app'
import { readPreferences, writePreferences } from '../db/repos/preferences-repo'
import { schemaVersion } from '../db/migrations'
import type { HandlersOf } from '../dispatch'
import type { ModuleContext, ProviderRuntime } from '../providers/module'

const MIN_CALLS_FOR_ALERT = 4

export function appHandlers(ctx: ModuleContext, info: { version: string; host: 'electron' | 'web' }, providers: ReadonlyMap<string, ProviderRuntime>): HandlersOf<typeof appFeature> {
  const nameOf = new Map(ctx.connectivity.list().map((s) => [s.provider, s.name]))
  const rates = () => {
    const now = ctx.now().getTime()
    const hour = ctx.http.log.stats(new Date(now - 3600_000).toISOString())
    const day = ctx.http.log.stats(new Date(now - 86_400_000).toISOString())
    return ctx.connectivity.list().map((s) => ({
      provider: s.provider,
      name: s.name,
      hour: hour.get(s.provider) ?? { calls: 0, failed: 0 },
      day: day.get(s.provider) ?? { calls: 0, failed: 0 }
    }))
  }
  return {
    'app:alerts': () => {
      const threshold = readPreferences(ctx.db).errorRateAlertPercent
      const failing = rates()
        .filter((r) => r.hour.calls >= MIN_CALLS_FOR_ALERT && (r.hour.failed * 100) / r.hour.calls >= threshold)
        .map((r) => ({ provider: r.provider, name: r.name, kind: 'error_rate' as const, params: { percent: Math.round((r.hour.failed * 100) / r.hour.calls), calls: r.hour.calls } }))
      const own = [...providers].flatMap(([id, runtime]) => (runtime.alerts?.() ?? []).map((a) => ({ provider: id, name: nameOf.get(id) ?? id, ...a })))
      return [...failing, ...own]
    },
    'providers:errorRates': () => rates(),
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
