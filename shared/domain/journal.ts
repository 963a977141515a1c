import { z } from 'zod'

export const JournalStateSchema = z.enum(['pending', 'sending', 'succeeded', 'rejected', 'unknown', 'needs_review'])

export const JournalItemSchema = z.object({
  id: z.number().int(),
  key: z.string(),
  provider: z.string(),
  operation: z.string(),
  /** What the operation is, in each language, as its provider module names it. */
  label: z.object({ en: z.string(), vi: z.string() }),
  /** What it is about, such as the bill number. */
  subject: z.string().nullable(),
  state: JournalStateSchema,
  attempts: z.number().int(),
  nextAttemptAt: z.iso.datetime(),
  lastError: z.string().nullable(),
  /** The request id of the latest attempt, for support. */
  requestId: z.string().nullable(),
  createdAt: z.iso.datetime(),
  updatedAt: z.iso.datetime()
})
export type JournalItem = z.infer<typeof JournalItemSchema>

export const JournalListInputSchema = z
  .object({ states: z.array(JournalStateSchema).min(1).max(6).default(['pending', 'sending', 'unknown', 'needs_review']), limit: z.number().int().min(1).max(1000).default(200) })
  .strict()
