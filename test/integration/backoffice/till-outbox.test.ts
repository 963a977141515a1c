import { afterEach, describe, expect, it } from 'vitest'
import type { FastifyInstance } from 'fastify'
import { namedVoucherCodes as V } from '../../../electron/core/sandbox/gotit/fixtures'
import { brandIds as B } from '../../../electron/core/sandbox/hubble/fixtures'
import { Outbox } from '../../../electron/core/backoffice/outbox'
import { buildServer } from '../../../backoffice/src/server'
import { createEnrolmentCode } from '../../../backoffice/src/tills'
import type { Database } from '../../../backoffice/src/db/database'
import { errorOf, staffedTill, useCores, valueOf } from '../../helpers/core'
import { useTempDirs } from '../../helpers/temp-dir'
import { until } from '../../helpers/until'
import { testVault } from '../../helpers/test-vault'
import { databaseKinds, useBackofficeDatabases } from '../../helpers/backoffice'
import type { Core } from '../../../electron/core/core'

/** Enrols a till with a code from the back office and waits until nothing waits to be sent. */
async function enrolAndSendAll(core: Core, bo: { url: string; code(): Promise<string> }, what: string): Promise<void> {
  valueOf(await core.call('backoffice:enrol', { url: bo.url, code: await bo.code() }))
  await until(
    async () => valueOf(await core.call('backoffice:status', {})).waiting,
    (n) => n === 0,
    what
  )
}

describe('the till’s outbox', () => {
  const tempDir = useTempDirs()
  const openCore = useCores()

  it('queues what a redemption writes in the same transaction, and nothing of a transaction rolled back', async () => {
    const core = openCore({ dataDir: tempDir(), startWorker: false })
    await staffedTill(core)
    const outbox = new Outbox(core.context.db)
    const before = outbox.backlog().count
    expect(() =>
      core.context.db.transaction(() => {
        core.context.audit.append({ actor: null, action: 'settings_changed', outcome: 'ok' })
        core.context.history.record({ provider: 'gotit', kind: 'redemption', ref: 'ROLLED-BACK', status: 'open', detailStatus: 'open', at: new Date().toISOString() })
        throw new Error('the disk said no')
      })()
    ).toThrow('the disk said no')
    expect(outbox.backlog().count).toBe(before)

    const check = valueOf(await core.call('redeem:check', { codes: [V.new] }))
    const mark = outbox.nextSeq()
    valueOf(await core.call('redeem:redeem', { billNumber: check.billNumber }))
    const events = outbox.nextBatch(10_000)?.events.filter((e) => e.seq >= mark) ?? []
    expect(events.map((e) => e.kind).sort()).toEqual(expect.arrayContaining(['audit', 'journal', 'ledger']))
    expect(events.filter((e) => e.kind === 'ledger' && e.data.ref === check.billNumber).map((e) => (e.kind === 'ledger' ? e.data.status : ''))).toContain('done')
    expect(events.find((e) => e.kind === 'journal')).toMatchObject({ data: { operation: 'gotit.markUse', state: 'succeeded' } })
    // The settled version carries Got It's transaction id: what a provider's statement is matched on.
    const settled = events.find((e) => e.kind === 'ledger' && e.data.ref === check.billNumber && e.data.status === 'done')
    expect(settled?.kind === 'ledger' ? settled.data.providerRef : null).toMatch(/\S{4,}/)
  })

  it('sends nothing secret: no whole voucher code, card number or PIN, no customer contact, no staff PIN', async () => {
    const core = openCore({ dataDir: tempDir(), startWorker: false })
    await staffedTill(core)
    const check = valueOf(await core.call('redeem:check', { codes: [V.new, V.new_200k] }))
    valueOf(await core.call('redeem:redeem', { billNumber: check.billNumber }))
    valueOf(await core.call('giftcards:sync', {}))
    const sale = valueOf(
      await core.call('giftcards:sell', { productId: B.zomato, lines: [{ denomination: 50000, quantity: 1 }], customer: { name: 'Asha Rao', phone: '9876543210', email: 'asha@example.com' } })
    )
    const everything = JSON.stringify(new Outbox(core.context.db).nextBatch(100_000, 100_000_000))
    for (const secret of [V.new, V.new_200k, sale.cards[0]?.cardNumber ?? 'x', sale.cards[0]?.cardPin ?? 'x', '9876543210', 'asha@example.com']) {
      expect(everything, secret).not.toContain(secret)
    }
    // A staff PIN is four digits, which a hash or an id (a UUID's groups) may hold by chance: only a PIN standing alone would be one.
    for (const pin of ['4826', '7391']) expect(everything, pin).not.toMatch(new RegExp(`(?<![\\w-])${pin}(?![\\w-])`))
    expect(everything).toContain(V.new.slice(-4))
  })
})

