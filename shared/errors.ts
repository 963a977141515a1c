import { z } from 'zod'

/**
 * The closed list of error codes that may cross a process boundary.
 * Adding a code is a contract change: the renderer must have a sentence for it in every language.
 */
export const errorCodes = [
  'invalid_input',
  'unknown_channel',
  'unauthorized',
  'forbidden',
  'not_found',
  'conflict',
  'provider_unreachable',
  'provider_rejected',
  'outcome_unknown',
  'storage_failed',
  'internal'
] as const

export const ErrorCodeSchema = z.enum(errorCodes)
export type ErrorCode = z.infer<typeof ErrorCodeSchema>

export const TillErrorDataSchema = z.object({
  code: ErrorCodeSchema,
  message: z.string(),
  requestId: z.string().optional()
})
export type TillErrorData = z.infer<typeof TillErrorDataSchema>

/** A failure the core expects and can describe; anything else is reported as `internal`. */
export class TillError extends Error {
  readonly code: ErrorCode
  readonly requestId: string | undefined

  constructor(code: ErrorCode, message: string, options: { requestId?: string; cause?: unknown } = {}) {
    super(message, options.cause === undefined ? undefined : { cause: options.cause })
    this.name = 'TillError'
    this.code = code
    this.requestId = options.requestId
  }

  toData(): TillErrorData {
    return this.requestId === undefined
      ? { code: this.code, message: this.message }
      : { code: this.code, message: this.message, requestId: this.requestId }
  }
}
