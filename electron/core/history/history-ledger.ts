import type { DayTotals, HistoryEntry, HistoryKind, HistoryQuery, HistoryStatus } from '../../../shared/domain/history'
import type { Money } from '../../../shared/money'
import { dayBounds, hourStarts, shiftDay } from '../../../shared/time'
import type { Db } from '../db/connection'
import type { JournalRow } from '../journal/journal-store'

/** What a provider module says about one of its money operations; sent again on every change. */
export interface HistoryRecord {
  provider: string
  kind: HistoryKind
  ref: string
  status: HistoryStatus
  detailStatus: string
  amount?: Money | null
  staffId?: string | null
  /** The manager who approved it (offline acceptance, a refund above the cashier's limit): shown by name. */
  approvedById?: string | null
  offline?: boolean
  /** Codes and cards masked to their last 4. */
  summary?: string
  /** The journal rows' subject, and the call log's, for the operation's story. */
  journalSubject?: string | null
  callSubject?: string | null
  /** What search finds it by, besides its ref: last 4 of codes or cards, order ids. */
  terms?: string[]
  /** The provider's own id for it, once known: what the back office matches a provider's statement on. */
  providerRef?: string | null
  at: string
}

export interface HistoryRow {
  id: number
  provider: string
  kind: HistoryKind
  ref: string
  status: HistoryStatus
  detail_status: string
  amount_minor: number | null
  currency: Money['currency'] | null
  staff_id: string | null
  staff_name: string | null
  approved_by: string | null
  approved_by_id: string | null
  offline: number
  till_id: string
  summary: string
  journal_subject: string | null
  call_subject: string | null
  provider_ref: string | null
  created_at: string
  updated_at: string
}

/** The request ids in a journal row's moves, read without a schema: a page or an export reads thousands. */
function requestIdsOf(history: string): string[] {
  const moves: unknown = JSON.parse(history)
  if (!Array.isArray(moves)) return []
  return moves.flatMap((move: unknown) => (move && typeof move === 'object' && 'requestId' in move && typeof move.requestId === 'string' ? [move.requestId] : []))
}

/** Last four characters, as codes and cards are shown everywhere but where the cashier acts on them. */
export function last4(value: string): string {
  return value.slice(-4)
}

/**
 * The ledger of every money operation of every provider, kept by the provider modules in the
 * same transaction as their own records. History, Day at a glance and the export read it.
 */
export class HistoryLedger {
  constructor(
    private readonly db: Db,
    private readonly tillId: () => string
  ) {}

  record(r: HistoryRecord): void {
    const nameOf = (id: string | null | undefined): string | null => (id ? (this.db.prepare<[string], string>('SELECT name FROM staff WHERE id = ?').pluck().get(id) ?? null) : null)
    const staffName = nameOf(r.staffId)
    const approvedBy = nameOf(r.approvedById)
    const id = this.db
      .prepare<unknown[], number>(
        `INSERT INTO history (provider, kind, ref, status, detail_status, amount_minor, currency, staff_id, staff_name, approved_by, approved_by_id, offline, till_id, summary, journal_subject, call_subject, provider_ref, created_at, updated_at)
         VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)
         ON CONFLICT (provider, kind, ref) DO UPDATE SET
           status = excluded.status, detail_status = excluded.detail_status,
           amount_minor = coalesce(excluded.amount_minor, amount_minor), currency = coalesce(excluded.currency, currency),
           staff_id = coalesce(staff_id, excluded.staff_id), staff_name = coalesce(staff_name, excluded.staff_name),
           approved_by = coalesce(excluded.approved_by, approved_by), approved_by_id = coalesce(excluded.approved_by_id, approved_by_id), offline = max(offline, excluded.offline),
           summary = CASE WHEN excluded.summary <> '' THEN excluded.summary ELSE summary END,
           journal_subject = coalesce(excluded.journal_subject, journal_subject), call_subject = coalesce(excluded.call_subject, call_subject),
           provider_ref = coalesce(excluded.provider_ref, provider_ref), updated_at = excluded.updated_at
         RETURNING id`
      )
      .pluck()
      .get(
        r.provider,
        r.kind,
        r.ref,
        r.status,
        r.detailStatus,
        r.amount?.amount ?? null,
        r.amount?.currency ?? null,
        r.staffId ?? null,
        staffName,
        approvedBy,
        r.approvedById ?? null,
        r.offline ? 1 : 0,
        this.tillId(),
        r.summary ?? '',
        r.journalSubject ?? null,
        r.callSubject ?? null,
        r.providerRef ?? null,
        r.at,
        r.at
      )
    if (id === undefined) return
    const insert = this.db.prepare('INSERT OR IGNORE INTO history_terms (term, history_id) VALUES (?, ?)')
    for (const term of new Set([r.ref, ...(r.terms ?? [])].map((t) => t.trim().toLowerCase()).filter(Boolean))) insert.run(term, id)
  }

