import { TillError } from '../../../../shared/errors'
import type { GotItAnswer } from './client'
import type { WireResponse } from './wire'

export function gmt7Today(now: Date): string {
  return new Date(now.getTime() + 7 * 3600 * 1000).toISOString().slice(0, 10)
}

/** An answer that is not a readable Got It response, as the error the cashier sees. */
export function unreachable(answer: Exclude<GotItAnswer, { kind: 'response' }>): TillError {
  const why =
    answer.kind === 'not_sent'
      ? `Got It could not be reached (${answer.reason}).`
      : answer.kind === 'no_answer'
        ? `Got It did not answer usably (${answer.reason}${answer.status ? ` ${answer.status}` : ''}).`
        : answer.kind === 'auth_failed'
          ? `Got It refused the till's credentials (${answer.message}).`
          : `Got It answered HTTP ${answer.status} without a readable body.`
  return new TillError('provider_unreachable', why, { requestId: answer.requestId })
}

/** A failure that is about the whole request rather than a voucher [ASSUMED codes: the list is not public]. */
export function requestFailure(response: WireResponse, requestId: string): TillError {
  const code = (response.return_code ?? '').toUpperCase()
  const said = `${response.message_en ?? ''} (${response.return_code ?? 'no code'})`
  if (code.includes('PIN')) return new TillError('invalid_store_pin', `Got It does not accept the store PIN: ${said}`, { requestId })
  if (code.includes('TOO_MANY') || code.includes('LIMIT')) return new TillError('too_many_codes', `Got It refused the number of codes: ${said}`, { requestId })
  return new TillError('provider_rejected', `Got It refused the request: ${said}`, { requestId })
}
