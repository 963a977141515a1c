import { randomBytes, randomUUID, timingSafeEqual } from 'node:crypto'
import { createServer, type IncomingMessage, type ServerResponse } from 'node:http'
import type { AddressInfo } from 'node:net'
import { createReadStream } from 'node:fs'
import { access, readFile } from 'node:fs/promises'
import { z } from 'zod'
import { pipeline } from 'node:stream/promises'
import { extname, join, normalize, resolve, sep } from 'node:path'
import type { Core } from '../core'
import type { TillErrorData } from '../../../shared/errors'
import { fail, type Result } from '../../../shared/ipc/result'
import { CONTENT_SECURITY_POLICY } from './csp'
import { BodyTooLarge, closeUnreadRequests, readBody } from './read-body'
import { SIGN_IN_FRAGMENT } from '../../../shared/ipc/web-sign-in'
import { maxInputBytesOf } from '../../../shared/ipc/contract'
import { ensurePrivateDir, writePrivateFile } from '../private-files'
import { sessionCookie, WebSessions } from './web-session'
import { parseTarget } from './request-target'
import { httpStatusOf } from '../../../shared/ipc/http-status'

export interface WebHostOptions {
  /** The core in this process, or the shell's side of one in its own process (`CoreClient`). */
  core: Pick<Core, 'dispatch' | 'events'>
  dataDir: string
  /** The built renderer (`out/renderer`); without it only the contract is served. */
  rendererDir?: string
  /** 0 picks a free port. */
  port: number
}

export interface WebHost {
  url: string
  port: number
  token: string
  tokenFile: string
  /** A one-time address that signs a browser in (printed at start). */
  signInUrl: string
  /** Always holds an unused sign-in address. */
  signInFile: string
  /** Another one-time sign-in address. */
  newSignInUrl(): string
  close(): Promise<void>
}

export const TOKEN_FILE = 'web-token'
export const SIGN_IN_FILE = 'web-sign-in'
const SignInSchema = z.object({ code: z.string().min(1).max(200) }).strict()
const HEARTBEAT_MS = 15_000

const mimeTypes: Record<string, string> = {
  '.html': 'text/html; charset=utf-8',
  '.js': 'text/javascript; charset=utf-8',
  '.css': 'text/css; charset=utf-8',
  '.svg': 'image/svg+xml',
  '.png': 'image/png',
  '.ico': 'image/x-icon',
  '.json': 'application/json; charset=utf-8',
  '.woff2': 'font/woff2'
}

function decodePath(text: string): string | null {
  try {
    return decodeURIComponent(text)
  } catch {
    return null
  }
}

function sendJson(res: ServerResponse, status: number, body: Result<unknown>): void {
  const text = JSON.stringify(body)
  res.writeHead(status, {
    'Content-Type': 'application/json; charset=utf-8',
    'Content-Length': Buffer.byteLength(text),
    'Cache-Control': 'no-store'
  })
  res.end(text)
}

function sendPlainJson(res: ServerResponse, status: number, body: unknown): void {
  const text = JSON.stringify(body)
  res.writeHead(status, { 'Content-Type': 'application/json; charset=utf-8', 'Content-Length': Buffer.byteLength(text), 'Cache-Control': 'no-store' })
  res.end(text)
}

function sendError(res: ServerResponse, error: Omit<TillErrorData, 'requestId'>, status = httpStatusOf[error.code]): void {
  sendJson(res, status, fail({ ...error, requestId: randomUUID() }))
}

/**
 * The development and test host: serves the built renderer and the same contract as the
 * Electron IPC at `POST /rpc/<channel>`, plus contract events as server-sent events at
 * `GET /events`. Bound to 127.0.0.1. Scripts use a random bearer token (in a private file);
 * a browser signs in with a one-time address and then holds an httpOnly session cookie, so the
 * page itself never carries a secret. Never packaged.
 */
