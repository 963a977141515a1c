import { readdirSync, readFileSync, statSync } from 'node:fs'
import { extname, join, relative, sep } from 'node:path'
import type { FastifyInstance } from 'fastify'

const TYPES: Record<string, string> = {
  '.html': 'text/html; charset=utf-8',
  '.js': 'text/javascript; charset=utf-8',
  '.mjs': 'text/javascript; charset=utf-8',
  '.css': 'text/css; charset=utf-8',
  '.svg': 'image/svg+xml',
  '.png': 'image/png',
  '.ico': 'image/x-icon',
  '.json': 'application/json',
  '.woff2': 'font/woff2'
}

/** What every page answer carries: nothing from elsewhere runs or frames it, and no address leaks in a referrer. */
export const PAGE_HEADERS = {
  'content-security-policy':
    "default-src 'self'; script-src 'self'; style-src 'self' 'unsafe-inline'; img-src 'self' data:; connect-src 'self'; frame-ancestors 'none'; base-uri 'none'; form-action 'self'",
  'x-content-type-options': 'nosniff',
  'x-frame-options': 'DENY',
  'referrer-policy': 'no-referrer'
}

function filesUnder(root: string): string[] {
  return readdirSync(root).flatMap((name) => {
    const path = join(root, name)
    return statSync(path).isDirectory() ? filesUnder(path) : [path]
  })
}

/**
 * Serves the managers' web page as Vite built it: every file is read once at start into memory
 * (a few hundred kB), so no request path ever reaches the disk. Any other GET outside /api gets
 * the page itself, whose own router shows the screen.
 */
export function serveWebPage(app: FastifyInstance, root: string): void {
  const files = new Map<string, { body: Buffer; type: string }>()
  for (const path of filesUnder(root)) files.set(`/${relative(root, path).split(sep).join('/')}`, { body: readFileSync(path), type: TYPES[extname(path)] ?? 'application/octet-stream' })
  const index = files.get('/index.html')
  if (!index) throw new Error(`The back office's web page is not built in ${root} (npm run build).`)
  app.get('/*', async (request, reply) => {
    const path = request.url.split('?')[0] ?? '/'
    if (path.startsWith('/api/')) return reply.code(404).send({ error: 'not_found', message: 'There is no such call.', requestId: request.id })
    const file = files.get(path) ?? index
    reply.headers(PAGE_HEADERS).header('content-type', file.type)
    // Built assets carry their hash in their name; the page itself is asked for afresh.
    reply.header('cache-control', file === index ? 'no-store' : 'public, max-age=31536000, immutable')
    return reply.send(file.body)
  })
}
