import { z } from 'zod'
import type { ErrorReason } from './ipc/contract'

/**
 * The closed list of error codes that may cross a process boundary.
 * Adding a code is a contract change: the renderer must have a sentence for it in every language.
 */
export const errorCodes = [
  'invalid_input',
  'unknown_channel',
  'unauthorized',
  'unauthenticated',
  'till_locked',
  'forbidden',
  'wrong_pin',
  'pin_retry_later',
  'account_locked',
  'account_disabled',
  'not_found',
  'conflict',
  'provider_unreachable',
  'provider_rejected',
  'invalid_store_pin',
  'too_many_codes',
  'outcome_unknown',
  'storage_failed',
  'internal'
] as const

export const ErrorCodeSchema = z.enum(errorCodes)
export type ErrorCode = z.infer<typeof ErrorCodeSchema>

export const ErrorParamsSchema = z.record(z.string(), z.union([z.string(), z.number()]))
export type ErrorParams = z.infer<typeof ErrorParamsSchema>

export const TillErrorDataSchema = z.object({
  code: ErrorCodeSchema,
  message: z.string(),
  requestId: z.string().optional(),
  /** Values the sentence shown to people needs, such as seconds to wait. */
  params: ErrorParamsSchema.optional()
})
export type TillErrorData = z.infer<typeof TillErrorDataSchema>

/** What the core attaches to an error: `reason`, when given, is one the features declare (and so has words). */
export type ReasonedParams = { reason?: ErrorReason } & Record<string, string | number>

/** A failure the core expects and can describe; anything else is reported as `internal`. */
export class TillError extends Error {
  readonly code: ErrorCode
  readonly requestId: string | undefined
  readonly params: ErrorParams | undefined

  constructor(code: ErrorCode, message: string, options: { requestId?: string; params?: ReasonedParams; cause?: unknown } = {}) {
    super(message, options.cause === undefined ? undefined : { cause: options.cause })
    this.name = 'TillError'
    this.code = code
    this.requestId = options.requestId
    this.params = options.params
  }

  toData(): TillErrorData {
    return {
      code: this.code,
      message: this.message,
      ...(this.requestId === undefined ? {} : { requestId: this.requestId }),
      ...(this.params === undefined ? {} : { params: this.params })
    }
  }
}
