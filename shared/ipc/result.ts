import { z } from 'zod'
import { TillErrorDataSchema, type TillErrorData } from '../errors'

/** Every call across a process boundary answers with this envelope; exceptions never cross. */
export type Result<T> = { ok: true; value: T } | { ok: false; error: TillErrorData }

export function resultSchema<T extends z.ZodType>(value: T) {
  return z.discriminatedUnion('ok', [z.object({ ok: z.literal(true), value }), z.object({ ok: z.literal(false), error: TillErrorDataSchema })])
}

export function ok<T>(value: T): Result<T> {
  return { ok: true, value }
}

export function fail(error: TillErrorData): Result<never> {
  return { ok: false, error }
}
