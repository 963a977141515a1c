import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify'
import { z } from 'zod'
import {
  CSRF_HEADER,
  DayQuerySchema,
  ImportStatementSchema,
  NewStoreSchema,
  NewUserSchema,
  OperationKeySchema,
  OperationsQuerySchema,
  ReconItemsQuerySchema,
  SignInSchema,
  StatementMappingSchema,
  UserChangeSchema
} from '../../../shared/backoffice/screens'
import { csvField, csvLine, minorText } from '../../../shared/csv'
import { CurrencySchema } from '../../../shared/money'
import { isValidTimeZone } from '../../../shared/domain/preferences'
import { auditPage, recordAudit } from '../audit-log'
import { actorOf, changeUser, createUser, listUsers, mayUseStore, me, requireHeadOffice, sessionAccount, signIn, signOut, visibleStores, type Account, type SignInPolicy } from '../auth/accounts'
import type { Database } from '../db/database'
import { reconciledProviders } from '../recon/mappings'
import { mappingOf, saveMapping } from '../recon/mappings'
import { importStatement, reconItems, statementImport, statementImports } from '../recon/reconcile'
import { Refused } from '../refused'
import { dayView } from '../screens/day-view'
import { attention, listOperations, operationStory, type LedgerRow } from '../screens/operations'
import { storeOfTill, tillViews, type TillThresholds } from '../screens/tills-view'
import { createEnrolmentCode, revoke } from '../tills'

export const SESSION_COOKIE = 'till_bo_session'

export interface ScreensOptions {
  db: Database
  now: () => Date
  policy: SignInPolicy
  thresholds: TillThresholds
  /** Whether the session cookie is marked Secure (on unless the service is only tried on this computer). */
  secureCookie: boolean
}

/** Reads one cookie from the header, by hand: the back office sets exactly one. */
function cookieOf(request: FastifyRequest, name: string): string | null {
  for (const part of (request.headers.cookie ?? '').split(';')) {
    const [key, ...value] = part.trim().split('=')
    if (key === name) return value.join('=') || null
  }
  return null
}

function parse<T extends z.ZodType>(schema: T, value: unknown): z.infer<T> {
  const parsed = schema.safeParse(value)
  if (!parsed.success) throw new Refused(400, 'bad_request', z.prettifyError(parsed.error), { problem: z.prettifyError(parsed.error) })
  return parsed.data
}

const isLoopback = (host: string): boolean => /^(127\.\d+\.\d+\.\d+|localhost|\[::1\])(:\d+)?$/.test(host)

/**
 * The managers' and head office's calls, under /api/bo. Every call but signing in needs a
 * session; every changing call must carry the CSRF header; every call that names a store, a till
 * or an operation is checked against the account's stores here, whatever the screens show.
 * Nothing here writes what a till sent: the tills' tables are only read.
 */
