import { z } from 'zod'
import { MoneySchema } from '../money'

/**
 * Why an item waits, as the Queue says it in words: the provider has not answered yet, is being
 * asked what happened, refused the till's credentials, or a manager must decide.
 */
export const QueueReasonSchema = z.enum(['waiting', 'provider_unreachable', 'sending', 'verifying', 'unresolved', 'credentials_refused', 'needs_manager', 'settled'])
export type QueueReason = z.infer<typeof QueueReasonSchema>

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
  reason: QueueReasonSchema,
  /** The money it is about, from History (null when History has no amount for it). */
  amount: MoneySchema.nullable(),
  /** Only a manager can move it on (a cashier is not offered Retry). */
  needsManager: z.boolean(),
  /** The request id of the latest attempt, for support. */
  requestId: z.string().nullable(),
  createdAt: z.iso.datetime(),
  updatedAt: z.iso.datetime()
})
export type JournalItem = z.infer<typeof JournalItemSchema>

export const JournalListInputSchema = z
  .object({ states: z.array(JournalStateSchema).min(1).max(6).default(['pending', 'sending', 'unknown', 'needs_review']), limit: z.number().int().min(1).max(1000).default(200) })
  .strict()
