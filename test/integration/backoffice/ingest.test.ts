import { describe, expect, it } from 'vitest'
import type { Database } from '../../../backoffice/src/db/database'
import { migrate, migrations } from '../../../backoffice/src/db/migrate'
import { ensurePartitions } from '../../../backoffice/src/db/partitions'
import { applyBatch } from '../../../backoffice/src/ingest'
import { buildServer } from '../../../backoffice/src/server'
import { createEnrolmentCode, enrol, tillOfKey, tillStatuses } from '../../../backoffice/src/tills'
import { databaseKinds, FakeTill, useBackofficeDatabases } from '../../helpers/backoffice'

const NOW = new Date('2026-12-06T08:00:03.000Z')

describe.each(databaseKinds)('the back office on %s', (kind) => {
  const databases = useBackofficeDatabases(kind)

  async function enrolled(db: Database, tillId = 'till-a', store = 'S1'): Promise<{ till: FakeTill; key: string }> {
    const { code } = await createEnrolmentCode(db, { id: store, name: `Store ${store}`, timeZone: 'Asia/Ho_Chi_Minh' }, NOW)
    const till = new FakeTill(tillId)
    const answer = await enrol(db, { code, tillId, fromSeq: till.nextSeq, auditHead: till.auditHead }, NOW)
    return { till, key: answer.tillKey }
  }

  const count = async (db: Database, table: string, where = 'true', params: unknown[] = []) => (await db.query<{ n: number }>(`SELECT count(*)::int AS n FROM ${table} WHERE ${where}`, params))[0]?.n

  it('applies every migration once, in order, and records it; running again changes nothing', async () => {
    const db = await databases.open()
    expect(await db.query('SELECT version, name FROM schema_migration ORDER BY version')).toEqual(migrations.map((m) => ({ version: m.version, name: m.name })))
    expect(await migrate(db)).toBe(migrations.length)
    expect(await count(db, 'schema_migration')).toBe(migrations.length)
    // This month's partitions exist beside the default ones; making them again is harmless.
    expect(await ensurePartitions(db, NOW)).toEqual([])
    const tables = (await db.query<{ name: string }>("SELECT tablename AS name FROM pg_tables WHERE tablename LIKE 'ledger_%' OR tablename LIKE 'audit_%' ORDER BY 1")).map((r) => r.name)
    expect(tables).toEqual(expect.arrayContaining(['ledger_default', 'audit_default', `ledger_${NOW.getUTCFullYear()}_12`, `audit_${NOW.getUTCFullYear()}_12`]))
  })

  it('enrols a till once per code; the key is the till, and a code never works twice, runs out, or moves a till to another store', async () => {
    const db = await databases.open()
    const { code } = await createEnrolmentCode(db, { id: 'S1', name: 'Store one', timeZone: 'Asia/Ho_Chi_Minh' }, NOW)
    const answer = await enrol(db, { code: code.toLowerCase().replace(/-/g, ' '), tillId: 'till-a', fromSeq: 1, auditHead: '0'.repeat(64) }, NOW)
    expect(answer).toMatchObject({ tillId: 'till-a', storeId: 'S1', storeName: 'Store one' })
    expect(await tillOfKey(db, answer.tillKey)).toBe('till-a')
    expect(JSON.stringify(await db.query('SELECT * FROM till'))).not.toContain(answer.tillKey)
    await expect(enrol(db, { code, tillId: 'till-b', fromSeq: 1, auditHead: '0'.repeat(64) }, NOW)).rejects.toThrow('This enrolment code was used already')
    const late = await createEnrolmentCode(db, { id: 'S1' }, NOW)
    await expect(enrol(db, { code: late.code, tillId: 'till-b', fromSeq: 1, auditHead: '0'.repeat(64) }, new Date(NOW.getTime() + 25 * 3600_000))).rejects.toThrow('has run out')
    const other = await createEnrolmentCode(db, { id: 'S2', name: 'Store two', timeZone: 'UTC' }, NOW)
    await expect(enrol(db, { code: other.code, tillId: 'till-a', fromSeq: 1, auditHead: '0'.repeat(64) }, NOW)).rejects.toThrow('is enrolled in store S1')
    await expect(createEnrolmentCode(db, { id: 'S3' }, NOW)).rejects.toThrow('Store S3 is new')
  })

  it('applies a batch once: sent again after a lost answer it changes nothing, and a gap is answered with the number expected', async () => {
    const db = await databases.open()
    const { till } = await enrolled(db)
    const first = till.batch([
      till.ledger('B1'),
      till.audit('redemption_requested', { subject: 'B1' }),
      till.ledger('B1', { status: 'done', detailStatus: 'redeemed', updatedAt: '2026-12-06T08:00:01.000Z' }),
      till.journal(1, 'succeeded'),
      till.term('B1', '0001')
    ])
    expect(await applyBatch(db, 'till-a', first, NOW)).toEqual({ appliedThrough: 5 })
    // The answer was lost: the till sends the same batch again.
    expect(await applyBatch(db, 'till-a', first, NOW)).toEqual({ appliedThrough: 5 })
    expect([await count(db, 'ledger'), await count(db, 'audit'), await count(db, 'journal_outcome'), await count(db, 'ledger_term')]).toEqual([1, 1, 1, 1])
    expect(await db.query("SELECT status, detail_status, version FROM ledger WHERE ref = 'B1'")).toEqual([{ status: 'done', detail_status: 'redeemed', version: 3 }])
    // Both versions stay for the operation's story, once each; the search term knows its store and time.
    expect(await db.query("SELECT status, version FROM ledger_version WHERE ref = 'B1' ORDER BY version")).toEqual([
      { status: 'open', version: 1 },
      { status: 'done', version: 3 }
    ])
    expect(
      (await db.query<{ store_id: string; created_at: Date }>("SELECT store_id, created_at FROM ledger_term WHERE term = '0001'")).map((t) => [t.store_id, new Date(t.created_at).toISOString()])
    ).toEqual([['S1', '2026-12-06T08:00:00.000Z']])
    // A batch that starts past what was applied is a gap.
    till.ledger('B2')
    const skipped = till.batch([till.ledger('B3')])
    expect(await applyBatch(db, 'till-a', skipped, NOW)).toEqual({ expected: 6 })
    expect(await count(db, 'ledger', "ref = 'B3'")).toBe(0)
  })

  it('replaces a ledger row only with a newer version of itself, inside a batch and across batches', async () => {
    const db = await databases.open()
    const { till } = await enrolled(db)
    const open = till.ledger('B1', { status: 'open' })
    const done = till.ledger('B1', { status: 'done', updatedAt: '2026-12-06T08:00:05.000Z' })
    await applyBatch(db, 'till-a', till.batch([open, done]), NOW)
    expect((await db.query<{ status: string }>('SELECT status FROM ledger'))[0]?.status).toBe('done')
    // An older version arriving late (a resend overlapping a newer one) never wins.
    await applyBatch(db, 'till-a', { fromSeq: 1, toSeq: 1, sentAt: NOW.toISOString(), backlog: { count: 0, oldestAt: null }, events: [open] }, NOW)
    expect(await db.query('SELECT status, version FROM ledger')).toEqual([{ status: 'done', version: 2 }])
  })

  it('checks the audit chain on arrival: a tampered entry is kept, and the break is recorded against the till', async () => {
    const db = await databases.open()
    const { till } = await enrolled(db)
    const good = till.audit('sign_in')
    const tampered = till.audit('settings_changed', { detail: '{"idleLockSeconds":300}' })
    if (tampered.kind === 'audit') tampered.data.detail = '{"idleLockSeconds":0}'
    const after = till.audit('sign_out')
    await applyBatch(db, 'till-a', till.batch([good, tampered, after]), NOW)
    expect(await db.query('SELECT audit_id, chain_ok FROM audit ORDER BY audit_id')).toEqual([
      { audit_id: 1, chain_ok: true },
      { audit_id: 2, chain_ok: false },
      { audit_id: 3, chain_ok: true }
    ])
    const [status] = await tillStatuses(db)
    expect(status?.chainBreak).toMatchObject({ seq: 2, auditId: 2, hashMatches: false })
  })

  it('records each till’s clock skew, and a till with an absurd clock still gets its rows in (the default partition)', async () => {
    const db = await databases.open()
    const { till } = await enrolled(db)
    await applyBatch(db, 'till-a', till.batch([till.ledger('B1', { createdAt: '2099-01-01T00:00:00.000Z', updatedAt: '2099-01-01T00:00:00.000Z' })], '2026-12-06T08:16:03.000Z'), NOW)
    const [status] = await tillStatuses(db)
    expect(status?.skewMs).toBe(16 * 60_000)
    expect(await count(db, 'ledger_default')).toBe(1)
    expect(await count(db, 'ingest_batch', 'skew_ms = $1', [16 * 60_000])).toBe(1)
  })

  it('takes the till from its key, never from the body: a till cannot write as another till', async () => {
    const db = await databases.open()
    const a = await enrolled(db, 'till-a')
    const b = await enrolled(db, 'till-b')
    await applyBatch(db, 'till-b', b.till.batch([b.till.ledger('SHARED-REF', { status: 'done' })]), NOW)
    const app = buildServer({ db, now: () => NOW })
    // Till A's key, with an audit entry that claims to be till B's and a ledger row with B's ref.
    const forged = a.till.batch([a.till.audit('sign_in', { tillId: 'till-b' }), a.till.ledger('SHARED-REF', { status: 'failed' })])
    const answer = await app.inject({ method: 'POST', url: '/api/v1/ingest', headers: { authorization: `Bearer ${a.key}` }, payload: forged })
    expect(answer.statusCode).toBe(200)
    expect(await db.query("SELECT till_id, status FROM ledger WHERE ref = 'SHARED-REF' ORDER BY till_id")).toEqual([
      { till_id: 'till-a', status: 'failed' },
      { till_id: 'till-b', status: 'done' }
    ])
    expect(await db.query('SELECT till_id, entry_till_id FROM audit')).toEqual([{ till_id: 'till-a', entry_till_id: 'till-b' }])
    await app.close()
  })

  it('answers over HTTP: 401 for a key it does not know, 400 in words for a batch it cannot read, 409 with the number expected', async () => {
    const db = await databases.open()
    const { till, key } = await enrolled(db)
    const app = buildServer({ db, now: () => NOW })
    const post = (payload: unknown, auth = `Bearer ${key}`) => app.inject({ method: 'POST', url: '/api/v1/ingest', headers: { authorization: auth }, payload: payload as object })
    expect((await post({}, 'Bearer nobody')).json()).toMatchObject({ error: 'unknown_key', message: expect.stringContaining('Enrol the till again') })
    expect((await post({ fromSeq: 1 })).statusCode).toBe(400)
    till.ledger('B1')
    const gap = await post(till.batch([till.ledger('B2')]))
    expect([gap.statusCode, gap.json()]).toEqual([409, { expected: 1 }])
    expect((await app.inject({ method: 'GET', url: '/api/v1/tills' })).statusCode).toBe(403)
    await app.close()
  })
})
