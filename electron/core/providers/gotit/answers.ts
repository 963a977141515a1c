import { TillError } from '../../../../shared/errors'
import type { Refusal } from './classify'
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
  const reason = answer.kind === 'auth_failed' ? 'credentials_refused' : 'unreachable'
  return new TillError('provider_unreachable', why, { requestId: answer.requestId, params: { reason, provider: 'Got It' } })
}

/** Refusals about the whole request rather than one voucher. */
export function isRequestRefusal(refusal: Refusal): refusal is 'invalid_store_pin' | 'too_many_codes' | 'bad_request' {
  return refusal === 'invalid_store_pin' || refusal === 'too_many_codes' || refusal === 'bad_request'
}

/** A refusal of the whole request, as the error the cashier sees. */
export function requestFailure(refusal: Refusal, response: WireResponse, requestId: string): TillError {
  const said = `${response.message_en ?? ''} (${response.return_code ?? 'no code'})`
  if (refusal === 'invalid_store_pin') return new TillError('invalid_store_pin', `Got It does not accept the store PIN: ${said}`, { requestId })
  if (refusal === 'too_many_codes') return new TillError('too_many_codes', `Got It refused the number of codes: ${said}`, { requestId })
  return new TillError('provider_rejected', `Got It refused the request: ${said}`, { requestId })
}
