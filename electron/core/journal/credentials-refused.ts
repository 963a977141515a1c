import type { AttemptResult } from './worker'

/** How a journal row stopped because the provider refused the till's credentials: its last error starts with this. */
export const CREDENTIALS_REFUSED = 'credentials refused'

/**
 * Whether a failed login was the provider saying no to the credentials (it answered 4xx), not a
 * login that got no answer (the network, a 5xx): only the first needs a manager.
 */
export function refusesCredentials(answer: { kind: string; status?: number | null }): boolean {
  return answer.kind === 'auth_failed' && typeof answer.status === 'number' && answer.status >= 400 && answer.status < 500 && answer.status !== 429
}

/**
 * The provider refused the till's credentials: sending again cannot help until a manager fixes
 * them, so the row stops and waits in the Queue for a manager instead of retrying forever. Saving
 * that provider's settings sends it again (`JournalStore.retryRefusedCredentials`).
 */
export function credentialsRefused(providerName: string, requestId: string | null, message: string, result?: unknown): AttemptResult {
  return {
    to: 'needs_review',
    requestId,
    note: `${CREDENTIALS_REFUSED}: ${providerName} refused the till’s credentials (${message}). A manager must check ${providerName} in Settings → Providers; it is sent again once they are saved.`,
    ...(result === undefined ? {} : { result })
  }
}
