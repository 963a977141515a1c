import type { settingsFeature } from '../../../shared/channels/settings'
import type { Preferences } from '../../../shared/domain/preferences'
import { readPreferences, writePreferences } from '../db/repos/preferences-repo'
import type { CallbackReceiver } from '../webhooks/receiver'
import type { HandlersOf } from '../dispatch'
import type { ModuleContext } from '../providers/module'
import { who } from './who'

/** A setting's value as the audit log shows it: objects as JSON, never "[object Object]". */
function shown(value: unknown): string {
  return typeof value === 'object' && value !== null ? JSON.stringify(value) : String(value)
}

export function settingsHandlers(ctx: ModuleContext, receiver: CallbackReceiver, onStoreChanged: (prefs: Preferences) => void): HandlersOf<typeof settingsFeature> {
  const { audit, db, settings: providerSettings } = ctx
  return {
    'settings:get': () => providerSettings.view(),
    'callbacks:status': ({ limit }) => ({ ...receiver.status(), deliveries: receiver.recent(limit) }),
    'settings:setStore': (patch, call) => {
      const actor = who(call.actor)
      const prefs = db
        .transaction(() => {
          const before = readPreferences(db)
          const after = writePreferences(db, patch, ctx.now().toISOString())
          const detail: Record<string, string | number> = {}
          // Only what changed: saving a form with the same time zone is not a change of it.
          for (const key of Object.keys(patch) as (keyof typeof patch)[]) {
            if (shown(before[key]) !== shown(after[key])) detail[key] = `${shown(before[key])} -> ${shown(after[key])}`
          }
          audit.append({ actor, action: 'settings_changed', subject: 'store', outcome: 'ok', detail })
          return after
        })
        .immediate()
      ctx.events.emit('prefs:changed', prefs)
      onStoreChanged(prefs)
      return prefs
    },
    'settings:setProvider': (patch, call) => {
      const actor = who(call.actor)
      const modesBefore = ctx.connectivity
        .list()
        .map((status) => status.mode)
        .join()
      const view = db
        .transaction(() => {
          const detail = providerSettings.apply(patch)
          audit.append({ actor, action: 'provider_settings_changed', subject: patch.provider, outcome: 'ok', detail })
          const retried = ctx.journal.retryRefusedCredentials(patch.provider)
          return { view: providerSettings.viewOf(patch.provider), retried }
        })
        .immediate()
      if (view.retried > 0) void ctx.worker.drain()
      const statuses = ctx.connectivity.list()
      if (statuses.map((status) => status.mode).join() !== modesBefore) ctx.events.emit('providers:changed', statuses)
      return view.view
    }
  }
}
