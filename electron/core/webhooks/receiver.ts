import { createHash, timingSafeEqual } from 'node:crypto'
import { createServer, type IncomingHttpHeaders, type Server } from 'node:http'
import type { AddressInfo, Socket } from 'node:net'
import type { Logger } from '../log/logger'
import { BodyTooLarge, closeUnreadRequests, readBodyBytes } from '../host/read-body'
import { CredentialThrottle, senderOf } from './credential-throttle'
import { parseTarget } from '../host/request-target'
import type { DeliveryRecord, InboxRepo } from './inbox-repo'

/** One callback as it arrived: the exact bytes, for signature checks. */
export interface Delivery {
  path: string
  headers: IncomingHttpHeaders
  rawBody: Buffer
  remote: string | null
}

/** A callback a provider module receives at `<receiver>/<path>`. */
export interface WebhookRoute {
  provider: string
  /** Such as `/hubble`. */
  path: string
  /** Checks the signature or credentials over the raw body (constant time); a refusal is recorded and answered 401. */
  authenticate(delivery: Delivery): { ok: true } | { ok: false; reason: string }
  /** The same for every delivery of one event: a duplicate finds the first one's inbox row and changes nothing. */
  deliveryKey(delivery: Delivery): string
  /** Acts on a new event (and confirms it with the provider first where the body alone cannot be trusted). Returns an outcome for the inbox. */
  process(body: string): Promise<string>
}

export interface ReceiverAnswer {
  status: number
  body: unknown
  headers?: Record<string, string>
}

export interface ReceiverSettings {
  enabled: boolean
  host: string
  port: number
}

export interface ReceiverStatus {
  listening: boolean
  url: string | null
  problem: string | null
}

const MAX_BODY = 1024 * 1024
const MAX_PROCESS_ATTEMPTS = 5

/** A key from the body itself when the provider sends no event id: identical bodies are one event. */
export function bodyKey(rawBody: Buffer): string {
  return createHash('sha256').update(rawBody).digest('hex')
}

/** Compares two secrets in constant time, whatever their lengths. */
export function sameSecret(given: string, expected: string): boolean {
  const a = createHash('sha256').update(given).digest()
  const b = createHash('sha256').update(expected).digest()
  return timingSafeEqual(a, b) && given.length === expected.length
}

/**
 * The till's inbound HTTP server for provider callbacks, off by default. It is plain HTTP on
 * the address and port set in Settings: in a store it sits behind a reverse proxy that ends TLS
 * (see the README). Every delivery is recorded; an event is processed once, however often it
 * comes. Polling keeps working when no callback ever arrives.
 */
export class CallbackReceiver {
  private server: Server | null = null
  private readonly sockets = new Set<Socket>()
  private state: ReceiverStatus = { listening: false, url: null, problem: null }
  private routes: WebhookRoute[] = []

  constructor(
    private readonly inbox: InboxRepo,
    private readonly log: Logger,
    private readonly now: () => Date,
    private readonly throttle = new CredentialThrottle()
  ) {}

  setRoutes(routes: WebhookRoute[]): void {
    this.routes = routes
  }

  status(): ReceiverStatus {
    return this.state
  }

  /** The latest deliveries, newest first: refused, duplicate and accepted alike. */
  recent(limit: number): DeliveryRecord[] {
    return this.inbox.recent(limit)
  }

  private applying: Promise<ReceiverStatus> = Promise.resolve(this.state)

  /** Starts, moves or stops the server to match the settings; changes are applied one after another. */
  apply(settings: ReceiverSettings): Promise<ReceiverStatus> {
    this.applying = this.applying.then(() => this.applyNow(settings))
    return this.applying
  }

  private async applyNow(settings: ReceiverSettings): Promise<ReceiverStatus> {
    await this.stop()
    if (!settings.enabled) return this.state
    const server = createServer((req, res) => {
      closeUnreadRequests(req, res)
      this.receive(req.method ?? 'GET', req.url ?? '/', req.headers, req.socket.remoteAddress ?? null, () => readBodyBytes(req, MAX_BODY))
        .catch((error: unknown) => {
          // Whatever went wrong with one request, the till keeps serving the next.
          this.log.error('a callback request failed', { error: error instanceof Error ? error.message : String(error) })
          return { status: 500, body: { received: false, outcome: 'the till could not handle this request' } } as ReceiverAnswer
        })
        .then(({ status, body, headers }) => {
          if (!res.headersSent) res.writeHead(status, { 'Content-Type': 'application/json; charset=utf-8', ...headers }).end(JSON.stringify(body))
        })
    })
    server.on('connection', (socket) => {
      this.sockets.add(socket)
      socket.on('close', () => this.sockets.delete(socket))
    })
    try {
      await new Promise<void>((resolve, reject) => {
        server.once('error', reject)
        server.listen(settings.port, settings.host, () => {
          server.off('error', reject)
          resolve()
        })
      })
    } catch (error) {
      const problem = `The callback receiver could not listen on ${settings.host}:${settings.port}: ${error instanceof Error ? error.message : String(error)}.`
      this.log.warn(problem)
      this.state = { listening: false, url: null, problem }
      return this.state
    }
    this.server = server
    const port = (server.address() as AddressInfo).port
    this.state = { listening: true, url: `http://${settings.host.includes(':') ? `[${settings.host}]` : settings.host}:${port}`, problem: null }
    this.log.info('callback receiver listening', { url: this.state.url })
    void this.processPending()
    return this.state
  }

