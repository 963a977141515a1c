import { randomUUID } from 'node:crypto'
import ky, { TimeoutError } from 'ky'
import type { ProviderId } from '../../../shared/domain/providers'
import type { ConnectivityRegistry } from '../connectivity'
import type { CallLog } from './call-log'

/**
 * What came of one HTTP attempt, in the terms the journal needs:
 * - `answered`: the provider answered with a body we could read (any status).
 * - `not_sent`: the request never reached the provider (connection refused, no route, DNS).
 * - `no_answer`: the request may have been processed but we did not get a usable answer
 *   (timeout, reset, a 5xx without a body we understand, a malformed or truncated body).
 */
export type CallOutcome =
  | { kind: 'answered'; status: number; body: unknown; requestId: string }
  | { kind: 'not_sent'; reason: string; requestId: string }
  | { kind: 'no_answer'; reason: 'timeout' | 'reset' | 'server_error' | 'malformed'; status: number | null; requestId: string }

export interface HttpDeps {
  provider: ProviderId
  log: CallLog
  connectivity: ConnectivityRegistry
}

export interface PostOptions {
  operation: string
  url: string
  body: unknown
  timeoutMs: number
  headers?: Record<string, string>
  /** Masked description of the request for the call log. */
  detail?: string
}

const NOT_SENT_CODES = new Set(['ECONNREFUSED', 'ENOTFOUND', 'EAI_AGAIN', 'EHOSTUNREACH', 'ENETUNREACH', 'UND_ERR_CONNECT_TIMEOUT'])

function causeCode(error: unknown): string | undefined {
  let current: unknown = error
  for (let depth = 0; depth < 5 && current && typeof current === 'object'; depth++) {
    const code = (current as { code?: unknown }).code
    if (typeof code === 'string') return code
    current = (current as { cause?: unknown }).cause
  }
  return undefined
}

/**
 * One POST with a JSON body, a new X-Request-Id, a timeout, no automatic retry (a retry of a
 * mark use is the journal's decision, never the HTTP layer's), a call-log row and a
 * connectivity report.
 */
export async function postJson(deps: HttpDeps, options: PostOptions): Promise<CallOutcome> {
  const requestId = randomUUID()
  const started = performance.now()
  const endpoint = new URL(options.url).pathname
  const finish = (outcome: CallOutcome, status: number | null, errorCode: string | null): CallOutcome => {
    deps.log.record({
      provider: deps.provider,
      operation: options.operation,
      endpoint,
      status,
      durationMs: performance.now() - started,
      errorCode,
      requestId,
      ...(options.detail === undefined ? {} : { detail: options.detail })
    })
    const reachable = outcome.kind === 'answered' || (outcome.kind === 'no_answer' && outcome.reason === 'malformed')
    deps.connectivity.report(deps.provider, reachable && !(status !== null && status >= 502 && status <= 504) ? 'online' : 'offline')
    return outcome
  }

  let response: Response
  try {
    response = await ky.post(options.url, {
      json: options.body,
      timeout: options.timeoutMs,
      retry: 0,
      throwHttpErrors: false,
      headers: { 'X-Request-Id': requestId, Accept: 'application/json', ...options.headers }
    })
  } catch (error) {
    if (error instanceof TimeoutError) return finish({ kind: 'no_answer', reason: 'timeout', status: null, requestId }, null, 'timeout')
    const code = causeCode(error) ?? 'network'
    if (NOT_SENT_CODES.has(code)) return finish({ kind: 'not_sent', reason: code, requestId }, null, code)
    return finish({ kind: 'no_answer', reason: 'reset', status: null, requestId }, null, code)
  }

  let text: string
  try {
    text = await response.text()
  } catch (error) {
    return finish({ kind: 'no_answer', reason: 'reset', status: response.status, requestId }, response.status, causeCode(error) ?? 'body_reset')
  }
  if (response.status === 429) return finish({ kind: 'answered', status: 429, body: undefined, requestId }, 429, 'http_429')
  let body: unknown
  try {
    body = text.trim() === '' ? undefined : JSON.parse(text)
  } catch {
    body = undefined
    if (response.status < 500) return finish({ kind: 'no_answer', reason: 'malformed', status: response.status, requestId }, response.status, 'malformed_body')
  }
  if (response.status >= 500) return finish({ kind: 'no_answer', reason: 'server_error', status: response.status, requestId }, response.status, `http_${response.status}`)
  return finish({ kind: 'answered', status: response.status, body, requestId }, response.status, response.status >= 400 ? `http_${response.status}` : null)
}
