import type { historyFeature } from '../../../shared/channels/history'
import type { StaffSummary } from '../../../shared/domain/staff'
import { TillError } from '../../../shared/errors'
import { dayIn } from '../../../shared/time'
import { readPreferences } from '../db/repos/preferences-repo'
import type { HandlersOf } from '../dispatch'
import { exportHistory } from '../history/history-export'
import { historyOf } from '../journal/journal-store'
import type { ModuleContext } from '../providers/module'
import { who } from './who'

export function historyHandlers(ctx: ModuleContext): HandlersOf<typeof historyFeature> {
  const { history } = ctx
  /** A cashier's view is their own shift: since the till's last Close shift. */
  const narrowFor = (actor: StaffSummary): { staffId: string; since: string | null } | null =>
    actor.role === 'manager' ? null : { staffId: actor.id, since: ctx.audit.lastAt('shift_closed') ?? null }
  const zone = (): string => readPreferences(ctx.db).timeZone
  return {
    'history:list': (query, call) => {
      const narrow = narrowFor(who(call.actor))
      // A request id is found through the call log, whose rows wait a moment in memory.
      if (query.search) ctx.http.log.flush()
      return { ...history.list(query, zone(), narrow), ownShiftOnly: narrow !== null }
    },
    'history:story': ({ id }, call) => {
      const actor = who(call.actor)
      const row = history.get(id)
      const narrow = narrowFor(actor)
      if (!row || (narrow && (row.staff_id !== narrow.staffId || (narrow.since !== null && row.created_at < narrow.since)))) {
        throw new TillError('not_found', `There is no operation ${id} in ${narrow ? 'your shift' : 'the history'}.`)
      }
      const [entry] = history.views([row])
      if (!entry) throw new TillError('not_found', `There is no operation ${id}.`)
      return {
        entry,
        journal: row.journal_subject ? history.journalOf(row.journal_subject).map((j) => ({ id: j.id, operation: j.operation, state: j.state, attempts: j.attempts, moves: historyOf(j) })) : [],
        calls: row.call_subject ? ctx.http.log.about(row.provider, row.call_subject, 200) : [],
        audit: history.auditOf(row.ref)
      }
    },
    'history:day': ({ day }) => {
      const timeZone = zone()
      const needsReview = ctx.journal.list(['needs_review'], 1000).length
      return history.day(day ?? dayIn(ctx.now(), timeZone), timeZone, needsReview)
    },
    'history:export': (query, call) => exportHistory(history, query, { dataDir: ctx.dataDir, timeZone: zone(), narrow: narrowFor(who(call.actor)), now: ctx.now() })
  }
}
