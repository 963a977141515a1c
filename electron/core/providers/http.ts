import { randomUUID } from 'node:crypto'
import type { IncomingHttpHeaders } from 'node:http'
import type { ProviderId } from '../../../shared/domain/providers'
import type { ConnectivityRegistry } from '../connectivity'
import { LoginFailed, type AuthStrategy } from './auth'
import type { CallLog } from './call-log'
import { sendOnWire, type KeepAliveAgents, type WireRequest } from './transport'

/**
 * What came of one request, in the terms the journal needs:
 * - `answered`: the provider answered with a body we could read (any status below 500), or
 *   refused the request with a 4xx whose body is not JSON (the body is then undefined).
 * - `not_sent`: the request never reached the provider (connection refused, no route, DNS).
 * - `no_answer`: the request may have been processed but we did not get a usable answer
 *   (timeout, reset, a 5xx, a malformed or truncated body).
 * - `auth_failed`: the provider would not give us a token; the request itself never left.
 */
export type CallOutcome =
  | { kind: 'answered'; status: number; body: unknown; headers: IncomingHttpHeaders; requestId: string }
  | { kind: 'not_sent'; reason: string; requestId: string }
  | { kind: 'no_answer'; reason: 'timeout' | 'reset' | 'server_error' | 'malformed'; status: number | null; body?: unknown; requestId: string }
  | { kind: 'auth_failed'; status: number | null; body: unknown; reached: boolean; message: string; requestId: string }

export interface ProviderRequest {
  /** A name for the call log, such as `usemultiple` or `getOrder`. */
  operation: string
  method: 'GET' | 'POST' | 'PUT'
  /** Appended to the base URL. */
  path: string
  query?: Record<string, string | undefined>
  /** A JSON body; the auth strategy's body fields are merged into it. */
  json?: Record<string, unknown>
  /** A form-encoded body; the auth strategy's body fields are merged into it. */
  form?: Record<string, string | number | boolean | undefined>
  /** Any other body, sent as it is. */
  raw?: { body: Buffer; contentType: string }
  headers?: Record<string, string>
  /** Masked description for the call log: no secret, codes masked. */
  detail?: string
  /** What the call is about, for listing every call about one thing (see CallLog.about). */
  subject?: string
  timeoutMs?: number
  /**
   * Whether sending it twice does no harm (a lookup, a check). Such a request rides pooled
   * keep-alive sockets and is sent once more on a fresh connection when a pooled socket turns out
   * dead; one that is not (GET aside, the default) always gets a connection of its own.
   */
  idempotent?: boolean
  /** False for the login call itself. */
  authenticated?: boolean
}

export interface ProviderHttpConfig {
  provider: ProviderId
  baseUrl: string
  /** `X-Request-Id` for most; Hubble wants `X-REQUEST-ID`. */
  requestIdHeader: string
  timeoutMs: number
  auth?: AuthStrategy
  /** Sent on every request (Vipps's system headers, Juspay's merchant id). */
  headers?: Record<string, string>
}

export interface HttpDeps {
  log: CallLog
  connectivity: ConnectivityRegistry
  agents: KeepAliveAgents
}

function parseJson(text: string): { ok: true; value: unknown } | { ok: false } {
  if (text.trim() === '') return { ok: true, value: undefined }
  try {
    return { ok: true, value: JSON.parse(text) as unknown }
  } catch {
    return { ok: false }
  }
}

function encodeForm(fields: Record<string, string | number | boolean | undefined>): string {
  const params = new URLSearchParams()
  for (const [key, value] of Object.entries(fields)) if (value !== undefined) params.append(key, String(value))
  return params.toString()
}

/**
 * A provider's HTTP: its base URL and headers, a new request id on every attempt, an auth
 * strategy (one re-login and one retry on 401, never a loop), a call-log row and a connectivity
 * report for every attempt. No other retries: a retry of a money operation is the journal's call.
 */
export class ProviderHttp {
  constructor(
    readonly config: ProviderHttpConfig,
    private readonly deps: HttpDeps
  ) {}

  async request(request: ProviderRequest): Promise<CallOutcome> {
    const auth = request.authenticated === false ? undefined : this.config.auth
    const first = await this.withCredentials(request, auth)
    if (first.kind !== 'answered' || first.status !== 401 || !auth?.renew) return first
    try {
      await auth.renew()
    } catch (error) {
      if (error instanceof LoginFailed) return this.loginFailure(error)
      throw error
    }
    return this.withCredentials(request, auth)
  }

