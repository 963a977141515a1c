import { CREDENTIALS_REFUSED } from './credentials-refused'
import { z } from 'zod'
import type { JournalItem } from '../../../shared/domain/journal'
import { immediately, type Db } from '../db/connection'
import { canMove, type JournalState } from './states'

export interface JournalRow {
  id: number
  key: string
  provider: string
  operation: string
  subject: string | null
  payload: string
  state: JournalState
  attempts: number
  next_attempt_at: string
  lease_until: string | null
  result: string | null
  last_error: string | null
  history: string
  created_at: string
  updated_at: string
}

export const HistoryEntrySchema = z.object({ at: z.string(), from: z.string(), to: z.string(), note: z.string().nullable(), requestId: z.string().nullable() })
export type HistoryEntry = z.infer<typeof HistoryEntrySchema>

export class JournalTransitionError extends Error {}

export interface NewJournalEntry {
  key: string
  provider: string
  operation: string
  subject: string | null
  payload: unknown
}

export interface Move {
  to: JournalState
  note?: string | null
  requestId?: string | null
  result?: unknown
  error?: string | null
  nextAttemptAt?: Date
  countAttempt?: boolean
  /** Who holds the row after the move, and until when (ISO); nobody when not given. */
  leaseUntil?: string
}

/** All SQL of the operation journal. Callers wrap writes in their own transaction when they must be atomic with business records. */
export class JournalStore {
  constructor(
    private readonly db: Db,
    private readonly now: () => Date
  ) {}

  insert(entry: NewJournalEntry): number {
    const at = this.now().toISOString()
    const info = this.db
      .prepare(
        `INSERT INTO journal (key, provider, operation, subject, payload, state, next_attempt_at, created_at, updated_at)
         VALUES (?, ?, ?, ?, ?, 'pending', ?, ?, ?)`
      )
      .run(entry.key, entry.provider, entry.operation, entry.subject, JSON.stringify(entry.payload), at, at, at)
    return Number(info.lastInsertRowid)
  }

  get(id: number): JournalRow | undefined {
    return this.db.prepare<[number], JournalRow>('SELECT * FROM journal WHERE id = ?').get(id)
  }

  /** How many rows are about a subject (a bill): the next attempt's number is this plus one. */
  countBySubject(subject: string): number {
    return this.db.prepare('SELECT count(*) FROM journal WHERE subject = ?').pluck().get(subject) as number
  }

  latestBySubject(subject: string): JournalRow | undefined {
    return this.db.prepare<[string], JournalRow>('SELECT * FROM journal WHERE subject = ? ORDER BY id DESC LIMIT 1').get(subject)
  }

  /** The request id of the latest attempt, of the latest row about a subject, that had one (for support). */
  latestRequestIdOf(subject: string): string | null {
    // Read where it is stored: the latest row's moves, newest first, the first with a request id (no parse of the whole history in JavaScript).
    const requestId = this.db
      .prepare<[string], string | null>(
        `SELECT (SELECT json_extract(m.value, '$.requestId') FROM json_each(j.history) m WHERE json_extract(m.value, '$.requestId') IS NOT NULL ORDER BY m.key DESC LIMIT 1)
         FROM journal j WHERE j.subject = ? ORDER BY j.id DESC LIMIT 1`
      )
      .pluck()
      .get(subject)
    return typeof requestId === 'string' ? requestId : null
  }

  /** Rows about a subject of the given operations, oldest first. */
  bySubject(subject: string, operations: readonly string[]): JournalRow[] {
    const placeholders = operations.map(() => '?').join(', ')
    return this.db.prepare<string[], JournalRow>(`SELECT * FROM journal WHERE subject = ? AND operation IN (${placeholders}) ORDER BY id`).all(subject, ...operations)
  }

  list(states: readonly JournalState[], limit = 1_000_000): JournalRow[] {
    const placeholders = states.map(() => '?').join(', ')
    return this.db.prepare<(JournalState | number)[], JournalRow>(`SELECT * FROM journal WHERE state IN (${placeholders}) ORDER BY id LIMIT ?`).all(...states, limit)
  }

