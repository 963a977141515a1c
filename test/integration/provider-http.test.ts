import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http'
import type { AddressInfo, Socket } from 'node:net'
import { join } from 'node:path'
import { afterEach, describe, expect, it } from 'vitest'
import { ConnectivityRegistry } from '../../electron/core/connectivity'
import { openDatabase } from '../../electron/core/db/connection'
import { migrate } from '../../electron/core/db/migrations'
import { basicAuth, bodyFieldAuth, LoginFailed, TokenAuth } from '../../electron/core/providers/auth'
import { CallLog } from '../../electron/core/providers/call-log'
import { ProviderHttp, type ProviderHttpConfig } from '../../electron/core/providers/http'
import { KeepAliveAgents } from '../../electron/core/providers/transport'
import { useTempDirs } from '../helpers/temp-dir'

interface Seen {
  method: string
  url: string
  headers: IncomingMessage['headers']
  body: string
  socket: Socket
}

type Answer = (req: Seen, res: ServerResponse) => void

/** A provider on loopback that records what it was sent and answers as the test says. */
async function fakeProvider(answer: Answer) {
  const seen: Seen[] = []
  const sockets = new Set<Socket>()
  const server: Server = createServer((req, res) => {
    const chunks: Buffer[] = []
    req.on('data', (c: Buffer) => chunks.push(c))
    req.on('end', () => {
      const entry = { method: req.method ?? '', url: req.url ?? '', headers: req.headers, body: Buffer.concat(chunks).toString('utf8'), socket: req.socket }
      seen.push(entry)
      answer(entry, res)
    })
  })
  server.on('connection', (socket) => {
    sockets.add(socket)
    socket.on('close', () => sockets.delete(socket))
  })
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve))
  const url = `http://127.0.0.1:${(server.address() as AddressInfo).port}`
  return {
    url,
    seen,
    connections: () => new Set(seen.map((s) => s.socket)).size,
    dropIdleConnections: () => sockets.forEach((s) => s.destroy()),
    close: () =>
      new Promise<void>((resolve) => {
        sockets.forEach((s) => s.destroy())
        server.close(() => resolve())
      })
  }
}

const json = (res: ServerResponse, status: number, body: unknown) => res.writeHead(status, { 'Content-Type': 'application/json' }).end(JSON.stringify(body))