describe.each(databaseKinds)('a till reporting to its back office (%s)', (kind) => {
  const tempDir = useTempDirs()
  const openCore = useCores()
  const databases = useBackofficeDatabases(kind)
  const servers: FastifyInstance[] = []
  afterEach(async () => {
    for (const server of servers.splice(0)) await server.close()
  })

  async function backoffice(prepare: (server: FastifyInstance) => void = () => undefined): Promise<{ db: Database; url: string; code: () => Promise<string>; server: FastifyInstance }> {
    const db = await databases.open()
    const server = buildServer({ db })
    prepare(server)
    const url = await server.listen({ host: '127.0.0.1', port: 0 })
    servers.push(server)
    const code = async () => (await createEnrolmentCode(db, { id: 'S1', name: 'Store one', timeZone: 'Asia/Ho_Chi_Minh' }, new Date())).code
    return { db, url, code, server }
  }

  it('enrols from Settings, sends everything once, and says how far it is', async () => {
    const bo = await backoffice()
    const core = openCore({ dataDir: tempDir(), vault: testVault(), backoffice: { intervalMs: 20 } })
    await staffedTill(core)
    expect(valueOf(await core.call('backoffice:status', {}))).toMatchObject({ enrolled: false, waiting: expect.any(Number) })
    expect(errorOf(await core.call('backoffice:enrol', { url: 'http://backoffice.example.com', code: 'ABCD-EFGH' }))).toMatchObject({ params: { reason: 'backoffice_address' } })
    expect(errorOf(await core.call('backoffice:enrol', { url: bo.url, code: 'WRONG-CODE' }))).toMatchObject({ params: { reason: 'backoffice_refused', detail: expect.stringContaining('not known') } })
    const status = valueOf(await core.call('backoffice:enrol', { url: bo.url, code: await bo.code(), name: 'Till 1' }))
    expect(status).toMatchObject({ enrolled: true, store: { id: 'S1', name: 'Store one' }, stopped: false })
    await until(
      async () => valueOf(await core.call('backoffice:status', {})),
      (s) => s.waiting === 0 && s.reached === true,
      'the outbox to be sent'
    )
    const tillId = core.context.identity.tillId
    const audit = await bo.db.query<{ action: string }>('SELECT action FROM audit WHERE till_id = $1 ORDER BY audit_id', [tillId])
    expect(audit.map((a) => a.action)).toEqual(expect.arrayContaining(['setup', 'staff_added', 'backoffice_enrolled']))
    const local = core.context.db.prepare('SELECT count(*) FROM audit_log').pluck().get() as number
    expect(audit.length).toBe(local)
    const [till] = await bo.db.query<{ chain_break: unknown; name: string }>('SELECT chain_break, name FROM till WHERE till_id = $1', [tillId])
    expect(till).toEqual({ chain_break: null, name: 'Till 1' })
  })

  it('a refused key stops the sender with the back office’s sentence until a manager acts; enrolling again resumes it', async () => {
    const bo = await backoffice()
    const core = openCore({ dataDir: tempDir(), vault: testVault(), backoffice: { intervalMs: 20 } })
    await staffedTill(core)
    await enrolAndSendAll(core, bo, 'the first batches')
    await bo.db.query('UPDATE till SET key_hash = NULL, revoked_at = now()')
    core.context.audit.append({ actor: null, action: 'settings_changed', outcome: 'ok' })
    const stopped = await until(
      async () => valueOf(await core.call('backoffice:status', {})),
      (s) => s.stopped,
      'the sender to stop'
    )
    expect(stopped).toMatchObject({ waiting: 1, problem: expect.stringContaining('Enrol the till again from Settings → Back office') })
    valueOf(await core.call('backoffice:enrol', { url: bo.url, code: await bo.code() }))
    await until(
      async () => valueOf(await core.call('backoffice:status', {})),
      (s) => !s.stopped && s.waiting === 0,
      'the sender to resume'
    )
  })

  it('a quiet till says it is alive, with its clock and backlog, so the back office does not take it for a stopped one', async () => {
    const bo = await backoffice()
    const core = openCore({ dataDir: tempDir(), vault: testVault(), backoffice: { intervalMs: 20, heartbeatMs: 100 } })
    await staffedTill(core)
    await enrolAndSendAll(core, bo, 'the first batches')
    const tillId = core.context.identity.tillId
    const seen = async () => (await bo.db.query<{ last_seen_at: Date; last_batch_at: Date }>('SELECT last_seen_at, last_batch_at FROM till WHERE till_id = $1', [tillId]))[0]
    const first = await seen()
    // Nothing more to send: the heartbeats alone move "last seen", never "last batch".
    const later = await until(seen, (t) => t !== undefined && first !== undefined && new Date(t.last_seen_at).getTime() > new Date(first.last_seen_at).getTime() + 150, 'a heartbeat')
    expect(new Date(later?.last_batch_at ?? 0).getTime()).toBe(new Date(first?.last_batch_at ?? 0).getTime())
  })

  it('waits as the back office asks (429 with Retry-After) and keeps everything until it answers', async () => {
    let busy = 2
    const bo = await backoffice((server) =>
      server.addHook('onRequest', async (request, reply) => {
        if (request.url === '/api/v1/ingest' && busy > 0) {
          busy -= 1
          await reply.code(429).header('retry-after', '0').send({ error: 'busy', message: 'busy' })
        }
      })
    )
    const core = openCore({ dataDir: tempDir(), vault: testVault(), backoffice: { intervalMs: 20 } })
    await staffedTill(core)
    valueOf(await core.call('backoffice:enrol', { url: bo.url, code: await bo.code() }))
    await until(
      async () => valueOf(await core.call('backoffice:status', {})),
      (s) => s.waiting === 0 && s.reached === true,
      'the outbox to be sent after the waits'
    )
    expect(busy).toBe(0)
  })

  it('a batch the back office applied but whose answer was lost is sent again and applied once', async () => {
    let dropped = 0
    const bo = await backoffice((server) =>
      server.addHook('onSend', async (request, reply, payload) => {
        // The back office has committed the batch; the answer never reaches the till.
        if (request.url === '/api/v1/ingest' && reply.statusCode === 200 && dropped < 2) {
          dropped += 1
          request.raw.socket.destroy()
        }
        return payload
      })
    )
    const core = openCore({ dataDir: tempDir(), vault: testVault(), backoffice: { intervalMs: 20, backoffBaseMs: 10 } })
    await staffedTill(core)
    valueOf(await core.call('backoffice:enrol', { url: bo.url, code: await bo.code() }))
    await until(
      async () => valueOf(await core.call('backoffice:status', {})),
      (s) => s.waiting === 0 && s.reached === true,
      'the outbox to be sent despite the lost answers'
    )
    expect(dropped).toBe(2)
    const tillId = core.context.identity.tillId
    const local = core.context.db.prepare('SELECT count(*) FROM audit_log').pluck().get() as number
    expect(await bo.db.query('SELECT count(*)::int AS n FROM audit WHERE till_id = $1', [tillId])).toEqual([{ n: local }])
    const [batches] = await bo.db.query<{ n: number }>('SELECT count(*)::int AS n FROM ingest_batch WHERE till_id = $1', [tillId])
    expect(batches?.n).toBeGreaterThanOrEqual(1)
  })

  it('a till whose data folder was copied must enrol again; what the copy held stays the first till’s', async () => {
    const bo = await backoffice()
    const dataDir = tempDir()
    const first = openCore({ dataDir, vault: testVault(), backoffice: { intervalMs: 20 } })
    await staffedTill(first)
    await enrolAndSendAll(first, bo, 'the first till to send')
    const firstId = first.context.identity.tillId
    await first.close()
    const copy = openCore({ dataDir, vault: testVault(), backoffice: { intervalMs: 20 }, machine: { machineId: 'another-computer', hostname: 'other', macs: ['02:00:00:00:00:01'] } })
    expect(copy.context.identity.tillId).not.toBe(firstId)
    expect(valueOf(await copy.call('auth:status', {}))).toBeDefined()
    const status = copy.backoffice.status()
    expect(status).toMatchObject({ enrolled: false })
    const firstRows = await bo.db.query<{ n: number }>('SELECT count(*)::int AS n FROM audit WHERE till_id = $1', [firstId])
    expect(await bo.db.query('SELECT count(*)::int AS n FROM audit WHERE till_id <> $1', [firstId])).toEqual([{ n: 0 }])
    expect(firstRows[0]?.n).toBeGreaterThan(0)
  })
})
