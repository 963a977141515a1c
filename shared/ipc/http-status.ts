import type { ErrorCode } from '../errors'

/** HTTP status the web host answers with for each error code; the envelope stays the truth. */
export const httpStatusOf: Record<ErrorCode, number> = {
  invalid_input: 400,
  unauthorized: 401,
  unauthenticated: 401,
  till_locked: 423,
  wrong_pin: 401,
  pin_retry_later: 429,
  account_locked: 423,
  account_disabled: 403,
  forbidden: 403,
  unknown_channel: 404,
  not_found: 404,
  conflict: 409,
  provider_rejected: 422,
  invalid_store_pin: 422,
  too_many_codes: 422,
  internal: 500,
  storage_failed: 500,
  provider_unreachable: 503,
  outcome_unknown: 504
}