  private async withCredentials(request: ProviderRequest, auth: AuthStrategy | undefined): Promise<CallOutcome> {
    let credentials
    try {
      credentials = auth ? await auth.credentials() : {}
    } catch (error) {
      if (error instanceof LoginFailed) return this.loginFailure(error)
      throw error
    }
    const headers: Record<string, string> = { Accept: 'application/json', ...this.config.headers, ...credentials.headers, ...request.headers }
    let body: Buffer | undefined
    if (request.json !== undefined) {
      body = Buffer.from(JSON.stringify({ ...request.json, ...credentials.bodyFields }))
      headers['Content-Type'] = 'application/json'
    } else if (request.form !== undefined) {
      body = Buffer.from(encodeForm({ ...request.form, ...credentials.bodyFields }))
      headers['Content-Type'] = 'application/x-www-form-urlencoded'
    } else if (request.raw) {
      body = request.raw.body
      headers['Content-Type'] = request.raw.contentType
    }
    const url = new URL(`${this.config.baseUrl.replace(/\/+$/, '')}${request.path}`)
    for (const [key, value] of Object.entries(request.query ?? {})) if (value !== undefined) url.searchParams.set(key, value)
    const idempotent = request.idempotent ?? request.method === 'GET'
    const wire: WireRequest = { method: request.method, url, headers, ...(body ? { body } : {}), timeoutMs: request.timeoutMs ?? this.config.timeoutMs, reuse: idempotent }
    const first = await this.attempt(request, wire)
    if (!first.staleSocket) return first.outcome
    return (await this.attempt(request, { ...wire, headers: { ...headers }, reuse: false })).outcome
  }

  private loginFailure(error: LoginFailed): CallOutcome {
    return { kind: 'auth_failed', status: error.status, body: error.body, reached: error.reached, message: error.message, requestId: error.requestId }
  }

  private async attempt(request: ProviderRequest, wire: WireRequest): Promise<{ outcome: CallOutcome; staleSocket: boolean }> {
    const requestId = randomUUID()
    wire.headers[this.config.requestIdHeader] = requestId
    const started = performance.now()
    const result = await sendOnWire(this.deps.agents, wire)
    let outcome: CallOutcome
    if (result.kind === 'failed') {
      outcome = !result.sent
        ? { kind: 'not_sent', reason: result.code, requestId }
        : { kind: 'no_answer', reason: result.reason === 'timeout' ? 'timeout' : result.reason === 'too_large' ? 'malformed' : 'reset', status: null, requestId }
    } else {
      const parsed = parseJson(result.text)
      const body = parsed.ok ? parsed.value : undefined
      if (result.status >= 500) outcome = { kind: 'no_answer', reason: 'server_error', status: result.status, body, requestId }
      // A 4xx is a refusal whatever its body says (gateways answer 429 in plain text): the request was not processed.
      else if (!parsed.ok && result.status < 400) outcome = { kind: 'no_answer', reason: 'malformed', status: result.status, requestId }
      else outcome = { kind: 'answered', status: result.status, body, headers: result.headers, requestId }
    }
    const status = result.kind === 'response' ? result.status : null
    this.deps.log.record({
      provider: this.config.provider,
      operation: request.operation,
      endpoint: wire.url.pathname,
      status,
      durationMs: performance.now() - started,
      errorCode:
        result.kind === 'failed' ? result.code : outcome.kind === 'no_answer' && outcome.reason === 'malformed' ? 'malformed_body' : status !== null && status >= 400 ? `http_${status}` : null,
      requestId,
      ...(request.detail === undefined ? {} : { detail: request.detail }),
      ...(request.subject === undefined ? {} : { subject: request.subject })
    })
    const reachable = result.kind === 'response' && !(result.status >= 502 && result.status <= 504)
    const staleSocket = result.kind === 'failed' && result.staleSocket
    // A dead pooled socket says nothing about the provider: the fresh attempt will.
    if (!staleSocket) this.deps.connectivity.report(this.config.provider, reachable ? 'online' : 'offline')
    return { outcome, staleSocket }
  }
}