export function registerScreens(app: FastifyInstance, options: ScreensOptions): void {
  const { db, now } = options

  app.addHook('onRequest', async (request) => {
    if (!request.url.startsWith('/api/bo/') || request.method === 'GET' || request.method === 'HEAD') return
    if (request.headers[CSRF_HEADER] !== '1') throw new Refused(403, 'csrf', 'This call must come from the back office’s own page.')
    const origin = request.headers.origin
    if (origin && origin !== 'null' && new URL(origin).host !== request.headers.host) throw new Refused(403, 'csrf', 'This call came from another site.')
  })

  const cookie = (token: string, maxAgeSeconds: number): string => `${SESSION_COOKIE}=${token}; Path=/; HttpOnly; SameSite=Strict; Max-Age=${maxAgeSeconds}${options.secureCookie ? '; Secure' : ''}`

  async function account(request: FastifyRequest): Promise<Account> {
    const token = cookieOf(request, SESSION_COOKIE)
    const found = token ? await sessionAccount(db, token, now(), options.policy) : null
    if (!found) throw new Refused(401, 'signed_out', 'Sign in to the back office.')
    return found
  }

  /** The stores a call covers: the one it names (if the account may see it), else every store the account sees. */
  const scopeOf = (who: Account, store: string | undefined): string[] | null => {
    if (store) {
      mayUseStore(who, store)
      return [store]
    }
    return who.storeIds
  }

  const sendCsv = (reply: FastifyReply, name: string, lines: string[]): FastifyReply =>
    reply
      .header('content-type', 'text/csv; charset=utf-8')
      .header('content-disposition', `attachment; filename="${name}"`)
      .header('cache-control', 'no-store')
      .send(`\uFEFF${lines.join('')}`)

  app.post('/api/bo/session', async (request, reply) => {
    const body = parse(SignInSchema, request.body)
    const forwardedHttps = request.protocol === 'https'
    if (options.secureCookie && !forwardedHttps && !isLoopback(request.headers.host ?? '')) {
      throw new Refused(400, 'https_required', 'Open the back office through https (its reverse proxy); a browser does not keep a sign-in sent over plain http.')
    }
    const { token, account: who, expiresAt } = await signIn(db, body.login, body.password, now(), request.ip, options.policy)
    reply.header('set-cookie', cookie(token, Math.floor((expiresAt.getTime() - now().getTime()) / 1000)))
    return me(db, who)
  })

  app.delete('/api/bo/session', async (request, reply) => {
    const who = await account(request)
    const token = cookieOf(request, SESSION_COOKIE)
    if (token) await signOut(db, token, who, now())
    reply.header('set-cookie', cookie('', 0))
    return { ok: true }
  })

  app.get('/api/bo/me', async (request) => me(db, await account(request)))

  // ---- Tills ----

  app.get('/api/bo/tills', async (request) => {
    const who = await account(request)
    const q = parse(z.object({ store: z.string().max(64).optional() }).strict(), request.query)
    return { tills: await tillViews(db, scopeOf(who, q.store), now(), options.thresholds), ...options.thresholds }
  })

  app.post('/api/bo/tills/:tillId/revoke', async (request) => {
    const who = await account(request)
    const { tillId } = parse(z.object({ tillId: z.string().min(1).max(64) }), request.params)
    const storeId = await storeOfTill(db, tillId)
    if (!storeId) throw new Refused(404, 'not_found', `There is no till ${tillId}.`, { what: tillId })
    mayUseStore(who, storeId)
    const revoked = await revoke(db, tillId, now())
    await recordAudit(db, { at: now(), actor: actorOf(who), action: 'till_revoked', subject: tillId, outcome: 'ok', detail: { storeId, hadKey: revoked }, address: request.ip })
    return { revoked }
  })

  app.post('/api/bo/stores/:storeId/enrolment-codes', async (request) => {
    const who = await account(request)
    const { storeId } = parse(z.object({ storeId: z.string().min(1).max(64) }), request.params)
    mayUseStore(who, storeId)
    const [store] = await db.query('SELECT 1 FROM store WHERE store_id = $1', [storeId])
    if (!store) throw new Refused(404, 'not_found', `There is no store ${storeId}.`, { what: storeId })
    const made = await createEnrolmentCode(db, { id: storeId }, now())
    await recordAudit(db, { at: now(), actor: actorOf(who), action: 'enrolment_code_made', subject: storeId, outcome: 'ok', detail: { expiresAt: made.expiresAt }, address: request.ip })
    return { storeId, ...made }
  })

  app.post('/api/bo/stores', async (request) => {
    const who = await account(request)
    requireHeadOffice(who)
    const store = parse(NewStoreSchema, request.body)
    if (!isValidTimeZone(store.timeZone)) throw new Refused(400, 'bad_time_zone', `${store.timeZone} is not a time zone (such as Asia/Ho_Chi_Minh).`, { zone: store.timeZone })
    const [exists] = await db.query('SELECT 1 FROM store WHERE store_id = $1', [store.storeId])
    if (exists) throw new Refused(409, 'bad_request', `Store ${store.storeId} exists already.`)
    const made = await createEnrolmentCode(db, { id: store.storeId, name: store.name, timeZone: store.timeZone }, now())
    await recordAudit(db, { at: now(), actor: actorOf(who), action: 'store_added', subject: store.storeId, outcome: 'ok', detail: { name: store.name, timeZone: store.timeZone }, address: request.ip })
    return { storeId: store.storeId, ...made }
  })

  app.get('/api/bo/stores', async (request) => ({ stores: await visibleStores(db, await account(request)) }))

  // ---- Day at a glance, operations, needs attention ----

  app.get('/api/bo/day', async (request) => {
    const who = await account(request)
    const q = parse(DayQuerySchema, request.query)
    return dayView(db, scopeOf(who, q.store), q.store ?? null, q.day)
  })

  app.get('/api/bo/operations', async (request) => {
    const who = await account(request)
    const q = parse(OperationsQuerySchema, request.query)
    const { operations, next } = await listOperations(db, scopeOf(who, q.store), q)
    return { operations, next }
  })

  app.get('/api/bo/operations/export', async (request, reply) => {
    const who = await account(request)
    const q = parse(OperationsQuerySchema.omit({ limit: true, after: true }), request.query)
    const scope = scopeOf(who, q.store)
    const lines = [
      csvLine(['created (UTC)', 'store', 'till', 'provider', 'kind', 'reference', 'provider id', 'status', 'provider status', 'amount', 'currency', 'staff', 'approved by', 'offline', 'what'])
    ]
    let after: string | undefined
    // Page by page, as the screen reads them, so an export of a year never holds it all at once in one query.
    for (;;) {
      const page = await listOperations(db, scope, { ...q, limit: 200, ...(after ? { after } : {}) })
      for (const r of page.rows) lines.push(operationLine(r))
      if (!page.next) break
      after = page.next
    }
    await recordAudit(db, {
      at: now(),
      actor: actorOf(who),
      action: 'operations_exported',
      subject: q.store ?? null,
      outcome: 'ok',
      detail: { filters: q, rows: lines.length - 1 },
      address: request.ip
    })
    return sendCsv(reply, 'operations.csv', lines)
  })

  app.get('/api/bo/operations/story', async (request) => {
    const who = await account(request)
    const key = parse(OperationKeySchema, request.query)
    const story = await operationStory(db, who.storeIds, key)
    if (!story) throw new Refused(404, 'not_found', 'There is no such operation in your stores.', { what: key.ref })
    return story
  })

  app.get('/api/bo/attention', async (request) => {
    const who = await account(request)
    const q = parse(z.object({ store: z.string().max(64).optional() }).strict(), request.query)
    return attention(db, scopeOf(who, q.store), q.store ?? null)
  })

  // ---- Reconciliation (head office) ----

  app.get('/api/bo/recon/mappings', async (request) => {
    requireHeadOffice(await account(request))
    return { mappings: Object.fromEntries(await Promise.all(reconciledProviders.map(async (p) => [p, await mappingOf(db, p)] as const))) }
  })

  app.put('/api/bo/recon/mappings/:provider', async (request) => {
    const who = await account(request)
    requireHeadOffice(who)
    const { provider } = parse(z.object({ provider: z.string().max(40) }), request.params)
    await saveMapping(db, provider, parse(StatementMappingSchema, request.body), who, now())
    return { ok: true }
  })

  app.post('/api/bo/recon/imports', { bodyLimit: 48_000_000 }, async (request) => {
    const who = await account(request)
    requireHeadOffice(who)
    return importStatement(db, parse(ImportStatementSchema, request.body), who, now())
  })

  app.get('/api/bo/recon/imports', async (request) => {
    requireHeadOffice(await account(request))
    return { imports: await statementImports(db) }
  })

  const importOf = async (request: FastifyRequest) => {
    requireHeadOffice(await account(request))
    const { importId } = parse(z.object({ importId: z.coerce.number().int().positive() }), request.params)
    const found = await statementImport(db, importId)
    if (!found) throw new Refused(404, 'not_found', 'There is no such statement import.', { what: String(importId) })
    return found
  }

  app.get('/api/bo/recon/imports/:importId', async (request) => {
    const found = await importOf(request)
    const q = parse(ReconItemsQuerySchema, request.query)
    return { import: found, ...(await reconItems(db, found.importId, q)) }
  })

  app.get('/api/bo/recon/imports/:importId/differences.csv', async (request, reply) => {
    const found = await importOf(request)
    const lines = [csvLine(['outcome', 'provider id', 'statement line', 'statement amount', 'till amount', 'difference', 'currency', 'store', 'till', 'kind', 'reference', 'created (UTC)'])]
    let after: number | undefined
    for (;;) {
      const page = await reconItems(db, found.importId, { limit: 500, differencesOnly: true, ...(after ? { after } : {}) })
      for (const i of page.items) {
        const currency = CurrencySchema.safeParse(i.currency)
        const money = (amount: number | null): string | null => (amount === null || !currency.success ? null : minorText(amount, currency.data))
        const difference = i.statementAmount !== null && i.ledgerAmount !== null ? money(i.statementAmount - i.ledgerAmount) : null
        lines.push(
          csvLine([
            csvField(i.outcome),
            csvField(i.providerRef),
            csvField(i.lineNo, false),
            csvField(money(i.statementAmount), false),
            csvField(money(i.ledgerAmount), false),
            csvField(difference, false),
            csvField(i.currency),
            csvField(i.storeId),
            csvField(i.tillId),
            csvField(i.kind),
            csvField(i.ref),
            csvField(i.createdAt)
          ])
        )
      }
      if (page.next === null) break
      after = page.next
    }
    return sendCsv(reply, `differences-${found.provider}-${found.from}-${found.to}.csv`, lines)
  })

  // ---- Accounts and the back office's audit log (head office) ----

  app.get('/api/bo/users', async (request) => ({ users: await listUsers(db, await account(request)) }))

  app.post('/api/bo/users', async (request) => createUser(db, parse(NewUserSchema, request.body), await account(request), now(), options.policy))

  app.post('/api/bo/users/:userId', async (request) => {
    const who = await account(request)
    const { userId } = parse(z.object({ userId: z.string().max(64) }), request.params)
    await changeUser(db, userId, parse(UserChangeSchema, request.body), who, now(), options.policy)
    return { ok: true }
  })

  app.get('/api/bo/audit', async (request) => {
    requireHeadOffice(await account(request))
    const q = parse(z.object({ before: z.coerce.number().int().positive().optional() }).strict(), request.query)
    return auditPage(db, q.before ?? null, 100)
  })
}

function operationLine(r: LedgerRow): string {
  const currency = CurrencySchema.safeParse(r.currency)
  return csvLine([
    csvField(new Date(r.created_at).toISOString()),
    csvField(r.store_id),
    csvField(r.till_id),
    csvField(r.provider),
    csvField(r.kind),
    csvField(r.ref),
    csvField(r.provider_ref),
    csvField(r.status),
    csvField(r.detail_status),
    csvField(r.amount_minor === null || !currency.success ? null : minorText(r.amount_minor, currency.data), false),
    csvField(r.currency),
    csvField(r.staff_name),
    csvField(r.approved_by),
    csvField(r.offline ? 'yes' : 'no'),
    csvField(r.summary)
  ])
}
