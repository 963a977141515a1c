import type { authFeature } from '../../../shared/channels/auth'
import { toSummary } from '../auth/staff-repo'
import type { HandlersOf } from '../dispatch'
import type { ModuleContext } from '../providers/module'

const done = { done: true } as const

export function authHandlers(ctx: ModuleContext): HandlersOf<typeof authFeature> {
  const { auth } = ctx
  return {
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
    'auth:activity': () => done
  }
}
