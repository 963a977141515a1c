import { z } from 'zod'

export const NoInput = z.object({}).strict()
export const Done = z.object({ done: z.literal(true) })
/** Identifiers typed or scanned by people (bill numbers, order ids): bounded so an answer never echoes a megabyte. */
export const ReferenceSchema = z.string().trim().min(1).max(100)