  /** What the operations behind journal subjects are worth, by subject (those History has an amount for). */
  amountsOf(subjects: readonly string[]): Map<string, Money> {
    const found = new Map<string, Money>()
    // Found through its search terms (a ref is always one, and a journal subject is its entry's ref): no scan of History.
    const select = this.db.prepare<[string, string], { amount_minor: number; currency: Money['currency'] }>(
      'SELECT h.amount_minor, h.currency FROM history_terms t JOIN history h ON h.id = t.history_id WHERE t.term = ? AND h.journal_subject = ? AND h.amount_minor IS NOT NULL AND h.currency IS NOT NULL LIMIT 1'
    )
    for (const subject of new Set(subjects)) {
      const row = select.get(subject.trim().toLowerCase(), subject)
      if (row) found.set(subject, { amount: row.amount_minor, currency: row.currency })
    }
    return found
  }

  /**
   * Moves an entry already in the ledger to another status, adding search terms; false when there
   * is no entry yet (the caller then records it whole). For a change of status alone, where the
   * amount, who and what stay as they were: a settlement.
   */
  moveStatus(r: { provider: string; kind: string; ref: string; status: HistoryStatus; detailStatus: string; at: string; terms?: string[]; providerRef?: string | null }): boolean {
    const id = this.db
      .prepare<[string, string, string, string | null, string, string, string], number>(
        'UPDATE history SET status = ?, detail_status = ?, updated_at = ?, provider_ref = coalesce(?, provider_ref) WHERE provider = ? AND kind = ? AND ref = ? RETURNING id'
      )
      .pluck()
      .get(r.status, r.detailStatus, r.at, r.providerRef ?? null, r.provider, r.kind, r.ref)
    if (id === undefined) return false
    if (r.terms && r.terms.length > 0) {
      const insert = this.db.prepare('INSERT OR IGNORE INTO history_terms (term, history_id) VALUES (?, ?)')
      for (const term of new Set(r.terms.map((t) => t.trim().toLowerCase()).filter(Boolean))) insert.run(term, id)
    }
    return true
  }

  /** A page of entries, newest first; a cashier's query arrives already narrowed to their shift. */
  list(query: HistoryQuery, timeZone: string, narrow: { staffId: string; since: string | null } | null): { entries: HistoryEntry[]; next: { createdAt: string; id: number } | null } {
    const where: string[] = []
    const args: (string | number)[] = []
    if (query.from) {
      where.push('h.created_at >= ?')
      args.push(dayBounds(query.from, timeZone).from)
    }
    if (query.to) {
      where.push('h.created_at < ?')
      args.push(dayBounds(query.to, timeZone).to)
    }
    if (query.provider) {
      where.push('h.provider = ?')
      args.push(query.provider)
    }
    if (query.status) {
      where.push('h.status = ?')
      args.push(query.status)
    }
    const staffId = narrow?.staffId ?? query.staffId
    if (staffId) {
      where.push('h.staff_id = ?')
      args.push(staffId)
    }
    if (narrow?.since) {
      where.push('h.created_at >= ?')
      args.push(narrow.since)
    }
    if (query.search) {
      const term = query.search.trim().toLowerCase()
      // Found by a term (last 4, ids), by its ref as typed, or by the request id of any call about it.
      where.push(`h.id IN (SELECT history_id FROM history_terms WHERE term = ?
                   UNION SELECT h2.id FROM provider_calls c JOIN history h2 ON h2.provider = c.provider AND h2.call_subject = c.subject WHERE c.request_id = ?)`)
      args.push(term, query.search.trim())
    }
    if (query.before) {
      where.push('(h.created_at < ? OR (h.created_at = ? AND h.id < ?))')
      args.push(query.before.createdAt, query.before.createdAt, query.before.id)
    }
    const sql = `SELECT h.* FROM history h ${where.length ? `WHERE ${where.join(' AND ')}` : ''} ORDER BY h.created_at DESC, h.id DESC LIMIT ?`
    const rows = this.db.prepare<unknown[], HistoryRow>(sql).all(...args, query.limit + 1)
    const page = rows.slice(0, query.limit)
    const last = page.at(-1)
    return { entries: this.views(page), next: rows.length > query.limit && last ? { createdAt: last.created_at, id: last.id } : null }
  }

  get(id: number): HistoryRow | undefined {
    return this.db.prepare<[number], HistoryRow>('SELECT * FROM history WHERE id = ?').get(id)
  }

