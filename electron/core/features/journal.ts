import type { journalFeature } from '../../../shared/channels/journal'
import { TillError } from '../../../shared/errors'
import type { HandlersOf } from '../dispatch'
import { historyOf, type JournalRow } from '../journal/journal-store'
import type { OperationRegistry } from '../journal/operations'
import type { ModuleContext, ProviderRuntime } from '../providers/module'
import { who } from './who'

const UNSETTLED = ['pending', 'sending', 'unknown', 'needs_review'] as const

/** Whether a row's request may have reached the provider at some attempt: then it is verified, never sent blindly. */
function mayHaveLeft(row: JournalRow): boolean {
  return historyOf(row).some((entry) => entry.to === 'sending' || entry.to === 'unknown')
}

export function journalHandlers(ctx: ModuleContext, operations: OperationRegistry, providers: ReadonlyMap<string, ProviderRuntime>): HandlersOf<typeof journalFeature> {
  const { audit, db, journal } = ctx
  const row = (id: number): JournalRow => {
    const found = journal.get(id)
    if (!found) throw new TillError('not_found', `There is no operation ${id} in the journal.`)
    return found
  }
  return {
    'journal:list': ({ states, limit }) => {
      const rows = journal.list(states, limit)
      const amounts = ctx.history.amountsOf(rows.flatMap((r) => (r.subject ? [r.subject] : [])))
      return rows.map((r) => operations.item(r, r.subject ? (amounts.get(r.subject) ?? null) : null))
    },
    'journal:retry': async ({ id }) => {
      const current = row(id)
      if (current.state === 'needs_review') {
        const to = mayHaveLeft(current) ? 'unknown' : 'pending'
        db.transaction(() => journal.move(current, { to, note: to === 'unknown' ? 'retry asked by staff: verify first' : 'retry asked by staff' }))()
      } else if (current.state !== 'pending' && current.state !== 'unknown') {
        throw new TillError('conflict', `Operation ${id} is ${current.state}; there is nothing to retry.`)
      }
      const after = await ctx.worker.runNow(id)
      return operations.item(after ?? row(id))
    },
    'journal:resolve': ({ id, outcome, note }, call) => {
      const actor = who(call.actor)
      const before = row(id)
      if (before.state !== 'needs_review' && before.state !== 'unknown') {
        throw new TillError('conflict', `Operation ${id} is ${before.state}; only an operation waiting for review or verification can be resolved by hand.`)
      }
      const operation = operations.get(before.operation)
      db.transaction(() => {
        if (before.state === 'unknown') journal.move(before, { to: 'needs_review', note: 'taken over by a manager' })
        const current = row(id)
        journal.move(current, { to: outcome, note: `resolved by ${actor.name}: ${note}`, result: { resolvedBy: actor.id, note } })
        operation?.settleByHand(current, outcome, actor)
        audit.append({
          actor,
          action: 'queue_item_resolved',
          subject: before.key,
          outcome: 'ok',
          detail: { operation: before.operation, label: operation?.label.en ?? before.operation, subject: before.subject, resolution: outcome, note }
        })
      }).immediate()
      const after = row(id)
      const settled = outcome === 'succeeded' ? { to: 'succeeded' as const, result: null, requestId: null } : { to: 'rejected' as const, result: null, requestId: null, note }
      operation?.handler.settled?.(after, settled)
      ctx.events.emit('journal:changed', operations.item(after))
      return operations.item(after)
    },
    'shift:summary': () => {
      const since = audit.lastAt('shift_closed') ?? null
      const lines = [...providers].flatMap(([provider, runtime]) => (runtime.shiftSummary?.(since ?? '') ?? []).map((line) => ({ provider, ...line })))
      return { since, lines, unsettled: journal.list(UNSETTLED).length }
    },
    'shift:close': ({ acknowledge }, call) => {
      const actor = who(call.actor)
      const unresolved = journal.list(UNSETTLED).length
      if (unresolved > 0 && (actor.role !== 'manager' || !acknowledge)) {
        throw new TillError(actor.role === 'manager' ? 'conflict' : 'forbidden', `${unresolved} money operations are not settled yet; a manager must acknowledge them to close the shift.`, {
          params: { count: unresolved }
        })
      }
      audit.append({ actor, action: 'shift_closed', outcome: 'ok', detail: { unresolved, acknowledged: unresolved > 0 } })
      ctx.auth.signOut('shift closed')
      return { unresolved }
    }
  }
}
