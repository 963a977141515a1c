import { describe, expect, it } from 'vitest'
import type { FastifyInstance } from 'fastify'
import { DayViewSchema, MeSchema, OperationsPageSchema, StatementImportSchema, StorySchema, TillsAnswerSchema } from '../../../shared/backoffice/screens'
import { createUser, DEFAULT_SIGN_IN_POLICY, type SignInPolicy } from '../../../backoffice/src/auth/accounts'
import type { Database } from '../../../backoffice/src/db/database'
import { applyBatch } from '../../../backoffice/src/ingest'
import { buildServer } from '../../../backoffice/src/server'
import { createEnrolmentCode, enrol } from '../../../backoffice/src/tills'
import { databaseKinds, FakeTill, useBackofficeDatabases } from '../../helpers/backoffice'

const NOW = new Date('2026-12-06T12:00:00.000Z')
/** A cheap scrypt: the tests are about who may do what, not about the hash's cost. */
const POLICY: SignInPolicy = { ...DEFAULT_SIGN_IN_POLICY, baseDelayMs: 60_000, cost: { N: 1024, r: 8, p: 1 } }
const PASSWORD = 'correct horse battery'

/** Two stores: S1 (Ho Chi Minh City) with tills a1 and a2, S2 (Oslo) with b1; each till's outbox as it would send it. */
async function seed(db: Database): Promise<{ a1: FakeTill; b1: FakeTill }> {
  const tills: Record<string, FakeTill> = {}
  for (const [store, zone, ids] of [
    ['S1', 'Asia/Ho_Chi_Minh', ['a1', 'a2']],
    ['S2', 'Europe/Oslo', ['b1']]
  ] as const) {
    for (const tillId of ids) {
      const { code } = await createEnrolmentCode(db, { id: store, name: `Store ${store}`, timeZone: zone }, NOW)
      const till = new FakeTill(tillId)
      await enrol(db, { code, tillId, fromSeq: 1, auditHead: till.auditHead, name: `Till ${tillId}` }, NOW)
      tills[tillId] = till
    }
  }
  const { a1, a2, b1 } = tills as { a1: FakeTill; a2: FakeTill; b1: FakeTill }
  const at = (iso: string) => ({ createdAt: iso, updatedAt: iso })
  await applyBatch(
    db,
    'a1',
    a1.batch(
      [
        a1.ledger('R0', { ...at('2026-11-29T03:10:00.000Z'), status: 'done', providerRef: 'T-0' }),
        a1.ledger('R1', { ...at('2026-12-06T03:00:00.000Z'), providerRef: null }),
        a1.audit('redemption_requested', { subject: 'R1', at: '2026-12-06T03:00:00.000Z' }),
        a1.ledger('R1', { ...at('2026-12-06T03:00:00.000Z'), updatedAt: '2026-12-06T03:00:01.000Z', status: 'done', detailStatus: 'redeemed', providerRef: 'T-1' }),
        a1.journal(1, 'succeeded', { subject: 'R1', requestIds: ['req-abc-1'] }),
        a1.term('R1', '0001'),
        a1.term('R1', 't-1'),
        a1.ledger('R2', { ...at('2026-12-06T02:00:00.000Z'), status: 'review', detailStatus: 'verifying', providerRef: null, staffName: 'Binh' }),
        a1.journal(2, 'needs_review', { subject: 'R2' }),
        a1.ledger('R4', { ...at('2026-12-06T05:00:00.000Z'), status: 'done', amountMinor: 30000, providerRef: 'T-4', offline: true })
      ],
      '2026-12-06T05:00:02.000Z'
    ),
    NOW
  )
  await applyBatch(
    db,
    'a2',
    a2.batch(
      [
        a2.ledger('G1', {
          ...at('2026-12-06T04:00:00.000Z'),
          provider: 'hubble',
          kind: 'gift_sale',
          status: 'done',
          amountMinor: 50000,
          currency: 'INR',
          providerRef: 'HUB-1',
          summary: 'Zomato ••••4242'
        }),
        a2.term('G1', '4242', { provider: 'hubble', kind: 'gift_sale' })
      ],
      '2026-12-06T04:00:02.000Z'
    ),
    NOW
  )
  await applyBatch(
    db,
    'b1',
    b1.batch([b1.ledger('R3', { ...at('2026-12-06T09:00:00.000Z'), status: 'done', amountMinor: 200000, providerRef: 'T-3', staffName: 'Ola' }), b1.term('R3', '0001')], '2026-12-06T09:00:02.000Z'),
    NOW
  )
  return { a1, b1 }
}

