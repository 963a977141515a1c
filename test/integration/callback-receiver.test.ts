import { freePort } from '../helpers/free-port'
import { createHmac } from 'node:crypto'
import { join } from 'node:path'
import { connect } from 'node:net'
import { afterEach, describe, expect, it } from 'vitest'
import { openDatabase } from '../../electron/core/db/connection'
import { migrate } from '../../electron/core/db/migrations'
import { InboxRepo } from '../../electron/core/webhooks/inbox-repo'
import { bodyKey, CallbackReceiver, sameSecret, type WebhookRoute } from '../../electron/core/webhooks/receiver'
import { errorOf, staffedTill, useCores, valueOf } from '../helpers/core'
import { recordingLog } from '../helpers/core'
import { useTempDirs } from '../helpers/temp-dir'
import { rawRequest } from '../helpers/raw-http'
import { until } from '../helpers/until'
import { CredentialThrottle } from '../../electron/core/webhooks/credential-throttle'

const SECRET = 'shared-secret'

const sign = (body: string) => createHmac('sha256', SECRET).update(body).digest('base64')

/** A route like a provider's: HMAC of the raw body in a header, events keyed by their bytes. */
function signedRoute(processed: string[], fail = { times: 0 }): WebhookRoute {
  return {
    provider: 'hubble',
    path: '/hubble',
    authenticate: (delivery) => {
      const given = delivery.headers['x-verify']
      return typeof given === 'string' && sameSecret(given, sign(delivery.rawBody.toString('utf8'))) ? { ok: true } : { ok: false, reason: 'bad signature' }
    },
    deliveryKey: (delivery) => bodyKey(delivery.rawBody),
    process: (body) => {
      if (fail.times > 0) {
        fail.times -= 1
        return Promise.reject(new Error('the provider could not be asked'))
      }
      processed.push(body)
      return Promise.resolve('order settled')
    }
  }
}

