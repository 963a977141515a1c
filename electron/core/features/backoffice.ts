import type { backofficeFeature } from '../../../shared/channels/backoffice'
import type { HandlersOf } from '../dispatch'
import { enrolTill } from '../backoffice/enrol'
import type { BackofficeLink } from '../backoffice/link'
import type { Outbox } from '../backoffice/outbox'
import type { BackofficeSender } from '../backoffice/sender'
import type { ModuleContext } from '../providers/module'
import { who } from './who'

export function backofficeHandlers(ctx: ModuleContext, parts: { outbox: Outbox; link: BackofficeLink; sender: BackofficeSender }): HandlersOf<typeof backofficeFeature> {
  const changed = () => {
    const status = parts.sender.status()
    ctx.events.emit('backoffice:changed', status)
    return status
  }
  return {
    'backoffice:status': () => parts.sender.status(),
    'backoffice:enrol': async (input, call) => {
      const actor = who(call.actor)
      await enrolTill(input, { tillId: ctx.identity.tillId, outbox: parts.outbox, link: parts.link })
      const { store } = parts.link.describe()
      ctx.audit.append({ actor, action: 'backoffice_enrolled', subject: store?.id ?? null, outcome: 'ok', detail: { url: input.url, store: store?.name ?? null } })
      parts.sender.resume()
      return changed()
    },
    'backoffice:retry': (_input, call) => {
      who(call.actor)
      parts.sender.resume()
      return changed()
    }
  }
}
