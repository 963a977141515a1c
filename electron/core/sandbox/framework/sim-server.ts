import { createServer, type IncomingMessage, type ServerResponse } from 'node:http'
import type { AddressInfo, Socket } from 'node:net'
import { z } from 'zod'
import { SimClock } from './clock'
import { FaultPlan, FaultRuleSchema, type FaultRule } from './faults'
import { BodyTooLarge, readBody } from '../../host/read-body'
import { parseTarget } from '../../host/request-target'

/** What a simulated provider answers: a status, headers and a JSON (or raw) body. */
export interface SimResponse {
  status: number
  body?: unknown
  rawBody?: string
  headers?: Record<string, string>
}

export interface SimRequest {
  method: string
  path: string
  query: URLSearchParams
  headers: IncomingMessage['headers']
  /** Parsed JSON (or the fields of a form-encoded body), or undefined when the body was empty; `badJson` when it did not parse. */
  body: unknown
  badJson: boolean
  rawBody: string
}

export interface SimRoute {
  /** The name faults and the request log use, such as `usemultiple`. */
  name: string
  method: string
  /** Exact path, or a pattern whose groups become `params`. */
  path: string | RegExp
  handle(request: SimRequest, params: string[]): SimResponse | Promise<SimResponse>
}

export interface SimRequestRecord {
  at: string
  route: string
  method: string
  path: string
  body: unknown
  fault: FaultRule['kind'] | null
  status: number | 'dropped' | 'no answer'
  /** The caller's X-Request-Id, when it sent one. */
  requestId: string | null
  /** The headers it came with, credentials left out. */
  headers: Record<string, string>
}

/** Headers that carry credentials: never kept in the request log. */
const SECRET_HEADERS = new Set(['authorization', 'client_secret', 'ocp-apim-subscription-key', 'x-verify', 'cookie'])

export interface SimulatorOptions {
  provider: string
  routes: SimRoute[]
  clock?: SimClock
  /** Provider state for the control endpoint (`GET /__sim/state`) and `POST /__sim/reset`. */
  inspect?: () => unknown
  reset?: () => void
  /** What to answer for a path no route knows. */
  notFound?: (request: SimRequest) => SimResponse
  /** How many requests the log keeps (SIM_REQUESTS_KEPT unless a test says otherwise). */
  requestsKept?: number
  /** What a trainee can look up here. */
  practice?: () => PracticeItem[]
  /** The provider's statement of what this simulator did. */
  statement?: () => SimStatement
  /**
   * Whether `/__sim/…` answers (faults, clock, state, reset, …): on for the sandbox CLI and tests,
   * off inside the app, where anything on the computer could otherwise reach them unauthenticated.
   */
  controls?: boolean
}

/** Something a trainee can practise a lookup on: its id and what kind of case it is (a status, a payment type). */
export interface PracticeItem {
  id: string
  kind: string
}

export interface RunningSimulator {
  provider: string
  url: string
  port: number
  clock: SimClock
  faults: FaultPlan
  /** The latest requests that reached the simulator (at most SIM_REQUESTS_KEPT), oldest first; the control endpoint is not logged. */
  requests: SimRequestRecord[]
  /**
   * How many requests were answered and the time spent on them, from the request's arrival to its
   * answer written: the provider's share of an operation, which the bench keeps apart from the till's.
   */
  served: { count: number; ms: number }
  /** What a trainee can look up on this simulator (empty where the provider has no lookups). */
  practice(): PracticeItem[]
  /** Turns the simulated outage on (every request dropped unanswered before it is processed) or off. */
  outage(on: boolean): void
  outageOn(): boolean
  /** What the provider would list for this till in its statement (CSV, in the format the back office reads by default), from the simulator's own records; null where it has none. */
  statement(): SimStatement | null
  close(): Promise<void>
}

/** A provider's statement as the simulator writes it, for reconciliation practice at the back office. */
export interface SimStatement {
  fileName: string
  csv: string
}

const MAX_BODY = 5 * 1024 * 1024
/**
 * A training till runs its simulators all day: the request log keeps only the latest requests,
 * so it does not grow with every voucher. Trimmed a tenth at a time, not on every request.
 */
export const SIM_REQUESTS_KEPT = 10_000

const ClockInputSchema = z.union([z.object({ now: z.iso.datetime() }).strict(), z.object({ advanceMs: z.number().int() }).strict(), z.object({ release: z.literal(true) }).strict()])