describe('callback receiver', () => {
  const tempDir = useTempDirs()
  const openCore = useCores()

  const receivers: CallbackReceiver[] = []
  afterEach(async () => {
    for (const r of receivers.splice(0)) await r.close()
  })

  function receiver(route: WebhookRoute, options: { monotonic?: () => number; limits?: { refusedKept: number; refusedKeptDays: number } } = {}) {
    const db = openDatabase(join(tempDir(), 'till.sqlite'))
    migrate(db)
    const inbox = new InboxRepo(db, options.limits)
    const r = new CallbackReceiver(inbox, recordingLog(), () => new Date('2026-11-22T08:00:00Z'), new CredentialThrottle(options.monotonic))
    r.setRoutes([route])
    receivers.push(r)
    return { r, inbox, db }
  }

  async function listening(r: CallbackReceiver): Promise<number> {
    const port = await freePort()
    expect(await r.apply({ enabled: true, host: '127.0.0.1', port })).toMatchObject({ listening: true })
    return port
  }

  it('answers a request target that is not a URL with 400 and keeps serving', async () => {
    const processed: string[] = []
    const { r, inbox } = receiver(signedRoute(processed))
    const port = await listening(r)
    for (const target of ['//[/hubble', 'http://[', '//x:y:z/']) {
      expect(await rawRequest(port, `POST ${target} HTTP/1.1\r\nHost: till\r\nContent-Length: 2\r\n\r\n{}`)).toBe(400)
    }
    const body = '{"id":"01ORDER","status":"SUCCESS"}'
    const after = await fetch(`http://127.0.0.1:${port}/hubble`, { method: 'POST', body, headers: { 'x-verify': sign(body) } })
    expect(after.status).toBe(200)
    expect(inbox.recent(4).map((d) => d.status)).toEqual([200, 400, 400, 400])
  })

  it('slows down wrong credentials per address: 429 with Retry-After, even for the right one, until the wait is over', async () => {
    let clock = 0
    const processed: string[] = []
    const { r } = receiver(signedRoute(processed), { monotonic: () => clock })
    const body = '{"id":"01ORDER","status":"SUCCESS"}'
    const post = (signature: string, from = '203.0.113.7') => r.receive('POST', '/hubble', { 'x-verify': signature }, from, () => Promise.resolve(Buffer.from(body)))
    for (let i = 0; i < 5; i += 1) expect((await post('wrong')).status).toBe(401)
    // The fifth wrong one in a row earns a wait of 1 s, doubling after each further one.
    expect(await post(sign(body))).toMatchObject({ status: 429, headers: { 'Retry-After': '1' } })
    clock += 1000
    expect((await post('wrong')).status).toBe(401)
    expect(await post(sign(body))).toMatchObject({ status: 429, headers: { 'Retry-After': '2' } })
    // Another address is not slowed by this one's guesses.
    expect((await post(sign(body), '198.51.100.9')).status).toBe(200)
    clock += 2000
    expect((await post(sign(body))).status).toBe(200)
    // Behind the store's reverse proxy, the client the proxy names is the one slowed down.
    const viaProxy = (signature: string, client: string) => r.receive('POST', '/hubble', { 'x-verify': signature, 'x-forwarded-for': client }, '127.0.0.1', () => Promise.resolve(Buffer.from(body)))
    for (let i = 0; i < 5; i += 1) await viaProxy('wrong', '192.0.2.50')
    expect((await viaProxy(sign(body), '192.0.2.50')).status).toBe(429)
    expect((await viaProxy(sign(body), '192.0.2.51')).status).toBe(200)
  })

  it('keeps refused deliveries bounded by count and by age', async () => {
    const { inbox, db } = receiver(signedRoute([]), { limits: { refusedKept: 100, refusedKeptDays: 30 } })
    const record = (at: string, status: number) => inbox.record({ at, provider: 'hubble', route: '/hubble', deliveryKey: null, remote: '203.0.113.7', status, outcome: 'x' })
    record('2026-09-01T00:00:00Z', 200)
    for (let i = 0; i < 5000; i += 1) record(`2026-11-22T08:00:${String(i % 60).padStart(2, '0')}Z`, 401)
    const refused = () => db.prepare('SELECT count(*) FROM webhook_deliveries WHERE status >= 400').pluck().get() as number
    expect(refused()).toBeGreaterThanOrEqual(100)
    expect(refused()).toBeLessThan(150)
    // Accepted deliveries stay; refused ones older than the limit go at the next trim.
    record('2026-10-01T00:00:00Z', 401)
    inbox.trimRefused('2026-11-22T08:00:00Z')
    expect(db.prepare("SELECT count(*) FROM webhook_deliveries WHERE at < '2026-10-20'").pluck().get()).toBe(1)
  })

  it('answers a body over the limit with 413 without reading the rest of it', async () => {
    const { r } = receiver(signedRoute([]))
    const port = await listening(r)
    // 64 MiB announced, a few bytes sent: the answer comes without the rest ever being sent.
    expect(await rawRequest(port, `POST /hubble HTTP/1.1\r\nHost: till\r\nContent-Length: ${64 * 1024 * 1024}\r\n\r\n{"id":`)).toBe(413)
    // Chunked, with no length: refused once past 1 MiB, while the sender is still sending.
    const chunk = 'x'.repeat(64 * 1024)
    const status = await new Promise<number>((resolve, reject) => {
      const socket = connect(port, '127.0.0.1', () => {
        socket.write('POST /hubble HTTP/1.1\r\nHost: till\r\nTransfer-Encoding: chunked\r\n\r\n')
        let sent = 0
        const pump = (): void => {
          while (sent < 64 * 1024 * 1024 && !socket.destroyed) {
            sent += chunk.length
            if (!socket.write(`${chunk.length.toString(16)}\r\n${chunk}\r\n`)) return void socket.once('drain', pump)
          }
        }
        pump()
      })
      socket.on('data', (data: Buffer) => resolve(Number(/^HTTP\/1\.1 (\d{3})/.exec(data.toString('latin1'))?.[1] ?? 0)))
      socket.on('error', () => undefined)
      socket.on('close', () => resolve(0))
      setTimeout(() => reject(new Error('no answer while the body was still coming')), 10_000)
    })
    expect(status).toBe(413)
  })

  it('is off by default, listens where Settings say, and stops again', async () => {
    const core = openCore({ dataDir: tempDir() })
    await staffedTill(core)
    expect(valueOf(await core.call('callbacks:status', {}))).toMatchObject({ listening: false, url: null })
    const port = await freePort()
    const prefs = valueOf(await core.call('settings:setStore', { callbacks: { enabled: true, host: '127.0.0.1', port } }))
    expect(prefs.callbacks.enabled).toBe(true)
    const status = await until(
      async () => valueOf(await core.call('callbacks:status', {})),
      (s) => s.listening,
      'the receiver to listen'
    )
    const answer = await fetch(`${status.url}/nowhere`, { method: 'POST', body: '{}' })
    expect(answer.status).toBe(404)
    expect(valueOf(await core.call('callbacks:status', {})).deliveries[0]).toMatchObject({ route: '/nowhere', status: 404, outcome: 'no such callback' })
    valueOf(await core.call('settings:setStore', { callbacks: { enabled: false, host: '127.0.0.1', port } }))
    await until(
      async () => valueOf(await core.call('callbacks:status', {})).listening,
      (listening) => !listening,
      'the receiver to stop'
    )
    expect(errorOf(await core.call('settings:setStore', { callbacks: { enabled: true, host: 'the shop', port } })).message).toMatch(/IP address/)
  })

  it('checks the signature over the exact bytes, processes an event once however often it comes, and records every delivery', async () => {
    const processed: string[] = []
    const { r, inbox } = receiver(signedRoute(processed))
    const body = '{"id":"01ORDER","status":"SUCCESS"}'
    const deliver = (raw: string, signature: string) => r.receive('POST', '/hubble', { 'x-verify': signature }, '203.0.113.7', () => Promise.resolve(Buffer.from(raw)))

    expect(await deliver(body, sign(body))).toMatchObject({ status: 200, body: { outcome: 'accepted' } })
    expect(await deliver(body, sign(body))).toMatchObject({ status: 200, body: { outcome: 'duplicate' } })
    // The same JSON with other spacing is other bytes: its signature must be over those bytes.
    expect(await deliver('{"id": "01ORDER", "status": "SUCCESS"}', sign(body))).toMatchObject({ status: 401, body: { outcome: 'refused: bad signature' } })
    expect(await deliver(body, 'AAAA')).toMatchObject({ status: 401 })
    await until(
      () => inbox.unprocessed(5).length,
      (n) => n === 0,
      'the event to be processed'
    )
    expect(processed).toEqual([body])
    expect(inbox.recent(10).map((d) => [d.status, d.outcome, d.remote])).toEqual([
      [401, 'refused: bad signature', '203.0.113.7'],
      [401, 'refused: bad signature', '203.0.113.7'],
      [200, 'duplicate', '203.0.113.7'],
      [200, 'accepted', '203.0.113.7']
    ])
  })

  it('keeps an event it could not process yet and processes it later, once', async () => {
    const processed: string[] = []
    const fail = { times: 1 }
    const { r, inbox } = receiver(signedRoute(processed, fail))
    const body = '{"balance":50,"threshold":100}'
    await r.receive('POST', '/hubble', { 'x-verify': sign(body) }, null, () => Promise.resolve(Buffer.from(body)))
    await until(
      () => inbox.unprocessed(5)[0]?.attempts,
      (attempts) => attempts === 1,
      'the first attempt to fail'
    )
    expect(processed).toEqual([])
    expect(inbox.unprocessed(5)).toHaveLength(1)
    await r.processPending()
    await r.processPending()
    expect(processed).toEqual([body])
    expect(inbox.unprocessed(5)).toHaveLength(0)
  })

  it('refuses other methods and bodies over 1 MiB, and compares secrets in constant time whatever their length', async () => {
    const { r } = receiver(signedRoute([]))
    expect(await r.receive('GET', '/hubble', {}, null, () => Promise.resolve(Buffer.alloc(0)))).toMatchObject({ status: 405 })
    expect(sameSecret('abc', 'abc')).toBe(true)
    expect(sameSecret('abc', 'abcd')).toBe(false)
    expect(sameSecret('', 'x')).toBe(false)
  })
})
