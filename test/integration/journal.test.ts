import { join } from 'node:path'
import { describe, expect, it } from 'vitest'
import { openDatabase } from '../../electron/core/db/connection'
import { migrate } from '../../electron/core/db/migrations'
import { backoffDelayMs } from '../../electron/core/journal/backoff'
import { JournalStore, JournalTransitionError } from '../../electron/core/journal/journal-store'
import { canMove, journalStates, transitions, type JournalState } from '../../electron/core/journal/states'
import { JournalWorker, type AttemptResult, type OperationHandler } from '../../electron/core/journal/worker'
import { useTempDirs } from '../helpers/temp-dir'

/** The worker's handler lookup with one operation, `op`. */
const only = (handler: OperationHandler) => (operation: string) => (operation === 'op' ? handler : undefined)

const allowed: [JournalState, JournalState][] = [
  ['pending', 'sending'],
  ['pending', 'needs_review'],
  ['sending', 'succeeded'],
  ['sending', 'rejected'],
  ['sending', 'unknown'],
  ['sending', 'pending'],
  ['sending', 'needs_review'],
  ['unknown', 'succeeded'],
  ['unknown', 'rejected'],
  ['unknown', 'unknown'],
  ['unknown', 'pending'],
  ['unknown', 'needs_review'],
  ['needs_review', 'succeeded'],
  ['needs_review', 'rejected'],
  ['needs_review', 'unknown'],
  ['needs_review', 'pending']
]

