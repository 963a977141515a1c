import { TillError } from '../../shared/errors'
import type { StaffSummary } from '../../shared/domain/staff'
import type { CoreContext } from './context'
import type { Handlers } from './dispatch'
import { schemaVersion } from './db/migrations'
import { readPreferences, writePreferences } from './db/repos/preferences-repo'
import { toMember, toSummary } from './auth/staff-repo'
import { trainingVouchers } from './sandbox/training'
import { toJournalItem } from './journal/journal-store'

const done = { done: true } as const

/** The channel -> function map. The type requires a handler for every channel in the contract. */
export function createHandlers(ctx: CoreContext): Handlers {
  const { auth, audit, db, providerSettings } = ctx

  /** The caller of a staff or manager channel; the dispatcher has already checked them. */
  const who = (actor: StaffSummary | null): StaffSummary => {
    if (!actor) throw new TillError('unauthenticated', 'Nobody is signed in to the till.')
    return actor
  }

  const member = (staffId: string) => {
    const row = auth.staff.get(staffId)
    if (!row) throw new TillError('not_found', 'There is no such person on this till.')
    return row
  }

  return {
    'app:info': () => ({
      version: ctx.version,
      tillId: ctx.tillId,
      host: ctx.host,
      trainingMode: ctx.connectivity.list().some((status) => status.mode === 'training'),
      schemaVersion: schemaVersion(db),
      preferences: readPreferences(db)
    }),
    'prefs:get': () => readPreferences(db),
    'prefs:setLanguage': ({ language }) => {
      const prefs = writePreferences(db, { language }, ctx.now().toISOString())
      ctx.events.emit('prefs:changed', prefs)
      return prefs
    },
    'providers:status': () => ctx.connectivity.list(),
    'redeem:check': (input, call) => ctx.redeem.check(input, call.actor),
    'redeem:redeem': ({ billNumber }, call) => ctx.redeem.redeem(billNumber, call.actor),
    'redeem:get': ({ billNumber }) => ctx.redeem.view(billNumber),
    'redeem:abandon': ({ billNumber }) => ctx.redeem.abandon(billNumber),
    'redeem:acceptOffline': (input, call) => ctx.redeem.acceptOffline(input, call.actor),
    'offline:exposure': () => ctx.redeem.exposure(),
    'journal:list': ({ states, limit }) => ctx.journal.list(states, limit).map(toJournalItem),
    'journal:retry': async ({ id }) => {
      const row = ctx.journal.get(id)
      if (!row) throw new TillError('not_found', `There is no operation ${id} in the journal.`)
      if (row.state === 'needs_review') ctx.db.transaction(() => ctx.journal.move(row, { to: 'pending', note: 'retry asked by staff' }))()
      if (!['pending', 'unknown', 'needs_review'].includes(row.state)) throw new TillError('conflict', `Operation ${id} is ${row.state}; there is nothing to retry.`)
      const after = await ctx.worker.runNow(id)
      return toJournalItem(after ?? row)
    },
    'journal:resolve': ({ id, outcome, note }, call) => {
      const actor = who(call.actor)
      const row = ctx.journal.get(id)
      if (!row) throw new TillError('not_found', `There is no operation ${id} in the journal.`)
      if (row.state !== 'needs_review' && row.state !== 'unknown') {
        throw new TillError('conflict', `Operation ${id} is ${row.state}; only an operation waiting for review or verification can be resolved by hand.`)
      }
      db.transaction(() => {
        ctx.journal.move(row, { to: row.state === 'unknown' ? 'needs_review' : row.state, note: 'taken over by a manager' })
        const current = ctx.journal.get(id)
        if (!current) return
        ctx.journal.move(current, { to: outcome, note: `resolved by ${actor.name}: ${note}`, result: { resolvedBy: actor.id, note } })
        ctx.redeem.settleByHand(current, outcome)
        audit.append({ actor, action: 'queue_item_resolved', subject: row.key, outcome: 'ok', detail: { operation: row.operation, bill: row.subject, resolution: outcome, note } })
      }).immediate()
      const after = ctx.journal.get(id)
      if (!after) throw new TillError('not_found', `There is no operation ${id} in the journal.`)
      if (after.subject) ctx.events.emit('redeem:changed', ctx.redeem.view(after.subject))
      return toJournalItem(after)
    },
    'shift:close': ({ acknowledge }, call) => {
      const actor = who(call.actor)
      const unresolved = ctx.journal.list(['pending', 'sending', 'unknown', 'needs_review']).length
      if (unresolved > 0 && (actor.role !== 'manager' || !acknowledge)) {
        throw new TillError(actor.role === 'manager' ? 'conflict' : 'forbidden', `${unresolved} money operations are not settled yet; a manager must acknowledge them to close the shift.`, {
          params: { count: unresolved }
        })
      }
      audit.append({ actor, action: 'shift_closed', outcome: 'ok', detail: { unresolved, acknowledged: unresolved > 0 } })
      auth.signOut('shift closed')
      return { unresolved }
    },
    'training:vouchers': () => (providerSettings.mode('gotit') === 'training' ? trainingVouchers() : []),

    'auth:status': () => auth.status(),
    'auth:staffList': () =>
      auth.staff
        .all()
        .filter((row) => !row.disabled)
        .map(toSummary),
    'auth:setup': ({ name, pin }) => auth.setup(name, pin),
    'auth:signIn': ({ staffId, pin }) => auth.signIn(staffId, pin),
    'auth:unlock': ({ pin }) => auth.unlock(pin),
    'auth:lock': () => (auth.lock('manual'), done),
    'auth:signOut': () => (auth.signOut(), done),
    'auth:activity': () => done,

    'staff:list': () => auth.staff.all().map(toMember),
    'staff:add': async ({ name, role, pin }, call) => {
      const actor = who(call.actor)
      const pinHash = await auth.newPinHash(pin)
      return db
        .transaction(() => {
          if (auth.staff.nameTaken(name)) throw new TillError('conflict', `There is already someone called ${name} on this till.`)
          const row = auth.staff.insert({ name, role, pinHash, createdAt: ctx.now().toISOString() })
          audit.append({ actor, action: 'staff_added', subject: row.id, outcome: 'ok', detail: { name, role } })
          return toMember(row)
        })
        .immediate()
    },
    'staff:setDisabled': ({ staffId, disabled }, call) => {
      const actor = who(call.actor)
      const result = db
        .transaction(() => {
          const row = member(staffId)
          if (disabled && row.role === 'manager' && !row.disabled && auth.staff.activeManagers() <= 1) {
            throw new TillError('conflict', 'This is the last manager; add another manager before disabling this one.')
          }
          auth.staff.setDisabled(staffId, disabled)
          audit.append({ actor, action: disabled ? 'staff_disabled' : 'staff_enabled', subject: staffId, outcome: 'ok', detail: { name: row.name } })
          return toMember(member(staffId))
        })
        .immediate()
      if (disabled) auth.endSessionOf(staffId, 'disabled by a manager')
      return result
    },
    'staff:resetPin': async ({ staffId, pin }, call) => {
      const actor = who(call.actor)
      const pinHash = await auth.newPinHash(pin)
      return db
        .transaction(() => {
          const row = member(staffId)
          auth.staff.setPinHash(staffId, pinHash)
          audit.append({ actor, action: 'staff_pin_reset', subject: staffId, outcome: 'ok', detail: { name: row.name } })
          return toMember(member(staffId))
        })
        .immediate()
    },
    'staff:unlock': ({ staffId }, call) => {
      const actor = who(call.actor)
      return db
        .transaction(() => {
          const row = member(staffId)
          auth.staff.clearFailures(staffId)
          audit.append({ actor, action: 'staff_unlocked', subject: staffId, outcome: 'ok', detail: { name: row.name, failedAttempts: row.failed_attempts } })
          return toMember(member(staffId))
        })
        .immediate()
    },

    'audit:list': ({ before, limit }) => audit.page(before, limit),
    'audit:verify': () => audit.verify(),

    'settings:get': () => providerSettings.view(),
    'settings:setStore': (patch, call) => {
      const actor = who(call.actor)
      const prefs = db
        .transaction(() => {
          const before = readPreferences(db)
          const after = writePreferences(db, patch, ctx.now().toISOString())
          const detail: Record<string, string | number> = {}
          for (const key of Object.keys(patch) as (keyof typeof patch)[]) detail[key] = `${String(before[key])} -> ${String(after[key])}`
          audit.append({ actor, action: 'settings_changed', subject: 'store', outcome: 'ok', detail })
          return after
        })
        .immediate()
      ctx.events.emit('prefs:changed', prefs)
      return prefs
    },
    'settings:setProvider': (patch, call) => {
      const actor = who(call.actor)
      const modesBefore = ctx.connectivity.list().map((status) => status.mode).join()
      const view = db
        .transaction(() => {
          const detail = providerSettings.apply(patch)
          audit.append({ actor, action: 'provider_settings_changed', subject: patch.provider, outcome: 'ok', detail })
          return providerSettings.viewOf(patch.provider)
        })
        .immediate()
      const statuses = ctx.connectivity.list()
      if (statuses.map((status) => status.mode).join() !== modesBefore) ctx.events.emit('providers:changed', statuses)
      return view
    }
  }
}