export async function startWebHost(options: WebHostOptions): Promise<WebHost> {
  const token = randomBytes(32).toString('base64url')
  const tokenBytes = Buffer.from(`Bearer ${token}`)
  const rendererDir = options.rendererDir === undefined ? undefined : resolve(options.rendererDir)
  const streams = new Set<ServerResponse>()
  const sessions = new WebSessions()
  const signInFile = join(options.dataDir, SIGN_IN_FILE)
  let allowedHosts = new Set<string>()
  let origin = ''
  let indexHtml: string | undefined

  const bearer = (req: IncomingMessage): boolean => {
    const given = Buffer.from(req.headers.authorization ?? '')
    return given.length === tokenBytes.length && timingSafeEqual(given, tokenBytes)
  }
  /** A browser's session counts only for requests from the till's own page (SameSite=Strict does most of this; Origin closes the rest). */
  const authorized = (req: IncomingMessage): boolean => bearer(req) || (sessions.signedIn(req.headers.cookie) && (req.headers.origin === undefined || req.headers.origin === origin))
  const signInAddress = (): string => `${origin}/#${SIGN_IN_FRAGMENT}=${sessions.newCode()}`
  /** The file always holds an unused address: a new one replaces the one just spent. */
  const refreshSignInFile = (): string => {
    const address = signInAddress()
    writePrivateFile(signInFile, `${address}\n`)
    return address
  }

  const readJsonBody = async (req: IncomingMessage, res: ServerResponse, maxBytes: number): Promise<{ ok: true; value: unknown } | { ok: false }> => {
    const tooLarge = { code: 'invalid_input', message: `The request body is larger than ${maxBytes} bytes, the most this channel takes.` } as const
    let raw: string
    try {
      raw = await readBody(req, maxBytes)
    } catch (error) {
      if (error instanceof BodyTooLarge) sendError(res, tooLarge, 413)
      else sendError(res, { code: 'invalid_input', message: 'The request body could not be read.' })
      return { ok: false }
    }
    if (raw.trim().length === 0) return { ok: true, value: {} }
    try {
      return { ok: true, value: JSON.parse(raw) as unknown }
    } catch {
      sendError(res, { code: 'invalid_input', message: 'The request body is not valid JSON.' })
      return { ok: false }
    }
  }

  const serveRpc = async (req: IncomingMessage, res: ServerResponse, channel: string): Promise<void> => {
    if (req.method !== 'POST') {
      res.setHeader('Allow', 'POST')
      sendError(res, { code: 'invalid_input', message: 'Contract calls use POST with a JSON body.' })
      return
    }
    const name = decodePath(channel) ?? channel
    const body = await readJsonBody(req, res, maxInputBytesOf(name))
    if (!body.ok) return
    const result = await options.core.dispatch(name, body.value)
    sendJson(res, result.ok ? 200 : httpStatusOf[result.error.code], result)
  }

  /** `GET /session` says whether this browser is signed in and where a sign-in address is; `POST /session` trades a one-time code for the cookie. */
  const serveSession = async (req: IncomingMessage, res: ServerResponse): Promise<void> => {
    const state = (signedIn: boolean) => ({ signedIn, signInFile })
    if (req.method === 'GET') return sendPlainJson(res, 200, state(authorized(req)))
    if (req.method !== 'POST') return sendPlainJson(res, 405, state(false))
    const body = await readJsonBody(req, res, 4096)
    if (!body.ok) return
    const parsed = SignInSchema.safeParse(body.value)
    const session = parsed.success ? sessions.redeem(parsed.data.code) : null
    if (!session) return sendPlainJson(res, 401, state(false))
    refreshSignInFile()
    res.setHeader('Set-Cookie', sessionCookie(session))
    sendPlainJson(res, 200, state(true))
  }

  const serveEvents = (req: IncomingMessage, res: ServerResponse): void => {
    res.writeHead(200, {
      'Content-Type': 'text/event-stream; charset=utf-8',
      'Cache-Control': 'no-store',
      Connection: 'keep-alive'
    })
    res.write('retry: 2000\n\n')
    streams.add(res)
    const unsubscribe = options.core.events.subscribe((event) => {
      res.write(`event: ${event.name}\ndata: ${JSON.stringify(event.payload)}\n\n`)
    })
    const heartbeat = setInterval(() => res.write(': keep-alive\n\n'), HEARTBEAT_MS)
    req.on('close', () => {
      clearInterval(heartbeat)
      unsubscribe()
      streams.delete(res)
    })
  }

  const serveStatic = async (req: IncomingMessage, res: ServerResponse, pathname: string): Promise<void> => {
    if (req.method !== 'GET' && req.method !== 'HEAD') {
      res.writeHead(405, { Allow: 'GET, HEAD' }).end()
      return
    }
    if (!rendererDir) {
      res.writeHead(404, { 'Content-Type': 'text/plain; charset=utf-8' }).end('The renderer is not built. Run npm run build.')
      return
    }
    const headers = { 'Content-Security-Policy': CONTENT_SECURITY_POLICY, 'X-Content-Type-Options': 'nosniff' }
    const decoded = decodePath(pathname)
    if (decoded === null) {
      res.writeHead(400, headers).end()
      return
    }
    const file = resolve(rendererDir, `.${normalize(decoded)}`)
    const isIndex = pathname === '/' || pathname === '/index.html'
    if (!isIndex && file.startsWith(rendererDir + sep)) {
      try {
        const body = await readFile(file)
        res.writeHead(200, { ...headers, 'Content-Type': mimeTypes[extname(file)] ?? 'application/octet-stream' })
        res.end(req.method === 'HEAD' ? undefined : body)
        return
      } catch {
        // Not a file: fall through to the page, which shows the app.
      }
    }
    if (!isIndex && extname(pathname) !== '') {
      res.writeHead(404, headers).end()
      return
    }
    indexHtml ??= await readFile(join(rendererDir, 'index.html'), 'utf8')
    res.writeHead(200, { ...headers, 'Content-Type': mimeTypes['.html'], 'Cache-Control': 'no-store' })
    res.end(req.method === 'HEAD' ? undefined : indexHtml)
  }

  /** A CSV the core wrote with history:export, streamed from the data folder (names are the core's own, checked above). */
  async function serveExport(res: ServerResponse, name: string): Promise<void> {
    const path = join(options.dataDir, 'exports', name)
    try {
      await access(path)
    } catch {
      res.writeHead(404, { 'Content-Type': 'text/plain; charset=utf-8' }).end('No such export.')
      return
    }
    res.writeHead(200, { 'Content-Type': 'text/csv; charset=utf-8', 'Content-Disposition': `attachment; filename="${name}"`, 'Cache-Control': 'no-store', 'X-Content-Type-Options': 'nosniff' })
    await pipeline(createReadStream(path), res)
  }

  const route = (req: IncomingMessage, res: ServerResponse): Promise<void> => {
    // A page on another origin could resolve its own name to 127.0.0.1 and call the host as
    // its own; refusing unexpected Host headers closes that DNS-rebinding door.
    if (!allowedHosts.has(req.headers.host ?? '')) {
      res.writeHead(421, { 'Content-Type': 'text/plain; charset=utf-8' }).end('Unexpected Host header.')
      return Promise.resolve()
    }
    const target = parseTarget(req.url)
    if (!target) {
      sendError(res, { code: 'invalid_input', message: 'The request target is not a valid path.' }, 400)
      return Promise.resolve()
    }
    const { pathname } = target
    if (pathname === '/session') return serveSession(req, res)
    if (pathname === '/session/code') {
      if (req.method !== 'POST' || !bearer(req)) return Promise.resolve(sendError(res, { code: 'unauthorized', message: 'A new sign-in address needs POST with the bearer token.' }))
      return Promise.resolve(sendPlainJson(res, 200, { url: signInAddress() }))
    }
    const rpc = /^\/rpc\/([^/]+)$/.exec(pathname)
    const exported = /^\/exports\/(history-[0-9A-Za-z-]+\.csv)$/.exec(pathname)
    const needsAuth = pathname === '/events' || pathname.startsWith('/rpc') || pathname.startsWith('/exports')
    if (needsAuth && !authorized(req)) {
      res.setHeader('WWW-Authenticate', 'Bearer')
      sendError(res, { code: 'unauthorized', message: 'Sign in with the one-time address the web host printed, or send Authorization: Bearer <token>.' })
      return Promise.resolve()
    }
    if (rpc?.[1]) return serveRpc(req, res, rpc[1])
    if (exported?.[1]) return serveExport(res, exported[1])
    if (pathname === '/events') return Promise.resolve(serveEvents(req, res))
    if (pathname.startsWith('/rpc')) return Promise.resolve(sendError(res, { code: 'unknown_channel', message: 'Call POST /rpc/<channel>.' }))
    return serveStatic(req, res, pathname)
  }

  const server = createServer((req, res) => {
    closeUnreadRequests(req, res)
    // No request, however malformed, may end the till: whatever throws becomes a 500.
    new Promise<void>((resolveRoute) => resolveRoute(route(req, res))).catch((error: unknown) => {
      console.error('[till] web host request failed', error)
      if (!res.headersSent) sendError(res, { code: 'internal', message: 'Something went wrong inside the till.' })
      else res.end()
    })
  })

  await new Promise<void>((resolveListen, reject) => {
    server.once('error', reject)
    server.listen(options.port, '127.0.0.1', () => {
      server.off('error', reject)
      resolveListen()
    })
  })
  const port = (server.address() as AddressInfo).port
  allowedHosts = new Set([`127.0.0.1:${port}`, `localhost:${port}`])
  origin = `http://127.0.0.1:${port}`

  ensurePrivateDir(options.dataDir)
  const tokenFile = join(options.dataDir, TOKEN_FILE)
  writePrivateFile(tokenFile, `${token}\n`)
  const signInUrl = refreshSignInFile()

  return {
    url: `http://127.0.0.1:${port}`,
    port,
    token,
    tokenFile,
    signInUrl,
    signInFile,
    newSignInUrl: signInAddress,
    close: () =>
      new Promise<void>((resolveClose) => {
        for (const stream of streams) stream.end()
        server.close(() => resolveClose())
        server.closeAllConnections()
      })
  }
}