  /** Waits for a change being applied, then stops (the till is closing). */
  async close(): Promise<void> {
    await this.applying
    await this.stop()
  }

  private async stop(): Promise<void> {
    const server = this.server
    this.server = null
    this.state = { listening: false, url: null, problem: null }
    if (!server) return
    for (const socket of this.sockets) socket.destroy()
    await new Promise<void>((resolve) => server.close(() => resolve()))
  }

  /** Handles one request; separate from the socket so tests and other hosts can drive it. */
  async receive(method: string, url: string, headers: IncomingHttpHeaders, remote: string | null, readBody: () => Promise<Buffer>): Promise<ReceiverAnswer> {
    const target = parseTarget(url)
    const at = this.now().toISOString()
    if (!target) {
      this.inbox.record({ at, provider: null, route: url.slice(0, 200), deliveryKey: null, remote, status: 400, outcome: 'not a valid request target' })
      return { status: 400, body: { received: false, outcome: 'not a valid request target' } }
    }
    const path = target.pathname
    const route = this.routes.find((r) => r.path === path)
    const answer = (status: number, outcome: string, provider: string | null, deliveryKey: string | null = null): ReceiverAnswer => {
      this.inbox.record({ at, provider, route: path, deliveryKey, remote, status, outcome })
      return { status, body: { received: status < 300, outcome } }
    }
    if (!route) return answer(404, 'no such callback', null)
    if (method !== 'POST') return answer(405, 'callbacks are POST', route.provider)
    const sender = senderOf(remote, headers['x-forwarded-for'])
    const waitMs = this.throttle.waitMs(sender)
    if (waitMs > 0) {
      const retryAfter = Math.ceil(waitMs / 1000)
      return { ...answer(429, `too many wrong credentials from ${sender}: wait ${retryAfter} s`, route.provider), headers: { 'Retry-After': String(retryAfter) } }
    }
    let rawBody: Buffer
    try {
      rawBody = await readBody()
    } catch (error) {
      return answer(error instanceof BodyTooLarge ? 413 : 400, error instanceof BodyTooLarge ? 'body larger than 1 MiB' : 'body could not be read', route.provider)
    }
    const delivery: Delivery = { path, headers, rawBody, remote }
    const auth = route.authenticate(delivery)
    if (!auth.ok) {
      this.throttle.failed(sender)
      this.log.warn('callback refused', { provider: route.provider, reason: auth.reason, remote: sender })
      return answer(401, `refused: ${auth.reason}`, route.provider)
    }
    this.throttle.succeeded(sender)
    const deliveryKey = route.deliveryKey(delivery)
    const id = this.inbox.admit({ provider: route.provider, deliveryKey, route: path, body: rawBody.toString('utf8'), at })
    if (id === null) return answer(200, 'duplicate', route.provider, deliveryKey)
    const result = answer(200, 'accepted', route.provider, deliveryKey)
    // Answer at once (the event is safe in the inbox); processing may ask the provider first.
    void this.process(id, route)
    return result
  }

  /** Events admitted but not processed (the till stopped, or the provider could not be asked). */
  async processPending(): Promise<void> {
    for (const row of this.inbox.unprocessed(MAX_PROCESS_ATTEMPTS)) {
      const route = this.routes.find((r) => r.path === row.route && r.provider === row.provider)
      if (route) await this.process(row.id, route)
    }
  }

  private async process(id: number, route: WebhookRoute): Promise<void> {
    const row = this.inbox.get(id)
    if (!row) return
    try {
      const outcome = await route.process(row.body)
      this.inbox.finish(id, outcome, true, this.now().toISOString())
    } catch (error) {
      const message = error instanceof Error ? error.message : String(error)
      this.log.warn('callback could not be processed yet', { provider: route.provider, inboxId: id, error: message })
      this.inbox.finish(id, `failed: ${message}`, false, this.now().toISOString())
    }
  }
}
