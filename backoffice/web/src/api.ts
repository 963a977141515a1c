import ky from 'ky'
import { z } from 'zod'
import {
  AttentionSchema,
  BackofficeAuditSchema,
  BackofficeErrorCodeSchema,
  CSRF_HEADER,
  DayViewSchema,
  EnrolmentCodeAnswerSchema,
  MeSchema,
  OperationsPageSchema,
  ReconItemsPageSchema,
  ScreenErrorSchema,
  StatementImportSchema,
  StatementMappingSchema,
  StorySchema,
  TillsAnswerSchema,
  UserViewSchema,
  type BackofficeErrorCode,
  type NewUser,
  type OperationKey,
  type OperationsQuery,
  type ReconOutcome,
  type StatementMapping,
  type UserChange
} from '../../../shared/backoffice/screens'

/** A refusal or failure, with the code the page has words for, the request id to quote, and the numbers its sentence needs. */
export class CallError extends Error {
  constructor(
    readonly code: BackofficeErrorCode,
    message: string,
    readonly requestId: string | null,
    readonly params: Record<string, string | number> = {}
  ) {
    super(message)
  }
}

// Every changing call carries the header the service asks for; cookies go only to this same origin.
const http = ky.create({ prefixUrl: '/api/bo/', headers: { [CSRF_HEADER]: '1' }, credentials: 'same-origin', throwHttpErrors: false, retry: 0, timeout: 120_000 })

/** Called whenever the service says the session ended, so the page can show the sign-in. */
let onSignedOut: () => void = () => undefined
export function whenSignedOut(handler: () => void): void {
  onSignedOut = handler
}

async function call<T extends z.ZodType>(
  schema: T,
  method: 'get' | 'post' | 'put' | 'delete',
  path: string,
  options: { json?: unknown; searchParams?: Record<string, string | number | undefined> } = {}
): Promise<z.infer<T>> {
  const searchParams = Object.fromEntries(Object.entries(options.searchParams ?? {}).filter((entry): entry is [string, string | number] => entry[1] !== undefined && entry[1] !== ''))
  let response: Response
  try {
    response = await http(path, { method, ...(options.json === undefined ? {} : { json: options.json }), searchParams })
  } catch (error) {
    throw new CallError('internal', error instanceof Error ? error.message : String(error), null, { problem: 'network' })
  }
  const body: unknown = await response.json().catch(() => null)
  if (!response.ok) {
    const refusal = ScreenErrorSchema.safeParse(body)
    const code = BackofficeErrorCodeSchema.safeParse(refusal.data?.error)
    const error = new CallError(
      code.success ? code.data : 'internal',
      refusal.data?.message ?? `HTTP ${response.status}`,
      refusal.data?.requestId ?? response.headers.get('x-request-id'),
      refusal.data?.params ?? {}
    )
    if (error.code === 'signed_out') onSignedOut()
    throw error
  }
  const parsed = schema.safeParse(body)
  if (!parsed.success) throw new CallError('internal', `The back office answered with something this page cannot read: ${z.prettifyError(parsed.error)}`, response.headers.get('x-request-id'))
  return parsed.data
}

const Ok = z.object({ ok: z.literal(true) })

export const api = {
  signIn: (login: string, password: string) => call(MeSchema, 'post', 'session', { json: { login, password } }),
  signOut: () => call(Ok, 'delete', 'session'),
  me: () => call(MeSchema, 'get', 'me'),
  tills: (store?: string) => call(TillsAnswerSchema, 'get', 'tills', { searchParams: { store } }),
  revoke: (tillId: string) => call(z.object({ revoked: z.boolean() }), 'post', `tills/${encodeURIComponent(tillId)}/revoke`),
  enrolmentCode: (storeId: string) => call(EnrolmentCodeAnswerSchema, 'post', `stores/${encodeURIComponent(storeId)}/enrolment-codes`),
  addStore: (store: { storeId: string; name: string; timeZone: string }) => call(EnrolmentCodeAnswerSchema, 'post', 'stores', { json: store }),
  day: (day: string, store?: string) => call(DayViewSchema, 'get', 'day', { searchParams: { day, store } }),
  operations: (query: Partial<OperationsQuery>) => call(OperationsPageSchema, 'get', 'operations', { searchParams: { ...query } }),
  story: (key: OperationKey) => call(StorySchema, 'get', 'operations/story', { searchParams: { ...key } }),
  attention: (store?: string) => call(AttentionSchema, 'get', 'attention', { searchParams: { store } }),
  mappings: () => call(z.object({ mappings: z.record(z.string(), StatementMappingSchema) }), 'get', 'recon/mappings'),
  saveMapping: (provider: string, mapping: StatementMapping) => call(Ok, 'put', `recon/mappings/${encodeURIComponent(provider)}`, { json: mapping }),
  importStatement: (request: { provider: string; from: string; to: string; fileName: string; csv: string }) => call(StatementImportSchema, 'post', 'recon/imports', { json: request }),
  imports: () => call(z.object({ imports: z.array(StatementImportSchema) }), 'get', 'recon/imports'),
  reconItems: (importId: number, query: { outcome?: ReconOutcome; after?: number }) =>
    call(ReconItemsPageSchema.extend({ import: StatementImportSchema }), 'get', `recon/imports/${importId}`, { searchParams: { ...query } }),
  users: () => call(z.object({ users: z.array(UserViewSchema) }), 'get', 'users'),
  addUser: (user: NewUser) => call(UserViewSchema, 'post', 'users', { json: user }),
  changeUser: (userId: string, change: UserChange) => call(Ok, 'post', `users/${encodeURIComponent(userId)}`, { json: change }),
  audit: (before?: number) => call(BackofficeAuditSchema, 'get', 'audit', { searchParams: { before } })
}

/** Where a CSV export of a list is downloaded from (the browser sends the session cookie with it). */
export function exportUrl(path: string, query: Record<string, string | number | undefined>): string {
  const params = new URLSearchParams(
    Object.entries(query)
      .filter((entry): entry is [string, string | number] => entry[1] !== undefined && entry[1] !== '')
      .map(([k, v]) => [k, String(v)])
  )
  return `/api/bo/${path}${params.size > 0 ? `?${params.toString()}` : ''}`
}
