import { randomUUID, timingSafeEqual } from 'node:crypto'
import Fastify, { type FastifyInstance, type FastifyReply, type FastifyRequest } from 'fastify'
import { z } from 'zod'
import { BATCH_MAX_BYTES, BatchSchema, EnrolRequestSchema, HeartbeatSchema } from '../../shared/backoffice/protocol'
import type { Database } from './db/database'
import { applyBatch, applyHeartbeat } from './ingest'
import { enrol, Refused, tillOfKey, tillStatuses } from './tills'
import { DEFAULT_SIGN_IN_POLICY, type SignInPolicy } from './auth/accounts'
import { registerScreens } from './http/screens-api'
import { serveWebPage } from './http/web-files'
import { DEFAULT_TILL_THRESHOLDS, type TillThresholds } from './screens/tills-view'

export interface ServerOptions {
  db: Database
  now?: () => Date
  /** Protects the operators' JSON (`GET /api/v1/tills`); without one it answers 403. */
  adminToken?: string
  logger?: boolean
  /** The built web page for managers and head office; without one only the API answers. */
  webRoot?: string
  policy?: SignInPolicy
  thresholds?: TillThresholds
  /** Mark the session cookie Secure (default); off only to try the service over plain http from another computer. */
  secureCookie?: boolean
  /** Which proxies' X-Forwarded-* to believe (fastify's trustProxy); by default the ones on this computer. */
  trustProxy?: boolean | string
}

const bearerOf = (header: string | undefined): string | null => (header?.startsWith('Bearer ') ? header.slice(7).trim() : null)

function refuse(reply: FastifyReply, status: number, error: string, message: string, params?: Record<string, string | number>): FastifyReply {
  return reply.code(status).send({ error, message, requestId: reply.request.id, ...(params && Object.keys(params).length > 0 ? { params } : {}) })
}

const sameSecret = (given: string, expected: string): boolean => {
  const a = Buffer.from(given)
  const b = Buffer.from(expected)
  return a.length === b.length && timingSafeEqual(a, b)
}

/**
 * The back office's HTTP service: the tills' ingest and enrolment API (and, later, the managers'
 * screens). Every body is checked with the shared zod schemas; every refusal is a sentence.
 */
export function buildServer(options: ServerOptions): FastifyInstance {
  const now = options.now ?? (() => new Date())
  const app = Fastify({ logger: options.logger ?? false, bodyLimit: BATCH_MAX_BYTES * 2, genReqId: () => randomUUID(), trustProxy: options.trustProxy ?? 'loopback' })
  app.addHook('onSend', async (request, reply) => {
    reply.header('x-request-id', request.id)
  })

  app.setErrorHandler((error, _request, reply) => {
    if (error instanceof Refused) return refuse(reply, error.status, error.code, error.message, error.params)
    const status = typeof (error as { statusCode?: unknown }).statusCode === 'number' ? (error as { statusCode: number }).statusCode : 500
    if (status < 500) return refuse(reply, status, 'bad_request', error instanceof Error ? error.message : String(error))
    app.log.error(error)
    // The till retries a 5xx; nothing was applied (the transaction rolled back).
    return refuse(reply, 500, 'internal', 'The back office could not apply this; the till sends it again.')
  })

  app.get('/api/v1/health', async () => ({ ok: true, database: options.db.kind }))

  app.post('/api/v1/enrol', async (request, reply) => {
    const parsed = EnrolRequestSchema.safeParse(request.body)
    if (!parsed.success) return refuse(reply, 400, 'bad_request', z.prettifyError(parsed.error))
    return enrol(options.db, parsed.data, now())
  })

  /** The till a request's key belongs to: a batch or heartbeat is applied under it, whatever the body says. */
  const tillOf = async (request: FastifyRequest): Promise<string> => {
    const key = bearerOf(request.headers.authorization)
    const tillId = key ? await tillOfKey(options.db, key) : null
    if (!tillId) throw new Refused(401, 'unknown_key', 'The back office does not know this till’s key (revoked, or enrolled elsewhere). Enrol the till again from Settings → Back office.')
    return tillId
  }

  app.post('/api/v1/ingest', async (request, reply) => {
    const tillId = await tillOf(request)
    const parsed = BatchSchema.safeParse(request.body)
    if (!parsed.success) return refuse(reply, 400, 'bad_batch', `The back office could not read this batch: ${z.prettifyError(parsed.error)}`)
    const result = await applyBatch(options.db, tillId, parsed.data, now())
    if ('expected' in result) return reply.code(409).send(result)
    return result
  })

  app.post('/api/v1/heartbeat', async (request, reply) => {
    const tillId = await tillOf(request)
    const parsed = HeartbeatSchema.safeParse(request.body)
    if (!parsed.success) return refuse(reply, 400, 'bad_request', z.prettifyError(parsed.error))
    await applyHeartbeat(options.db, tillId, parsed.data, now())
    return { ok: true }
  })

  app.get('/api/v1/tills', async (request, reply) => {
    const token = bearerOf(request.headers.authorization)
    if (!options.adminToken) return refuse(reply, 403, 'no_admin_token', 'Set BACKOFFICE_ADMIN_TOKEN to read the tills’ status over HTTP, or run npm run backoffice -- status.')
    if (!token || !sameSecret(token, options.adminToken)) return refuse(reply, 401, 'unauthorized', 'Send Authorization: Bearer <BACKOFFICE_ADMIN_TOKEN>.')
    const query = z.object({ store: z.string().max(64).optional() }).safeParse(request.query)
    return { tills: await tillStatuses(options.db, query.success ? query.data.store : undefined) }
  })

  registerScreens(app, {
    db: options.db,
    now,
    policy: options.policy ?? DEFAULT_SIGN_IN_POLICY,
    thresholds: options.thresholds ?? DEFAULT_TILL_THRESHOLDS,
    secureCookie: options.secureCookie ?? true
  })
  if (options.webRoot) serveWebPage(app, options.webRoot)
  return app
}