  /** Entries as History shows them, each with the request ids of its journal's attempts. */
  views(rows: HistoryRow[]): HistoryEntry[] {
    const subjects = [...new Set(rows.map((r) => r.journal_subject).filter((s): s is string => s !== null))]
    const requestIds = new Map<string, string[]>()
    if (subjects.length > 0) {
      const journal = this.db
        .prepare<string[], { subject: string; history: string }>(`SELECT subject, history FROM journal WHERE subject IN (${subjects.map(() => '?').join(',')}) ORDER BY id`)
        .all(...subjects)
      for (const row of journal) {
        const ids = requestIdsOf(row.history)
        requestIds.set(row.subject, [...(requestIds.get(row.subject) ?? []), ...ids])
      }
    }
    return rows.map((r) => ({
      id: r.id,
      provider: r.provider,
      kind: r.kind,
      ref: r.ref,
      status: r.status,
      detailStatus: r.detail_status,
      amount: r.amount_minor !== null && r.currency ? { amount: r.amount_minor, currency: r.currency } : null,
      staffId: r.staff_id,
      staffName: r.staff_name,
      approvedBy: r.approved_by,
      approvedById: r.approved_by_id,
      offline: r.offline === 1,
      tillId: r.till_id,
      summary: r.summary,
      requestIds: [...new Set(r.journal_subject ? (requestIds.get(r.journal_subject) ?? []) : [])],
      createdAt: r.created_at,
      updatedAt: r.updated_at
    }))
  }

  /** Done operations of one kind since a moment, per currency (for the shift report). */
  doneSince(provider: string, kind: HistoryKind, since: string): { currency: Money['currency']; count: number; amount: number }[] {
    return this.db
      .prepare<[string, string, string], { currency: Money['currency']; count: number; amount: number }>(
        "SELECT currency, count(*) AS count, coalesce(sum(amount_minor), 0) AS amount FROM history WHERE provider = ? AND kind = ? AND status = 'done' AND created_at >= ? AND currency IS NOT NULL GROUP BY currency ORDER BY currency"
      )
      .all(provider, kind, since)
  }

  /** The journal rows of an operation, oldest first, with every move. */
  journalOf(subject: string): JournalRow[] {
    return this.db.prepare<[string], JournalRow>('SELECT * FROM journal WHERE subject = ? ORDER BY id').all(subject)
  }

  /** What the audit log says about an operation (its ref is the audit subject). */
  auditOf(ref: string): { at: string; action: string; actorName: string | null; outcome: string; detail: string }[] {
    return this.db
      .prepare<[string], { at: string; action: string; actorName: string | null; outcome: string; detail: string }>(
        'SELECT at, action, actor_name AS actorName, outcome, detail FROM audit_log WHERE subject = ? ORDER BY id'
      )
      .all(ref)
  }

  /**
   * A store day at a glance: done totals per provider, kind and currency; counts by status;
   * offline acceptances and those still open; operations per local hour, beside the same
   * weekday a week before.
   */
  day(day: string, timeZone: string, needsReview: number): DayTotals {
    const { from, to } = dayBounds(day, timeZone)
    const totals = this.db
      .prepare<[string, string], DayTotals['totals'][number]>(
        "SELECT provider, kind, currency, count(*) AS count, coalesce(sum(amount_minor), 0) AS amount FROM history WHERE created_at >= ? AND created_at < ? AND status = 'done' GROUP BY provider, kind, currency ORDER BY provider, kind, currency"
      )
      .all(from, to)
    const counts: DayTotals['counts'] = { open: 0, done: 0, failed: 0, review: 0, reversed: 0 }
    for (const row of this.db
      .prepare<[string, string], { status: HistoryStatus; n: number }>('SELECT status, count(*) AS n FROM history WHERE created_at >= ? AND created_at < ? GROUP BY status')
      .all(from, to))
      counts[row.status] = row.n
    const offline = this.db
      .prepare<[string, string], { accepted: number; stillOpen: number }>(
        "SELECT count(*) AS accepted, coalesce(sum(CASE WHEN status = 'open' THEN 1 ELSE 0 END), 0) AS stillOpen FROM history WHERE offline = 1 AND created_at >= ? AND created_at < ?"
      )
      .get(from, to) ?? { accepted: 0, stillOpen: 0 }
    const lastWeekDay = shiftDay(day, -7)
    const perHour = (d: string): number[] => {
      const edges = hourStarts(d, timeZone)
      const first = edges[0] ?? ''
      const last = edges[24] ?? ''
      const counts = new Array<number>(24).fill(0)
      const times = this.db.prepare<[string, string], string>('SELECT created_at FROM history WHERE created_at >= ? AND created_at < ? ORDER BY created_at').pluck().all(first, last)
      let hour = 0
      for (const t of times) {
        while (hour < 23 && t >= (edges[hour + 1] ?? '')) hour += 1
        counts[hour] = (counts[hour] ?? 0) + 1
      }
      return counts
    }
    const today = perHour(day)
    const before = perHour(lastWeekDay)
    return { day, timeZone, totals, counts, offline, needsReview, hours: today.map((count, hour) => ({ hour, count, lastWeek: before[hour] ?? 0 })), lastWeekDay }
  }
}