describe('provider HTTP layer', () => {
  const tempDir = useTempDirs()
  const cleanups: (() => Promise<void> | void)[] = []
  afterEach(async () => {
    for (const cleanup of cleanups.splice(0).reverse()) await cleanup()
  })

  function setup(config: Partial<ProviderHttpConfig> & { baseUrl: string }, now = () => new Date()) {
    const db = openDatabase(join(tempDir(), 'till.sqlite'))
    migrate(db)
    const log = new CallLog(db, now)
    const connectivity = new ConnectivityRegistry([{ id: 'hubble', name: 'Hubble' }], () => 'sandbox', now)
    const agents = new KeepAliveAgents()
    cleanups.push(() => {
      agents.destroy()
      db.close()
    })
    const http = new ProviderHttp({ provider: 'hubble', requestIdHeader: 'X-REQUEST-ID', timeoutMs: 2000, ...config }, { log, connectivity, agents })
    const calls = () => {
      log.flush()
      return db.prepare('SELECT operation, endpoint, status, error_code, request_id FROM provider_calls ORDER BY id').all() as {
        operation: string
        endpoint: string
        status: number | null
        error_code: string | null
        request_id: string
      }[]
    }
    return { http, calls, connectivity }
  }

  async function provider(answer: Answer) {
    const p = await fakeProvider(answer)
    cleanups.push(() => p.close())
    return p
  }

  it('sends GET with a query, JSON, form and PUT bodies, with the provider’s request-id header, a new id per attempt, each in the call log', async () => {
    const p = await provider((_req, res) => json(res, 200, { ok: true }))
    const { http, calls } = setup({ baseUrl: `${p.url}/api/`, headers: { 'x-merchantid': 'shop1' } })
    const outcomes = [
      await http.request({ operation: 'list', method: 'GET', path: '/products', query: { q: 'zom ato', pageNo: undefined } }),
      await http.request({ operation: 'place', method: 'POST', path: '/orders', json: { amount: 100 } }),
      await http.request({ operation: 'refund', method: 'POST', path: '/orders/1/refunds', form: { amount: '10.50', unique_request_id: 'R1' } }),
      await http.request({ operation: 'category', method: 'PUT', path: '/categories/9', json: { category: 'GENERAL' } })
    ]
    expect(outcomes.map((o) => o.kind)).toEqual(['answered', 'answered', 'answered', 'answered'])
    expect(p.seen.map((s) => `${s.method} ${s.url}`)).toEqual(['GET /api/products?q=zom+ato', 'POST /api/orders', 'POST /api/orders/1/refunds', 'PUT /api/categories/9'])
    expect(p.seen[1]?.headers['content-type']).toBe('application/json')
    expect(JSON.parse(p.seen[1]?.body ?? '')).toEqual({ amount: 100 })
    expect(p.seen[2]?.headers['content-type']).toBe('application/x-www-form-urlencoded')
    expect(p.seen[2]?.body).toBe('amount=10.50&unique_request_id=R1')
    expect(p.seen.every((s) => s.headers['x-merchantid'] === 'shop1')).toBe(true)
    const ids = p.seen.map((s) => s.headers['x-request-id'])
    expect(new Set(ids).size).toBe(4)
    expect(calls().map((c) => [c.operation, c.endpoint, c.status, c.request_id])).toEqual([
      ['list', '/api/products', 200, ids[0]],
      ['place', '/api/orders', 200, ids[1]],
      ['refund', '/api/orders/1/refunds', 200, ids[2]],
      ['category', '/api/categories/9', 200, ids[3]]
    ])
  })

  it('puts a body-field secret into JSON and form bodies, and HTTP Basic into a header', async () => {
    const p = await provider((_req, res) => json(res, 200, {}))
    const pin = setup({ baseUrl: p.url, auth: bodyFieldAuth({ pin: '1212' }) }).http
    await pin.request({ operation: 'check', method: 'POST', path: '/check', json: { codes: ['1'] } })
    await pin.request({ operation: 'form', method: 'POST', path: '/form', form: { a: 1 } })
    const basic = setup({ baseUrl: p.url, auth: basicAuth('key_123') }).http
    await basic.request({ operation: 'status', method: 'GET', path: '/orders/1' })
    expect(JSON.parse(p.seen[0]?.body ?? '')).toEqual({ codes: ['1'], pin: '1212' })
    expect(p.seen[1]?.body).toBe('a=1&pin=1212')
    expect(p.seen[2]?.headers.authorization).toBe(`Basic ${Buffer.from('key_123:').toString('base64')}`)
  })

  it('logs in once for many waiting calls, renews before expiry, and on a 401 logs in again and retries once, never in a loop', async () => {
    let clock = new Date('2026-11-22T08:00:00Z')
    let tokens = 0
    let refuseAll = false
    const p = await provider((req, res) => {
      if (req.url === '/login') return json(res, 200, { token: `t${++tokens}`, expiresInSecs: 3600 })
      if (refuseAll || req.headers.authorization !== `Bearer t${tokens}`) return json(res, 401, { message: 'expired' })
      json(res, 200, { data: 'ok' })
    })
    const { http: loginHttp } = setup({ baseUrl: p.url })
    const auth = new TokenAuth({
      now: () => clock,
      login: async () => {
        const outcome = await loginHttp.request({ operation: 'login', method: 'POST', path: '/login', json: {}, authenticated: false })
        if (outcome.kind !== 'answered' || outcome.status !== 200) throw new LoginFailed(null, null, outcome.requestId, true, 'login refused')
        const body = outcome.body as { token: string; expiresInSecs: number }
        return { value: body.token, expiresAt: new Date(clock.getTime() + body.expiresInSecs * 1000) }
      }
    })
    const { http } = setup({ baseUrl: p.url, auth })
    const get = () => http.request({ operation: 'orders', method: 'GET', path: '/orders' })

    const first = await Promise.all([get(), get(), get(), get(), get()])
    expect(first.every((o) => o.kind === 'answered' && o.status === 200)).toBe(true)
    expect(tokens).toBe(1)

    clock = new Date(clock.getTime() + 59 * 60_000) // a minute before expiry: renewed before use
    await get()
    expect(tokens).toBe(2)
    expect(p.seen.at(-1)?.headers.authorization).toBe('Bearer t2')

    tokens = 10 // the provider forgot our token: one 401, one login, one retry
    const before = p.seen.length
    expect(await get()).toMatchObject({ kind: 'answered', status: 200 })
    expect(p.seen.slice(before).map((s) => s.url)).toEqual(['/orders', '/login', '/orders'])

    refuseAll = true // refused whatever we do: exactly one re-login and one retry, then the 401 is the answer
    const again = p.seen.length
    expect(await get()).toMatchObject({ kind: 'answered', status: 401 })
    expect(p.seen.slice(again).map((s) => s.url)).toEqual(['/orders', '/login', '/orders'])
  })

  it('reports a login the provider refuses as auth_failed, without sending the request', async () => {
    const p = await provider((_req, res) => json(res, 200, {}))
    const auth = new TokenAuth({ now: () => new Date(), login: () => Promise.reject(new LoginFailed(401, { message: 'bad client' }, 'req-1', true, 'the client id or secret is wrong')) })
    const { http } = setup({ baseUrl: p.url, auth })
    expect(await http.request({ operation: 'orders', method: 'GET', path: '/orders' })).toMatchObject({
      kind: 'auth_failed',
      status: 401,
      message: 'the client id or secret is wrong',
      requestId: 'req-1'
    })
    expect(p.seen).toHaveLength(0)
  })

  it('times out over the whole answer: headers and half a body, then silence, ends at the timeout', async () => {
    const p = await provider((_req, res) => {
      res.writeHead(200, { 'Content-Type': 'application/json', 'Content-Length': '100' })
      res.write('{"data":')
    })
    const { http, calls } = setup({ baseUrl: p.url, timeoutMs: 300 })
    const started = Date.now()
    const outcome = await http.request({ operation: 'order', method: 'GET', path: '/orders/1' })
    expect(Date.now() - started).toBeLessThan(2000)
    expect(outcome).toMatchObject({ kind: 'no_answer', reason: 'timeout' })
    expect(calls()[0]).toMatchObject({ error_code: 'timeout' })
  })

  it('tells not sent (refused connection) from no answer (reset, 5xx, unreadable body)', async () => {
    const dead = await provider((_req, res) => json(res, 200, {}))
    const deadUrl = dead.url
    await dead.close()
    expect(await setup({ baseUrl: deadUrl }).http.request({ operation: 'x', method: 'POST', path: '/x', json: {} })).toMatchObject({ kind: 'not_sent', reason: 'ECONNREFUSED' })

    const p = await provider((req, res) => {
      if (req.url === '/reset') return req.socket.destroy()
      if (req.url === '/503') return json(res, 503, { message: 'down' })
      if (req.url === '/html') return res.writeHead(200, { 'Content-Type': 'text/html' }).end('<html>')
      json(res, 404, { error: 'E001' })
    })
    const { http, connectivity } = setup({ baseUrl: p.url })
    expect(await http.request({ operation: 'x', method: 'POST', path: '/reset', json: {} })).toMatchObject({ kind: 'no_answer', reason: 'reset' })
    expect(await http.request({ operation: 'x', method: 'POST', path: '/503', json: {} })).toMatchObject({ kind: 'no_answer', reason: 'server_error', status: 503, body: { message: 'down' } })
    expect(connectivity.of('hubble')).toBe('offline')
    expect(await http.request({ operation: 'x', method: 'POST', path: '/html', json: {} })).toMatchObject({ kind: 'no_answer', reason: 'malformed', status: 200 })
    expect(await http.request({ operation: 'x', method: 'GET', path: '/nothing' })).toMatchObject({ kind: 'answered', status: 404, body: { error: 'E001' } })
    expect(connectivity.of('hubble')).toBe('online')
  })

  it('keeps lookups on one keep-alive connection and never reuses a socket the server closed; a money call always gets its own connection', async () => {
    const p = await provider((_req, res) => json(res, 200, { n: p.seen.length }))
    const { http, calls } = setup({ baseUrl: p.url })
    for (let i = 0; i < 3; i++) expect(await http.request({ operation: 'lookup', method: 'GET', path: '/orders/1' })).toMatchObject({ kind: 'answered', status: 200 })
    expect(p.connections()).toBe(1)

    // The server closes the idle connection; the till may not have noticed yet when it asks again.
    p.dropIdleConnections()
    expect(await http.request({ operation: 'lookup', method: 'GET', path: '/orders/1' })).toMatchObject({ kind: 'answered', status: 200 })
    p.dropIdleConnections()
    const money = await http.request({ operation: 'refund', method: 'POST', path: '/orders/1/refunds', form: { amount: 1 } })
    expect(money).toMatchObject({ kind: 'answered', status: 200 })
    expect(p.seen.at(-1)?.headers.connection).toBe('close')
    expect(p.seen.filter((s) => s.url === '/orders/1/refunds')).toHaveLength(1)
    expect(calls().filter((c) => c.operation === 'refund')).toHaveLength(1)
  })
})