interface Browser {
  cookie: string
  call(
    method: 'GET' | 'POST' | 'PUT' | 'DELETE',
    url: string,
    body?: unknown,
    headers?: Record<string, string>
  ): Promise<{ status: number; json: () => unknown; body: string; headers: Record<string, unknown> }>
}

async function signedIn(app: FastifyInstance, login: string, password = PASSWORD): Promise<Browser> {
  const answer = await app.inject({ method: 'POST', url: '/api/bo/session', headers: { 'x-till-backoffice': '1', host: '127.0.0.1:5800' }, payload: { login, password } })
  expect(answer.statusCode, answer.body).toBe(200)
  const cookie = String(answer.headers['set-cookie']).split(';')[0] ?? ''
  return {
    cookie,
    async call(method, url, body, headers = {}) {
      const r = await app.inject({
        method,
        url,
        headers: { cookie, host: '127.0.0.1:5800', ...(method === 'GET' ? {} : { 'x-till-backoffice': '1' }), ...headers },
        ...(body === undefined ? {} : { payload: body as object })
      })
      return { status: r.statusCode, json: () => r.json(), body: r.body, headers: r.headers }
    }
  }
}

describe.each(databaseKinds)('the back office screens on %s', (kind) => {
  const databases = useBackofficeDatabases(kind)

  async function service(): Promise<{ db: Database; app: FastifyInstance; a1: FakeTill }> {
    const db = await databases.open(NOW)
    const { a1 } = await seed(db)
    await createUser(db, { login: 'hq', name: 'Hà Head', role: 'head_office', password: PASSWORD, stores: [] }, null, NOW, POLICY)
    await createUser(db, { login: 'lan', name: 'Lan Manager', role: 'store_manager', password: PASSWORD, stores: ['S1'] }, null, NOW, POLICY)
    const app = buildServer({ db, now: () => NOW, policy: POLICY, thresholds: { stoppedAfterMinutes: 15, skewLimitSeconds: 120 } })
    return { db, app, a1 }
  }

  it('signs in with an httpOnly, Secure, SameSite=Strict cookie; a store manager sees only their store, whatever the call asks for', async () => {
    const { app } = await service()
    const answer = await app.inject({ method: 'POST', url: '/api/bo/session', headers: { 'x-till-backoffice': '1' }, payload: { login: 'LAN', password: PASSWORD } })
    expect(answer.statusCode).toBe(200)
    expect(String(answer.headers['set-cookie'])).toMatch(/^till_bo_session=[\w-]{40,}; Path=\/; HttpOnly; SameSite=Strict; Max-Age=\d+; Secure$/)
    expect(MeSchema.parse(answer.json())).toMatchObject({ name: 'Lan Manager', role: 'store_manager', stores: [{ storeId: 'S1', timeZone: 'Asia/Ho_Chi_Minh' }] })

    const lan = await signedIn(app, 'lan')
    const ops = OperationsPageSchema.parse((await lan.call('GET', '/api/bo/operations')).json())
    expect(new Set(ops.operations.map((o) => o.storeId))).toEqual(new Set(['S1']))
    // Every way of reaching store S2 is refused by the service itself.
    for (const url of ['/api/bo/operations?store=S2', '/api/bo/tills?store=S2', '/api/bo/day?store=S2&day=2026-12-06', '/api/bo/attention?store=S2']) {
      const refused = await lan.call('GET', url)
      expect(refused.status, url).toBe(403)
      expect(refused.json()).toMatchObject({ error: 'forbidden', requestId: expect.any(String) })
    }
    expect((await lan.call('GET', '/api/bo/operations/story?tillId=b1&provider=gotit&kind=redemption&ref=R3&createdAt=2026-12-06T09:00:00.000Z')).status).toBe(404)
    expect((await lan.call('POST', '/api/bo/tills/b1/revoke')).status).toBe(403)
    expect((await lan.call('POST', '/api/bo/stores/S2/enrolment-codes')).status).toBe(403)
    // A search finds S2's voucher ending 0001 only for head office.
    expect(OperationsPageSchema.parse((await lan.call('GET', '/api/bo/operations?search=0001')).json()).operations.map((o) => o.ref)).toEqual(['R1'])
    const hq = await signedIn(app, 'hq')
    expect(OperationsPageSchema.parse((await hq.call('GET', '/api/bo/operations?search=0001')).json()).operations.map((o) => o.ref)).toEqual(['R3', 'R1'])
    // Head office's own screens are not a store manager's.
    for (const url of ['/api/bo/users', '/api/bo/recon/imports', '/api/bo/audit']) expect((await lan.call('GET', url)).status, url).toBe(403)
    expect((await lan.call('POST', '/api/bo/users', { login: 'x1x', name: 'X', role: 'head_office', password: PASSWORD })).status).toBe(403)
    // Signed out, nothing answers.
    expect((await lan.call('DELETE', '/api/bo/session')).status).toBe(200)
    expect((await lan.call('GET', '/api/bo/operations')).json()).toMatchObject({ error: 'signed_out' })
  })

  it('refuses a changing call without the page’s header or from another site, and a sign-in over plain http from afar', async () => {
    const { app } = await service()
    const hq = await signedIn(app, 'hq')
    expect((await hq.call('POST', '/api/bo/stores/S1/enrolment-codes', undefined, { 'x-till-backoffice': '0' })).json()).toMatchObject({ error: 'csrf' })
    expect((await hq.call('POST', '/api/bo/stores/S1/enrolment-codes', undefined, { origin: 'https://evil.example' })).json()).toMatchObject({ error: 'csrf' })
    expect((await hq.call('POST', '/api/bo/stores/S1/enrolment-codes')).json()).toMatchObject({ storeId: 'S1', code: expect.stringMatching(/^[A-Z2-9]{4}-[A-Z2-9]{4}-[A-Z2-9]{4}$/) })
    const far = await app.inject({ method: 'POST', url: '/api/bo/session', headers: { 'x-till-backoffice': '1', host: 'backoffice.example.com' }, payload: { login: 'hq', password: PASSWORD } })
    expect(far.json()).toMatchObject({ error: 'https_required' })
    const proxied = await app.inject({
      method: 'POST',
      url: '/api/bo/session',
      headers: { 'x-till-backoffice': '1', host: 'backoffice.example.com', 'x-forwarded-proto': 'https' },
      payload: { login: 'hq', password: PASSWORD }
    })
    expect(proxied.statusCode).toBe(200)
  })

  it('slows wrong passwords after three and locks the account after five, as a till does with PINs; head office unlocks it; every try is in the audit log', async () => {
    const db = await databases.open(NOW)
    await createUser(db, { login: 'hq', name: 'Hà Head', role: 'head_office', password: PASSWORD, stores: [] }, null, NOW, POLICY)
    await createUser(db, { login: 'hq2', name: 'Second Head', role: 'head_office', password: PASSWORD, stores: [] }, null, NOW, POLICY)
    let clock = NOW.getTime()
    const app = buildServer({ db, now: () => new Date(clock), policy: POLICY })
    const attempt = async (password: string) =>
      (await app.inject({ method: 'POST', url: '/api/bo/session', headers: { 'x-till-backoffice': '1' }, payload: { login: 'hq', password } })).json() as {
        error?: string
        params?: { seconds?: number }
      }
    for (let i = 0; i < 3; i++) expect(await attempt('wrong password')).toMatchObject({ error: 'wrong_password' })
    // After three, the next try waits a minute (POLICY's first wait), even with the right password; then two minutes.
    expect(await attempt(PASSWORD)).toMatchObject({ error: 'wait', params: { seconds: 60 } })
    clock += 61_000
    expect(await attempt('wrong password')).toMatchObject({ error: 'wrong_password' })
    expect(await attempt(PASSWORD)).toMatchObject({ error: 'wait', params: { seconds: 120 } })
    clock += 121_000
    expect(await attempt('wrong password')).toMatchObject({ error: 'locked' })
    clock += 3600_000
    expect(await attempt(PASSWORD)).toMatchObject({ error: 'locked' })
    // An unknown name is told the same as a wrong password.
    expect((await app.inject({ method: 'POST', url: '/api/bo/session', headers: { 'x-till-backoffice': '1' }, payload: { login: 'nobody', password: PASSWORD } })).json()).toMatchObject({
      error: 'wrong_password'
    })
    const other = await signedIn(app, 'hq2')
    const users = (await other.call('GET', '/api/bo/users')).json() as { users: { userId: string; login: string; locked: boolean }[] }
    const locked = users.users.find((u) => u.login === 'hq')
    expect(locked?.locked).toBe(true)
    expect((await other.call('POST', `/api/bo/users/${locked?.userId}`, { change: 'unlock' })).status).toBe(200)
    expect(await attempt(PASSWORD)).not.toHaveProperty('error')
    const audit = (await other.call('GET', '/api/bo/audit')).json() as { entries: { action: string; outcome: string; subject: string; userName: string | null }[] }
    expect(audit.entries.filter((e) => e.action === 'sign_in' && e.outcome === 'refused').length).toBeGreaterThanOrEqual(7)
    expect(audit.entries).toContainEqual(expect.objectContaining({ action: 'user_unlock', subject: 'hq', userName: 'Second Head' }))
    // The last working head-office account cannot be disabled.
    const me = MeSchema.parse((await other.call('GET', '/api/bo/me')).json())
    expect((await other.call('POST', `/api/bo/users/${locked?.userId}`, { change: 'disable' })).status).toBe(200)
    expect((await other.call('POST', `/api/bo/users/${me.userId}`, { change: 'disable' })).json()).toMatchObject({ error: 'last_head_office' })
  })

  it('shows a store’s day in its own time zone beside the same weekday last week, with tills and cashiers; and every till’s state', async () => {
    const { app } = await service()
    const hq = await signedIn(app, 'hq')
    const day = DayViewSchema.parse((await hq.call('GET', '/api/bo/day?store=S1&day=2026-12-06')).json())
    expect(day.totals).toEqual([
      { provider: 'gotit', kind: 'redemption', currency: 'VND', count: 2, amount: 130000 },
      { provider: 'hubble', kind: 'gift_sale', currency: 'INR', count: 1, amount: 50000 }
    ])
    expect(day.counts).toMatchObject({ done: 3, review: 1 })
    expect(day.offline).toEqual({ accepted: 1, stillOpen: 0 })
    expect(day.needsReview).toBe(1)
    // 03:00 UTC is 10:00 in Ho Chi Minh City; last week's 03:10 too.
    expect(day.hours[10]).toEqual({ hour: 10, count: 1, lastWeek: 1 })
    expect(day.tills.map((t) => [t.tillId, t.count])).toEqual([
      ['a1', 3],
      ['a2', 1]
    ])
    expect(day.staff.find((s) => s.staffName === 'Binh')).toMatchObject({ count: 1, totals: [] })
    const chain = DayViewSchema.parse((await hq.call('GET', '/api/bo/day?day=2026-12-06')).json())
    expect(chain).toMatchObject({ storeId: null, stores: 2 })
    expect(chain.totals.find((t) => t.provider === 'gotit')).toEqual({ provider: 'gotit', kind: 'redemption', currency: 'VND', count: 3, amount: 330000 })
  })

  it('flags a till that stopped reporting, a skewed clock and a broken audit chain, with the entry that broke it', async () => {
    const { db } = await service()
    const b1 = new FakeTill('b1', 3)
    await applyBatch(db, 'b1', b1.batch([b1.audit('sign_in', { at: '2026-12-06T11:59:00.000Z' })], '2026-12-06T12:00:00.000Z'), NOW)
    const tampered = b1.audit('settings_changed', { at: '2026-12-06T11:59:30.000Z' })
    if (tampered.kind === 'audit') tampered.data.detail = '{"changed":"after it was chained"}'
    await applyBatch(db, 'b1', b1.batch([tampered], '2026-12-06T12:10:00.500Z'), new Date(NOW.getTime() + 10 * 60_000))
    // Twenty minutes on: a1 and a2 last reported at 12:00 (with clocks hours behind); b1 at 12:10 with its clock right.
    const later = buildServer({ db, now: () => new Date(NOW.getTime() + 20 * 60_000), policy: POLICY })
    const hq = await signedIn(later, 'hq')
    const tills = TillsAnswerSchema.parse((await hq.call('GET', '/api/bo/tills')).json()).tills
    expect(tills.map((t) => [t.tillId, t.stopped, t.skewed, t.chain.intact])).toEqual([
      ['a1', true, true, true],
      ['a2', true, true, true],
      ['b1', false, false, false]
    ])
    expect(tills[2]?.chain).toEqual({ intact: false, auditId: 2, at: '2026-12-06T11:59:30.000Z', seq: 4, hashMatches: false, action: 'settings_changed' })
    expect(tills[0]?.skewMs).toBe(-7 * 3600_000 + 2000)
  })

  it('lists operations with every filter, searches by last 4, provider id and request id, pages by key, and tells an operation’s story', async () => {
    const { db, app } = await service()
    const hq = await signedIn(app, 'hq')
    const refs = async (query: string) => OperationsPageSchema.parse((await hq.call('GET', `/api/bo/operations?${query}`)).json()).operations.map((o) => o.ref)
    expect(await refs('')).toEqual(['R3', 'R4', 'G1', 'R1', 'R2', 'R0'])
    expect(await refs('store=S1&till=a1')).toEqual(['R4', 'R1', 'R2', 'R0'])
    expect(await refs('provider=hubble')).toEqual(['G1'])
    expect(await refs('status=review')).toEqual(['R2'])
    expect(await refs('staff=binh')).toEqual(['R2'])
    expect(await refs('from=2026-12-06&to=2026-12-06')).toEqual(['R3', 'R4', 'G1', 'R1', 'R2'])
    expect(await refs('to=2026-12-05')).toEqual(['R0'])
    expect(await refs('search=T-1')).toEqual(['R1'])
    expect(await refs('search=4242')).toEqual(['G1'])
    expect(await refs('search=req-abc-1')).toEqual(['R1'])
    expect((await hq.call('GET', '/api/bo/operations?status=nonsense')).json()).toMatchObject({ error: 'bad_request' })
    // Keyset pages: every row once, in order, however the pages fall.
    const seen: string[] = []
    let after = ''
    for (;;) {
      const page = OperationsPageSchema.parse((await hq.call('GET', `/api/bo/operations?limit=2${after}`)).json())
      seen.push(...page.operations.map((o) => o.ref))
      if (!page.next) break
      after = `&after=${page.next}`
    }
    expect(seen).toEqual(['R3', 'R4', 'G1', 'R1', 'R2', 'R0'])
    expect((await hq.call('GET', '/api/bo/operations?after=bm9wZQ')).json()).toMatchObject({ error: 'bad_request' })

    const story = StorySchema.parse((await hq.call('GET', '/api/bo/operations/story?tillId=a1&provider=gotit&kind=redemption&ref=R1&createdAt=2026-12-06T03:00:00.000Z')).json())
    expect(story.versions.map((v) => [v.status, v.providerRef])).toEqual([
      ['open', null],
      ['done', 'T-1']
    ])
    expect(story.journal).toEqual([expect.objectContaining({ operation: 'gotit.markUse', state: 'succeeded', requestIds: ['req-abc-1'] })])
    expect(story.audit.map((a) => a.action)).toEqual(['redemption_requested'])

    // The export is the same list, its text fields guarded against spreadsheet formulas.
    const a2 = new FakeTill('a2', 3)
    await applyBatch(
      db,
      'a2',
      a2.batch([a2.ledger('=HYPERLINK("x")', { provider: 'vipps', kind: 'receipt', status: 'done', createdAt: '2026-12-06T06:00:00.000Z', updatedAt: '2026-12-06T06:00:00.000Z' })]),
      NOW
    )
    const csv = (await hq.call('GET', '/api/bo/operations/export?store=S1&provider=vipps')).body
    expect(csv.split('\r\n')[1]).toContain(`"'=HYPERLINK(""x"")"`)
  })

  it('lists what needs a manager, oldest first, and what the till says was done about it', async () => {
    const { db, app, a1 } = await service()
    const hq = await signedIn(app, 'hq')
    const before = (await hq.call('GET', '/api/bo/attention')).json() as { open: { ref: string; storeName: string }[]; resolved: unknown[] }
    expect(before.open.map((o) => [o.ref, o.storeName])).toEqual([['R2', 'Store S1']])
    expect(before.resolved).toEqual([])
    // The till's manager settles it from the Queue: a newer version of the row, the journal's outcome and the till's audit entry.
    const resolved = a1.batch([
      a1.ledger('R2', { createdAt: '2026-12-06T02:00:00.000Z', updatedAt: '2026-12-06T11:00:00.000Z', status: 'done', detailStatus: 'redeemed', staffName: 'Binh' }),
      a1.journal(2, 'succeeded', { subject: 'R2' }),
      a1.audit('queue_item_resolved', {
        at: '2026-12-06T11:00:00.000Z',
        actorName: 'Mai Manager',
        subject: 'gotit.markUse:R2:1',
        detail: JSON.stringify({ operation: 'gotit.markUse', subject: 'R2', resolution: 'succeeded', note: 'Got It confirmed by phone' })
      })
    ])
    await applyBatch(db, 'a1', resolved, NOW)
    const after = (await hq.call('GET', '/api/bo/attention')).json() as { open: unknown[]; resolved: { ref: string; status: string; resolvedBy: string; resolution: string; note: string }[] }
    expect(after.open).toEqual([])
    expect(after.resolved).toEqual([expect.objectContaining({ ref: 'R2', status: 'done', resolvedBy: 'Mai Manager', resolution: 'succeeded', note: 'Got It confirmed by phone' })])
  })

  it('reconciles a provider’s statement by the provider’s own id: matched, amount differs, at the provider only, at a till only, with totals and an export', async () => {
    const { db, app } = await service()
    const hq = await signedIn(app, 'hq')
    const csv = ['Transaction ID,Used at,Amount (VND)', 't-1,2026-12-06 10:00,100000', 'T-3,2026-12-06 10:00,"150,000"', 'T-9,2026-12-06 11:00,70000', ''].join('\n')
    // A thousands separator is not a number here: the statement is refused whole, naming the line.
    expect((await hq.call('POST', '/api/bo/recon/imports', { provider: 'gotit', from: '2026-12-06', to: '2026-12-06', fileName: 'gotit.csv', csv })).json()).toMatchObject({
      error: 'statement_lines',
      params: { count: 1, lines: '3' }
    })
    const fixed = csv.replace('"150,000"', '150000')
    const imported = StatementImportSchema.parse(
      (await hq.call('POST', '/api/bo/recon/imports', { provider: 'gotit', from: '2026-12-06', to: '2026-12-06', fileName: 'gotit.csv', csv: fixed })).json()
    )
    expect(imported.totals).toEqual([
      {
        currency: 'VND',
        statement: { count: 3, amount: 320000 },
        tills: { count: 3, amount: 330000 },
        matched: { count: 1, amount: 100000 },
        amount_differs: { count: 1, amount: 150000, difference: -50000 },
        provider_only: { count: 1, amount: 70000 },
        till_only: { count: 1, amount: 30000 }
      }
    ])
    const items = (await hq.call('GET', `/api/bo/recon/imports/${imported.importId}`)).json() as { items: { outcome: string; providerRef: string | null; ref: string | null }[] }
    // Differences first. R2 waits for review (no Got It id yet) and is not counted; R4 was redeemed and Got It does not list it.
    expect(items.items.map((i) => [i.outcome, i.providerRef, i.ref])).toEqual([
      ['amount_differs', 'T-3', 'R3'],
      ['provider_only', 'T-9', null],
      ['till_only', 'T-4', 'R4'],
      ['matched', 't-1', 'R1']
    ])
    const differences = (await hq.call('GET', `/api/bo/recon/imports/${imported.importId}/differences.csv`)).body
      .replace(/^\uFEFF/, '')
      .trim()
      .split('\r\n')
    expect(differences).toHaveLength(4)
    expect(differences[1]).toBe('amount_differs,T-3,3,150000,200000,-50000,VND,S2,b1,redemption,R3,2026-12-06T09:00:00.000Z')
    // A statement in another shape is read once its mapping is saved.
    const mapping = { delimiter: ';', idColumn: 'txn', amountColumn: 'value', amountUnit: 'minor', currencyColumn: null, currency: 'VND', timeColumn: null }
    expect((await hq.call('PUT', '/api/bo/recon/mappings/gotit', mapping)).status).toBe(200)
    const again = StatementImportSchema.parse(
      (await hq.call('POST', '/api/bo/recon/imports', { provider: 'gotit', from: '2026-12-06', to: '2026-12-06', fileName: 'other.csv', csv: 'txn;value\nT-1;100000\nT-3;200000\nT-4;30000\n' })).json()
    )
    expect(again.totals[0]).toMatchObject({ matched: { count: 3, amount: 330000 }, till_only: { count: 0 }, provider_only: { count: 0 } })
    expect(db.kind).toBe(kind)
  })

  it('changes nothing a till sent, whatever is done on the screens', async () => {
    const { db, app } = await service()
    const fingerprint = async () =>
      JSON.stringify(
        await Promise.all(
          ['ledger', 'ledger_version', 'ledger_term', 'audit', 'journal_outcome'].map((table) => db.query(`SELECT md5(string_agg(t::text, '|' ORDER BY t::text)) AS h FROM ${table} t`))
        )
      )
    const before = await fingerprint()
    const hq = await signedIn(app, 'hq')
    await hq.call('POST', '/api/bo/stores', { storeId: 'S3', name: 'Store three', timeZone: 'Asia/Kolkata' })
    await hq.call('POST', '/api/bo/stores/S1/enrolment-codes')
    await hq.call('POST', '/api/bo/users', { login: 'minh', name: 'Minh', role: 'store_manager', password: PASSWORD, stores: ['S1', 'S3'] })
    await hq.call('POST', '/api/bo/recon/imports', { provider: 'gotit', from: '2026-12-06', to: '2026-12-06', fileName: 'g.csv', csv: 'Transaction ID,Amount (VND)\nT-1,1\n' })
    await hq.call('GET', '/api/bo/operations/export')
    expect(await fingerprint()).toBe(before)
    // Revoking a till stops its key; its records stay as they were.
    expect((await hq.call('POST', '/api/bo/tills/a2/revoke')).json()).toEqual({ revoked: true })
    expect(await fingerprint()).toBe(before)
  })
})