  /**
   * At start-up no attempt can still be in flight (one till process owns its data folder), so
   * every `sending` row becomes `unknown` and every lease is void, whatever its time says.
   */
  recoverAfterRestart(): number {
    this.db.prepare("UPDATE journal SET lease_until = NULL WHERE state <> 'sending'").run()
    const rows = this.db.prepare<[], JournalRow>("SELECT * FROM journal WHERE state = 'sending'").all()
    for (const row of rows) this.move(row, { to: 'unknown', note: 'the till stopped while sending; the outcome must be verified', nextAttemptAt: this.now() })
    return rows.length
  }

  /** Rows in `sending` whose lease ran out (a crashed or stopped worker) become `unknown`. */
  recoverExpiredLeases(): number {
    const now = this.now().toISOString()
    const rows = this.db.prepare<[string], JournalRow>("SELECT * FROM journal WHERE state = 'sending' AND (lease_until IS NULL OR lease_until < ?)").all(now)
    for (const row of rows) this.move(row, { to: 'unknown', note: 'the worker stopped while sending; the outcome must be verified', nextAttemptAt: this.now() })
    return rows.length
  }

  /** Every unsettled row goes to a manager with a note (the data folder may belong to another till). Returns how many. */
  parkUnsettled(note: string): number {
    const rows = this.db.prepare<[], JournalRow>("SELECT * FROM journal WHERE state IN ('pending', 'sending', 'unknown') ORDER BY id").all()
    for (const row of rows) this.move(row, { to: 'needs_review', note })
    return rows.length
  }

  /**
   * A manager saved a provider's settings: its rows that stopped because it refused the till's
   * credentials go again now. Returns how many.
   */
  retryRefusedCredentials(provider: string): number {
    const rows = this.db
      .prepare<[string, string], JournalRow>("SELECT * FROM journal WHERE provider = ? AND state = 'needs_review' AND last_error LIKE ? || '%' ORDER BY id")
      .all(provider, CREDENTIALS_REFUSED)
    for (const row of rows) this.move(row, { to: 'pending', note: 'the provider’s settings were saved: sent again', error: null, nextAttemptAt: this.now() })
    return rows.length
  }

  /** A provider came back: its waiting rows are due now instead of at the end of their backoff. */
  makeDue(provider: string): number {
    const now = this.now().toISOString()
    return this.db.prepare("UPDATE journal SET next_attempt_at = ? WHERE provider = ? AND state IN ('pending', 'unknown') AND next_attempt_at > ?").run(now, provider, now).changes
  }

  /** Ids of rows that are due now, oldest first. */
  due(limit: number, provider?: string): number[] {
    const now = this.now().toISOString()
    const sql = `SELECT id FROM journal WHERE state IN ('pending', 'unknown') AND next_attempt_at <= ? AND (lease_until IS NULL OR lease_until < ?)
                 ${provider ? 'AND provider = ?' : ''} ORDER BY id LIMIT ?`
    const args: (string | number)[] = provider ? [now, now, provider, limit] : [now, now, limit]
    return this.db
      .prepare(sql)
      .pluck()
      .all(...args) as number[]
  }

  /**
   * Takes a row for one attempt inside an immediate transaction: a `pending` row becomes
   * `sending`; an `unknown` row stays `unknown` while it is verified. Returns null if someone
   * else holds it or it is not due.
   */
  claim(id: number, leaseMs: number, force = false): JournalRow | null {
    return immediately(this.db, () => this.claimHere(id, leaseMs, force))
  }

  /** `claim` inside the caller's transaction (the one that inserts the row, saving a commit). */
  claimHere(id: number, leaseMs: number, force: boolean): JournalRow | null {
    const row = this.get(id)
    const now = this.now()
    if (!row || (row.state !== 'pending' && row.state !== 'unknown')) return null
    if (row.lease_until && row.lease_until >= now.toISOString()) return null
    if (!force && row.next_attempt_at > now.toISOString()) return null
    const lease = new Date(now.getTime() + leaseMs).toISOString()
    if (row.state === 'pending') return this.move(row, { to: 'sending', countAttempt: true, leaseUntil: lease })
    return this.db.prepare<[string, number], JournalRow>('UPDATE journal SET attempts = attempts + 1, lease_until = ? WHERE id = ? RETURNING *').get(lease, id) ?? null
  }