function send(res: ServerResponse, response: SimResponse): void {
  const text = response.rawBody ?? (response.body === undefined ? '' : JSON.stringify(response.body))
  res.writeHead(response.status, {
    'Content-Type': response.rawBody === undefined ? 'application/json; charset=utf-8' : 'text/plain; charset=utf-8',
    'Content-Length': Buffer.byteLength(text),
    ...response.headers
  })
  res.end(text)
}

const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms))

/**
 * Serves a simulated provider over real HTTP on 127.0.0.1, with per-route fault injection, a
 * controllable clock and a log of every request. Control endpoints under `/__sim/`:
 * `GET|POST|DELETE /__sim/faults`, `GET|POST /__sim/clock`, `GET /__sim/state`,
 * `GET /__sim/requests`, `POST /__sim/reset`.
 */
export async function startSimulator(options: SimulatorOptions, port = 0): Promise<RunningSimulator> {
  const clock = options.clock ?? new SimClock()
  const faults = new FaultPlan()
  const requests: SimRequestRecord[] = []
  const kept = options.requestsKept ?? SIM_REQUESTS_KEPT
  const sockets = new Set<Socket>()

  const control = async (req: IncomingMessage, res: ServerResponse, path: string, raw: string): Promise<void> => {
    let input: unknown
    try {
      input = raw.trim() === '' ? undefined : JSON.parse(raw)
    } catch {
      return send(res, { status: 400, body: { error: 'body is not JSON' } })
    }
    const bad = (error: z.ZodError) => send(res, { status: 400, body: { error: z.prettifyError(error) } })
    if (path === '/__sim/faults') {
      if (req.method === 'GET') return send(res, { status: 200, body: faults.list() })
      if (req.method === 'DELETE') {
        faults.clear()
        return send(res, { status: 200, body: [] })
      }
      const parsed = z.union([FaultRuleSchema, z.array(FaultRuleSchema)]).safeParse(input)
      if (!parsed.success) return bad(parsed.error)
      for (const rule of Array.isArray(parsed.data) ? parsed.data : [parsed.data]) faults.add(rule)
      return send(res, { status: 200, body: faults.list() })
    }
    if (path === '/__sim/clock') {
      if (req.method === 'GET') return send(res, { status: 200, body: clock.describe() })
      const parsed = ClockInputSchema.safeParse(input)
      if (!parsed.success) return bad(parsed.error)
      if ('now' in parsed.data) clock.set(new Date(parsed.data.now))
      else if ('advanceMs' in parsed.data) clock.advance(parsed.data.advanceMs)
      else clock.release()
      return send(res, { status: 200, body: clock.describe() })
    }
    if (path === '/__sim/state') return send(res, { status: 200, body: options.inspect?.() ?? null })
    if (path === '/__sim/statement') {
      const statement = options.statement?.()
      if (!statement) return send(res, { status: 404, body: { error: 'This provider has no statement.' } })
      res.writeHead(200, { 'content-type': 'text/csv; charset=utf-8', 'content-disposition': `attachment; filename="${statement.fileName}"` })
      res.end(statement.csv)
      return
    }
    if (path === '/__sim/requests') return send(res, { status: 200, body: requests })
    if (path === '/__sim/reset' && req.method === 'POST') {
      options.reset?.()
      faults.clear()
      requests.length = 0
      clock.release()
      return send(res, { status: 200, body: { reset: true } })
    }
    send(res, { status: 404, body: { error: `no control endpoint ${req.method} ${path}` } })
  }

  const match = (method: string, path: string): { route: SimRoute; params: string[] } | null => {
    for (const route of options.routes) {
      if (route.method !== method) continue
      if (typeof route.path === 'string') {
        if (route.path === path) return { route, params: [] }
      } else {
        const found = route.path.exec(path)
        if (found) return { route, params: found.slice(1).map((p) => decodeURIComponent(p ?? '')) }
      }
    }
    return null
  }

  const served = { count: 0, ms: 0 }
  const server = createServer((req, res) => {
    const arrived = performance.now()
    res.once('finish', () => {
      served.count++
      served.ms += performance.now() - arrived
    })
    void (async () => {
      const url = parseTarget(req.url)
      if (!url) return send(res, { status: 400, body: { message: 'not a valid request target' } })
      const raw = await readBody(req, MAX_BODY).catch((error: unknown) => {
        if (error instanceof BodyTooLarge) return ''
        throw error
      })
      if (url.pathname.startsWith('/__sim/') && options.controls !== false) return control(req, res, url.pathname, raw)
      let body: unknown = undefined
      let badJson = false
      const form = /application\/x-www-form-urlencoded/i.test(req.headers['content-type'] ?? '')
      if (form) body = Object.fromEntries(new URLSearchParams(raw))
      else if (raw.trim() !== '') {
        try {
          body = JSON.parse(raw)
        } catch {
          badJson = true
        }
      }
      const request: SimRequest = { method: req.method ?? 'GET', path: url.pathname, query: url.searchParams, headers: req.headers, body, badJson, rawBody: raw }
      const found = match(request.method, url.pathname)
      const routeName = found?.route.name ?? 'unknown'
      const header = req.headers['x-request-id']
      const record: SimRequestRecord = {
        at: clock.now().toISOString(),
        route: routeName,
        method: request.method,
        path: url.pathname,
        body,
        fault: null,
        status: 'no answer',
        requestId: typeof header === 'string' ? header : null,
        headers: Object.fromEntries(
          Object.entries(req.headers).flatMap(([name, value]) => (SECRET_HEADERS.has(name) || value === undefined ? [] : [[name, Array.isArray(value) ? value.join(', ') : value]]))
        )
      }
      requests.push(record)
      if (requests.length > kept * 1.1) requests.splice(0, requests.length - kept)
      const fault = found ? faults.take(routeName) : null
      record.fault = fault?.kind ?? null
      if (fault && fault.latencyMs > 0) await sleep(fault.latencyMs)

      const drop = (): void => {
        record.status = 'dropped'
        req.socket.destroy()
      }
      if (fault?.kind === 'hang') return // no answer at all; the socket closes with the server
      if (fault?.kind === 'reset-before') return drop()
      if (fault?.kind === 'status' && !fault.afterProcessing) {
        record.status = fault.status
        return send(res, { status: fault.status, rawBody: fault.status === 429 ? 'Too Many Requests' : 'Service Unavailable' })
      }

      const response = found ? await found.route.handle(request, found.params) : (options.notFound?.(request) ?? { status: 404, body: { message: 'Not Found' } })
      if (fault?.kind === 'reset-after') return drop()
      if (fault?.kind === 'status') {
        record.status = fault.status
        return send(res, { status: fault.status, rawBody: 'Internal Server Error' })
      }
      if (fault?.kind === 'malformed') {
        record.status = 200
        return send(res, { status: 200, rawBody: '<html><body>502 Bad Gateway</body></html>', headers: { 'Content-Type': 'application/json' } })
      }
      if (fault?.kind === 'truncated') {
        const text = JSON.stringify(response.body ?? {})
        record.status = 200
        res.writeHead(200, { 'Content-Type': 'application/json; charset=utf-8', 'Content-Length': Buffer.byteLength(text) })
        res.write(text.slice(0, Math.max(1, Math.floor(text.length / 2))))
        setTimeout(() => req.socket.destroy(), 10)
        return
      }
      record.status = response.status
      send(res, response)
    })().catch((error: unknown) => {
      if (!res.headersSent) send(res, { status: 500, body: { message: error instanceof Error ? error.message : String(error) } })
    })
  })
  server.on('connection', (socket) => {
    sockets.add(socket)
    socket.on('close', () => sockets.delete(socket))
  })

  await new Promise<void>((resolve, reject) => {
    server.once('error', reject)
    server.listen(port, '127.0.0.1', () => resolve())
  })
  const actualPort = (server.address() as AddressInfo).port
  let outage = false
  return {
    practice: options.practice ?? (() => []),
    statement: () => options.statement?.() ?? null,
    outage(on) {
      if (on === outage) return
      outage = on
      if (on) faults.add({ route: '*', kind: 'reset-before' })
      else faults.clear()
    },
    outageOn: () => outage,
    provider: options.provider,
    url: `http://127.0.0.1:${actualPort}`,
    port: actualPort,
    clock,
    faults,
    requests,
    served,
    close: () =>
      new Promise<void>((resolve) => {
        for (const socket of sockets) socket.destroy()
        server.close(() => resolve())
      })
  }
}
