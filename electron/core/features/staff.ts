import type { staffFeature } from '../../../shared/channels/staff'
import { TillError } from '../../../shared/errors'
import { toMember } from '../auth/staff-repo'
import type { HandlersOf } from '../dispatch'
import type { ModuleContext } from '../providers/module'
import { who } from './who'

export function staffHandlers(ctx: ModuleContext): HandlersOf<typeof staffFeature> {
  const { auth, audit, db } = ctx
  const member = (staffId: string) => {
    const row = auth.staff.get(staffId)
    if (!row) throw new TillError('not_found', 'There is no such person on this till.')
    return row
  }
  return {
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
            throw new TillError('conflict', 'This is the last manager; add another manager before disabling this one.', { params: { reason: 'last_manager' } })
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
    'audit:verify': () => audit.verify()
  }
}
