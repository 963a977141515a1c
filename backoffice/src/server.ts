import { timingSafeEqual } from 'node:crypto'
import Fastify, { type FastifyInstance, type FastifyReply } from 'fastify'
import { z } from 'zod'
import { BATCH_MAX_BYTES, BatchSchema, EnrolRequestSchema } from '../../shared/backoffice/protocol'
import type { Database } from './db/database'
import { applyBatch } from './ingest'
import { enrol, Refused, tillOfKey, tillStatuses } from './tills'

export interface ServerOptions {
  db: Database
  now?: () => Date
  /** Protects the operators' JSON (`GET /api/v1/tills`); without one it answers 403. */
  adminToken?: string
  logger?: boolean
}

const bearerOf = (header: string | undefined): string | null => (header?.startsWith('Bearer ') ? header.slice(7).trim() : null)

function refuse(reply: FastifyReply, status: number, error: string, message: string): FastifyReply {
  return reply.code(status).send({ error, message })
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
  const app = Fastify({ logger: options.logger ?? false, bodyLimit: BATCH_MAX_BYTES * 2 })

  app.setErrorHandler((error, _request, reply) => {
    if (error instanceof Refused) return refuse(reply, error.status, error.code, error.message)
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

  app.post('/api/v1/ingest', async (request, reply) => {
    const key = bearerOf(request.headers.authorization)
    const tillId = key ? await tillOfKey(options.db, key) : null
    if (!tillId) return refuse(reply, 401, 'unknown_key', 'The back office does not know this till’s key (revoked, or enrolled elsewhere). Enrol the till again from Settings → Back office.')
    const parsed = BatchSchema.safeParse(request.body)
    if (!parsed.success) return refuse(reply, 400, 'bad_batch', `The back office could not read this batch: ${z.prettifyError(parsed.error)}`)
    const result = await applyBatch(options.db, tillId, parsed.data, now())
    if ('expected' in result) return reply.code(409).send(result)
    return result
  })

  app.get('/api/v1/tills', async (request, reply) => {
    const token = bearerOf(request.headers.authorization)
    if (!options.adminToken) return refuse(reply, 403, 'no_admin_token', 'Set BACKOFFICE_ADMIN_TOKEN to read the tills’ status over HTTP, or run npm run backoffice -- status.')
    if (!token || !sameSecret(token, options.adminToken)) return refuse(reply, 401, 'unauthorized', 'Send Authorization: Bearer <BACKOFFICE_ADMIN_TOKEN>.')
    const query = z.object({ store: z.string().max(64).optional() }).safeParse(request.query)
    return { tills: await tillStatuses(options.db, query.success ? query.data.store : undefined) }
  })

  return app
}