  /** Moves a row, checking the transition, and records it in the row's history; returns the row as it now is. */
  move(row: JournalRow, move: Move): JournalRow {
    if (move.to !== row.state && !canMove(row.state, move.to)) {
      throw new JournalTransitionError(`journal row ${row.id} cannot move from ${row.state} to ${move.to}`)
    }
    const at = this.now().toISOString()
    const entry: HistoryEntry = { at, from: row.state, to: move.to, note: move.note ?? move.error ?? null, requestId: move.requestId ?? null }
    // The entry is appended where it is stored: the row's earlier moves need not be read back and written again.
    const moved = this.db
      .prepare<[string, number, string, string | null, string | null, string | null, string, string, number], JournalRow>(
        `UPDATE journal SET state = ?, attempts = attempts + ?, next_attempt_at = ?, lease_until = ?, result = COALESCE(?, result),
           last_error = ?, history = json_insert(history, '$[#]', json(?)), updated_at = ? WHERE id = ? RETURNING *`
      )
      .get(
        move.to,
        move.countAttempt ? 1 : 0,
        (move.nextAttemptAt ?? this.now()).toISOString(),
        move.leaseUntil ?? null,
        move.result === undefined ? null : JSON.stringify(move.result),
        move.error === undefined ? row.last_error : move.error,
        JSON.stringify(entry),
        at,
        row.id
      )
    if (!moved) throw new JournalTransitionError(`journal row ${row.id} is no longer in the journal`)
    return moved
  }
}

const HistorySchema = z.array(HistoryEntrySchema)

/** A row's history, read back through its schema. */
export function historyOf(row: Pick<JournalRow, 'history'>): HistoryEntry[] {
  return HistorySchema.parse(JSON.parse(row.history))
}

/** The request id of a row's latest attempt that had one, for support. */
export function lastRequestId(row: Pick<JournalRow, 'history'>): string | null {
  return [...historyOf(row)].reverse().find((entry) => entry.requestId)?.requestId ?? null
}

/** A row's payload or result, read back through the schema it was written with. */
export function readJson<T>(text: string | null, schema: z.ZodType<T>): T | null {
  if (text === null) return null
  const parsed = schema.safeParse(JSON.parse(text))
  return parsed.success ? parsed.data : null
}

/** Why a row waits, in the Queue's words. */
export function queueReasonOf(row: Pick<JournalRow, 'state' | 'last_error'>): JournalItem['reason'] {
  const error = row.last_error ?? ''
  switch (row.state) {
    case 'needs_review':
      return error.startsWith(CREDENTIALS_REFUSED) ? 'credentials_refused' : error.startsWith('still unknown') ? 'unresolved' : 'needs_manager'
    case 'unknown':
      return 'verifying'
    case 'sending':
      return 'sending'
    case 'pending':
      return /not sent|unreachable|slow down|wait/i.test(error) ? 'provider_unreachable' : 'waiting'
    default:
      return 'settled'
  }
}

export function toJournalItem(row: JournalRow, label: JournalItem['label'] = { en: row.operation, vi: row.operation }, amount: JournalItem['amount'] = null): JournalItem {
  return {
    reason: queueReasonOf(row),
    amount,
    needsManager: row.state === 'needs_review',
    id: row.id,
    key: row.key,
    provider: row.provider,
    operation: row.operation,
    subject: row.subject,
    state: row.state,
    attempts: row.attempts,
    nextAttemptAt: row.next_attempt_at,
    lastError: row.last_error,
    label,
    requestId: lastRequestId(row),
    createdAt: row.created_at,
    updatedAt: row.updated_at
  }
}