describe('journal', () => {
  const tempDir = useTempDirs()
  let clock = new Date('2026-11-22T08:00:00Z')
  const now = () => clock

  function journal() {
    const db = openDatabase(join(tempDir(), 'till.sqlite'))
    migrate(db)
    return { db, store: new JournalStore(db, now) }
  }

  it('allows exactly the transitions of the table, for every pair of states', () => {
    const allowedKeys = new Set(allowed.map(([a, b]) => `${a}>${b}`))
    for (const from of journalStates) {
      for (const to of journalStates) expect(canMove(from, to), `${from} -> ${to}`).toBe(allowedKeys.has(`${from}>${to}`))
    }
    expect(transitions.succeeded).toEqual([])
    expect(transitions.rejected).toEqual([])
  })

  it('refuses a move the table does not allow, in the store as well', () => {
    const { store } = journal()
    const id = store.insert({ key: 'k1', provider: 'gotit', operation: 'op', subject: null, payload: {} })
    const row = store.get(id)
    if (!row) throw new Error('no row')
    expect(() => store.move(row, { to: 'succeeded' })).toThrow(JournalTransitionError)
    store.move(row, { to: 'sending' })
    const sending = store.get(id)
    if (!sending) throw new Error('no row')
    store.move(sending, { to: 'succeeded', note: 'done', requestId: 'req-1' })
    const done = store.get(id)
    if (!done) throw new Error('no row')
    expect(() => store.move(done, { to: 'pending' })).toThrow(/cannot move from succeeded to pending/)
    expect(JSON.parse(done.history)).toEqual([
      { at: clock.toISOString(), from: 'pending', to: 'sending', note: null, requestId: null },
      { at: clock.toISOString(), from: 'sending', to: 'succeeded', note: 'done', requestId: 'req-1' }
    ])
  })

  it('gives each key one row', () => {
    const { store } = journal()
    store.insert({ key: 'same', provider: 'gotit', operation: 'op', subject: null, payload: {} })
    expect(() => store.insert({ key: 'same', provider: 'gotit', operation: 'op', subject: null, payload: {} })).toThrow(/UNIQUE/)
  })

  it('leases a claimed row, so a second claim gets nothing until it is released', () => {
    const { store } = journal()
    const id = store.insert({ key: 'k', provider: 'gotit', operation: 'op', subject: null, payload: {} })
    const claimed = store.claim(id, 60_000)
    // What the claim hands back is the row as stored: sending, one attempt, leased for the minute.
    expect(claimed).toEqual(store.get(id))
    expect(claimed).toMatchObject({ state: 'sending', attempts: 1, lease_until: new Date(clock.getTime() + 60_000).toISOString() })
    expect(store.claim(id, 60_000)).toBeNull()
    clock = new Date(clock.getTime() + 61_000)
    expect(store.recoverExpiredLeases()).toBe(1)
    expect(store.get(id)).toMatchObject({ state: 'unknown', lease_until: null })
  })

  it('turns every in-flight row into unknown after a restart, whatever its lease says', () => {
    const { store } = journal()
    const id = store.insert({ key: 'k', provider: 'gotit', operation: 'op', subject: null, payload: {} })
    store.claim(id, 3_600_000)
    expect(store.recoverAfterRestart()).toBe(1)
    expect(store.get(id)?.state).toBe('unknown')
  })

  it('backs off exponentially with jitter, up to a cap', () => {
    const policy = { baseMs: 1000, capMs: 60_000 }
    expect([1, 2, 3, 4].map((n) => backoffDelayMs(policy, n, () => 1))).toEqual([1000, 2000, 4000, 8000])
    expect([1, 2, 3, 4].map((n) => backoffDelayMs(policy, n, () => 0))).toEqual([500, 1000, 2000, 4000])
    expect(backoffDelayMs(policy, 30, () => 1)).toBe(60_000)
  })

  it('never lets a row that keeps failing block the others, and keeps its errors on the row', async () => {
    clock = new Date('2026-11-22T08:00:00Z')
    const { db, store } = journal()
    const sent: string[] = []
    const handler = {
      send: async (row: { key: string }): Promise<AttemptResult> => {
        sent.push(row.key)
        return row.key === 'bad' ? { to: 'pending', requestId: 'r', note: 'provider said 503' } : { to: 'succeeded', requestId: 'r', result: {} }
      },
      verify: async (): Promise<AttemptResult> => ({ to: 'unknown', requestId: null, note: 'no answer' })
    }
    const worker = new JournalWorker(db, store, only(handler), now, { leaseMs: 60_000, tickMs: 10_000, backoff: { baseMs: 1000, capMs: 10_000 }, maxVerifications: 3 })
    const bad = store.insert({ key: 'bad', provider: 'gotit', operation: 'op', subject: null, payload: {} })
    for (let i = 0; i < 3; i++) store.insert({ key: `good-${i}`, provider: 'gotit', operation: 'op', subject: null, payload: {} })
    await worker.drain()
    expect(sent).toEqual(['bad', 'good-0', 'good-1', 'good-2'])
    expect(store.list(['succeeded'])).toHaveLength(3)
    const row = store.get(bad)
    expect(row).toMatchObject({ state: 'pending', attempts: 1, last_error: 'provider said 503' })
    expect(row && row.next_attempt_at > clock.toISOString()).toBe(true)
    await worker.drain()
    expect(sent).toHaveLength(4) // not due yet
    clock = new Date(clock.getTime() + 5000)
    await worker.drain()
    expect(store.get(bad)?.attempts).toBe(2)
  })

  it('settles drained rows that answer together in one commit, and a settlement that fails takes none of the others with it', async () => {
    clock = new Date('2026-11-22T08:00:00Z')
    const { db, store } = journal()
    const handler: OperationHandler = {
      send: async (): Promise<AttemptResult> => ({ to: 'succeeded', requestId: 'r', result: {} }),
      verify: async (): Promise<AttemptResult> => ({ to: 'unknown', requestId: null, note: 'no answer' }),
      settle: (row) => {
        if (row.key === 'broken') throw new Error('the business record could not be written')
      }
    }
    const worker = new JournalWorker(db, store, only(handler), now, { leaseMs: 60_000, tickMs: 10_000, backoff: { baseMs: 1000, capMs: 10_000 }, maxVerifications: 3, concurrency: 4 })
    for (const key of ['a', 'broken', 'b', 'c']) store.insert({ key, provider: 'gotit', operation: 'op', subject: null, payload: {} })
    await worker.drain()
    expect(
      store
        .list(['succeeded'])
        .map((r) => r.key)
        .sort()
    ).toEqual(['a', 'b', 'c'])
    // The broken one stays as it was sent: the next start (or lease) turns it into one to verify, never to send blind.
    expect(store.list(['sending']).map((r) => r.key)).toEqual(['broken'])
  })

  it('sends a row whose outcome stays unknown to a manager after too many checks', async () => {
    clock = new Date('2026-11-22T08:00:00Z')
    const { db, store } = journal()
    const handler = {
      send: async (): Promise<AttemptResult> => ({ to: 'unknown', requestId: null, note: 'timeout' }),
      verify: async (): Promise<AttemptResult> => ({ to: 'unknown', requestId: null, note: 'still no answer' })
    }
    const worker = new JournalWorker(db, store, only(handler), now, { leaseMs: 60_000, tickMs: 10_000, backoff: { baseMs: 1, capMs: 1 }, maxVerifications: 3 })
    const id = store.insert({ key: 'k', provider: 'gotit', operation: 'op', subject: null, payload: {} })
    for (let i = 0; i < 6; i++) {
      clock = new Date(clock.getTime() + 10)
      await worker.drain()
    }
    expect(store.get(id)).toMatchObject({ state: 'needs_review' })
    expect(store.get(id)?.last_error).toMatch(/still unknown after 3 checks/)
  })

  it('does not crash on a payload it cannot read back: the row goes to verification, not to the provider twice', async () => {
    const { db, store } = journal()
    const worker = new JournalWorker(
      db,
      store,
      only({
        send: async (row) => {
          JSON.parse(row.payload) as never
          throw new Error('payload does not match its schema')
        },
        verify: async () => ({ to: 'needs_review', requestId: null, note: 'cannot verify a payload it cannot read' })
      }),
      now
    )
    const id = store.insert({ key: 'k', provider: 'gotit', operation: 'op', subject: null, payload: { nonsense: true } })
    await worker.runNow(id)
    expect(store.get(id)?.state).toBe('unknown')
    await worker.runNow(id)
    expect(store.get(id)?.state).toBe('needs_review')
  })
})
