import { randomBytes, randomUUID, timingSafeEqual } from 'node:crypto'
import { createServer, type IncomingMessage, type ServerResponse } from 'node:http'
import type { AddressInfo } from 'node:net'
import { createReadStream } from 'node:fs'
import { access, readFile, writeFile, mkdir } from 'node:fs/promises'
import { pipeline } from 'node:stream/promises'
import { extname, join, normalize, resolve, sep } from 'node:path'
import type { Core } from '../core'
import type { TillErrorData } from '../../../shared/errors'
import { fail, type Result } from '../../../shared/ipc/result'
import { CONTENT_SECURITY_POLICY } from './csp'
import { BodyTooLarge, readBody } from './read-body'
import { httpStatusOf } from '../../../shared/ipc/http-status'

export interface WebHostOptions {
  core: Core
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
  close(): Promise<void>
}

export const TOKEN_FILE = 'web-token'
export const TOKEN_META = 'till-web-token'
const MAX_BODY_BYTES = 1024 * 1024
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

function sendError(res: ServerResponse, error: Omit<TillErrorData, 'requestId'>, status = httpStatusOf[error.code]): void {
  sendJson(res, status, fail({ ...error, requestId: randomUUID() }))
}

/**
 * The development and test host: serves the built renderer and the same contract as the
 * Electron IPC at `POST /rpc/<channel>`, plus contract events as server-sent events at
 * `GET /events`. Bound to 127.0.0.1 and guarded by a random bearer token. Never packaged.
 */
export async function startWebHost(options: WebHostOptions): Promise<WebHost> {
  const token = randomBytes(32).toString('base64url')
  const tokenBytes = Buffer.from(`Bearer ${token}`)
  const rendererDir = options.rendererDir === undefined ? undefined : resolve(options.rendererDir)
  const streams = new Set<ServerResponse>()
  let allowedHosts = new Set<string>()
  let indexHtml: string | undefined

  const authorized = (req: IncomingMessage): boolean => {
    const given = Buffer.from(req.headers.authorization ?? '')
    return given.length === tokenBytes.length && timingSafeEqual(given, tokenBytes)
  }

  const serveRpc = async (req: IncomingMessage, res: ServerResponse, channel: string): Promise<void> => {
    if (req.method !== 'POST') {
      res.setHeader('Allow', 'POST')
      sendError(res, { code: 'invalid_input', message: 'Contract calls use POST with a JSON body.' })
      return
    }
    const tooLarge = { code: 'invalid_input', message: 'The request body is larger than 1 MiB.' } as const
    if (Number(req.headers['content-length'] ?? 0) > MAX_BODY_BYTES) {
      res.setHeader('Connection', 'close')
      sendError(res, tooLarge, 413)
      return
    }
    let raw: string
    try {
      raw = await readBody(req, MAX_BODY_BYTES)
    } catch (error) {
      if (error instanceof BodyTooLarge) sendError(res, tooLarge, 413)
      else sendError(res, { code: 'invalid_input', message: 'The request body could not be read.' })
      return
    }
    let input: unknown = {}
    if (raw.trim().length > 0) {
      try {
        input = JSON.parse(raw)
      } catch {
        sendError(res, { code: 'invalid_input', message: 'The request body is not valid JSON.' })
        return
      }
    }
    const result = await options.core.dispatch(decodePath(channel) ?? channel, input)
    sendJson(res, result.ok ? 200 : httpStatusOf[result.error.code], result)
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
    const page = indexHtml.replace('</head>', `<meta name="${TOKEN_META}" content="${token}" />\n</head>`)
    res.writeHead(200, { ...headers, 'Content-Type': mimeTypes['.html'], 'Cache-Control': 'no-store' })
    res.end(req.method === 'HEAD' ? undefined : page)
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

  const server = createServer((req, res) => {
    // A page on another origin could resolve its own name to 127.0.0.1 and read the token from
    // our page; refusing unexpected Host headers closes that DNS-rebinding door.
    if (!allowedHosts.has(req.headers.host ?? '')) {
      res.writeHead(421, { 'Content-Type': 'text/plain; charset=utf-8' }).end('Unexpected Host header.')
      return
    }
    const { pathname } = new URL(req.url ?? '/', 'http://127.0.0.1')
    const rpc = /^\/rpc\/([^/]+)$/.exec(pathname)
    const exported = /^\/exports\/(history-[0-9A-Za-z-]+\.csv)$/.exec(pathname)
    const needsToken = rpc !== null || pathname === '/events' || pathname.startsWith('/rpc') || pathname.startsWith('/exports')
    if (needsToken && !authorized(req)) {
      res.setHeader('WWW-Authenticate', 'Bearer')
      sendError(res, { code: 'unauthorized', message: 'A valid Authorization: Bearer <token> header is required.' })
      return
    }
    const work = rpc?.[1]
      ? serveRpc(req, res, rpc[1])
      : exported?.[1]
        ? serveExport(res, exported[1])
      : pathname === '/events'
        ? Promise.resolve(serveEvents(req, res))
        : pathname.startsWith('/rpc')
          ? Promise.resolve(sendError(res, { code: 'unknown_channel', message: 'Call POST /rpc/<channel>.' }))
          : serveStatic(req, res, pathname)
    work.catch((error: unknown) => {
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

  await mkdir(options.dataDir, { recursive: true })
  const tokenFile = join(options.dataDir, TOKEN_FILE)
  await writeFile(tokenFile, `${token}\n`, { mode: 0o600 })

  return {
    url: `http://127.0.0.1:${port}`,
    port,
    token,
    tokenFile,
    close: () =>
      new Promise<void>((resolveClose) => {
        for (const stream of streams) stream.end()
        server.close(() => resolveClose())
        server.closeAllConnections()
      })
  }
}
