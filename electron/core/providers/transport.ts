import { Agent as HttpAgent, request as httpRequest, type IncomingHttpHeaders, type IncomingMessage } from 'node:http'
import { Agent as HttpsAgent, request as httpsRequest } from 'node:https'
import type { Socket } from 'node:net'

/** One request on the wire: the body is already encoded. */
export interface WireRequest {
  method: 'GET' | 'POST' | 'PUT'
  url: URL
  headers: Record<string, string>
  body?: Buffer
  /** The whole exchange (connect, send, headers and the entire body) must finish within this. */
  timeoutMs: number
  /** Answers larger than this are cut off and reported as unreadable. */
  maxBodyBytes?: number
  /**
   * Whether a pooled keep-alive socket may carry it. A pooled socket can die between the
   * server's close and our noticing it, and a request written into it cannot be known to be
   * unprocessed; so a request that must not be repeated goes on a connection of its own.
   */
  reuse: boolean
}

/**
 * What came back from the wire:
 * - `response`: a complete answer (any status), with its body as text.
 * - `failed`: no complete answer. `sent` says whether the request may have reached the provider:
 *   false only when the connection was never made, so nothing can have been processed.
 */
export type WireResult =
  | { kind: 'response'; status: number; headers: IncomingHttpHeaders; text: string }
  | {
      kind: 'failed'
      sent: boolean
      reason: 'timeout' | 'reset' | 'too_large'
      code: string
      /** A pooled socket failed before any byte of an answer: most likely closed by the server while idle. */
      staleSocket: boolean
    }

const NOT_CONNECTED_CODES = new Set(['ECONNREFUSED', 'ENOTFOUND', 'EAI_AGAIN', 'EHOSTUNREACH', 'ENETUNREACH', 'ECONNABORTED'])
const DEFAULT_MAX_BODY = 16 * 1024 * 1024
/** Idle keep-alive sockets are closed after this unless the server asks for less. */
const DEFAULT_IDLE_MS = 4000
/** Close our side this long before the server's announced keep-alive timeout, so we never write into a socket it is closing. */
const IDLE_MARGIN_MS = 1000

const idleHint = new WeakMap<Socket, number>()
const watched = new WeakSet<Socket>()

function keepAliveHintMs(headers: IncomingHttpHeaders): number | null {
  const value = headers['keep-alive']
  const match = typeof value === 'string' ? /timeout=(\d+)/i.exec(value) : null
  return match?.[1] ? Number(match[1]) * 1000 : null
}

/**
 * Keep-alive agents that never hand out a socket the server may be closing: an idle socket is
 * closed before the server's own keep-alive timeout (from its Keep-Alive header, else 4 s), a
 * socket that closed or errored leaves the pool at once, and a server that says
 * `Connection: close` gets no second request on it.
 */
export class KeepAliveAgents {
  readonly http: HttpAgent
  readonly https: HttpsAgent

  constructor(options: { maxSockets?: number } = {}) {
    const common = { keepAlive: true, maxSockets: options.maxSockets ?? 16, maxFreeSockets: 8, scheduling: 'lifo' as const }
    this.http = new HttpAgent(common)
    this.https = new HttpsAgent(common)
    for (const agent of [this.http, this.https]) {
      // Node's own rule (keep unless the server said close) returns a boolean; its type says void.
      const keep = agent.keepSocketAlive.bind(agent) as (socket: Socket) => boolean
      agent.keepSocketAlive = (socket: Socket): boolean => {
        const hint = idleHint.get(socket)
        const idleMs = hint === undefined ? DEFAULT_IDLE_MS : Math.min(DEFAULT_IDLE_MS, hint - IDLE_MARGIN_MS)
        if (idleMs <= 0 || !keep(socket)) return false
        // An idle socket that times out is destroyed, and a destroyed socket is never handed out again.
        socket.setTimeout(idleMs)
        // Keep reading while idle, so a server that closes the connection is noticed at once and
        // the socket leaves the pool, instead of being found dead by the next request.
        if (!watched.has(socket)) {
          watched.add(socket)
          socket.on('end', () => socket.destroy())
        }
        socket.resume()
        return true
      }
    }
  }

  for(url: URL): HttpAgent {
    return url.protocol === 'https:' ? this.https : this.http
  }

  destroy(): void {
    this.http.destroy()
    this.https.destroy()
  }
}

function errorCode(error: unknown): string {
  let current: unknown = error
  for (let depth = 0; depth < 5 && current && typeof current === 'object'; depth++) {
    const code = (current as { code?: unknown }).code
    if (typeof code === 'string') return code
    current = (current as { cause?: unknown }).cause
  }
  return 'network'
}

/**
 * Sends one request and reads the whole answer under one deadline. No retries: whether an
 * operation may be sent again is the journal's decision.
 */
export function sendOnWire(agents: KeepAliveAgents, request: WireRequest): Promise<WireResult> {
  const maxBody = request.maxBodyBytes ?? DEFAULT_MAX_BODY
  return new Promise<WireResult>((resolve) => {
    let settled = false
    let connected = false
    const finish = (result: WireResult): void => {
      if (settled) return
      settled = true
      clearTimeout(deadline)
      resolve(result)
    }
    const send = request.url.protocol === 'https:' ? httpsRequest : httpRequest
    const headers: Record<string, string> = { ...request.headers }
    if (request.body) headers['Content-Length'] = String(request.body.length)
    if (!request.reuse) headers['Connection'] = 'close'
    const req = send(request.url, { method: request.method, headers, agent: request.reuse ? agents.for(request.url) : false })
    let answered = false
    const failed = (reason: 'timeout' | 'reset' | 'too_large', code: string, sent = true): WireResult => ({
      kind: 'failed',
      sent,
      reason,
      code,
      staleSocket: req.reusedSocket && !answered && reason === 'reset'
    })
    const deadline = setTimeout(() => {
      finish(failed('timeout', connected ? 'timeout' : 'connect_timeout', connected))
      req.destroy()
    }, request.timeoutMs)

    req.on('socket', (socket: Socket) => {
      // A reused keep-alive socket is connected already; a new one says so when it is.
      if (!socket.connecting) connected = true
      else socket.once('connect', () => (connected = true))
    })
    req.on('error', (error) => {
      const code = errorCode(error)
      const sent = connected && !NOT_CONNECTED_CODES.has(code)
      finish(failed('reset', code, sent))
    })
    req.on('response', (res: IncomingMessage) => {
      answered = true
      const hint = keepAliveHintMs(res.headers)
      if (hint !== null) idleHint.set(res.socket, hint)
      const chunks: Buffer[] = []
      let size = 0
      res.on('data', (chunk: Buffer) => {
        size += chunk.length
        if (size > maxBody) {
          finish(failed('too_large', 'body_too_large'))
          req.destroy()
          return
        }
        chunks.push(chunk)
      })
      res.on('aborted', () => finish(failed('reset', 'body_reset')))
      res.on('error', (error) => finish(failed('reset', errorCode(error))))
      res.on('end', () => {
        if (!res.complete) return finish(failed('reset', 'body_reset'))
        finish({ kind: 'response', status: res.statusCode ?? 0, headers: res.headers, text: Buffer.concat(chunks).toString('utf8') })
      })
      res.on('close', () => {
        if (!res.complete) finish(failed('reset', 'body_reset'))
      })
    })
    req.end(request.body)
  })
}
