import { z } from 'zod'
import { JournalItemSchema, JournalListInputSchema } from '../domain/journal'
import { defineFeature } from '../ipc/channel-table'
import { MoneySchema } from '../money'

export const ShiftSummarySchema = z.object({
  /** When the shift began (the last close), or null on a till that never closed one. */
  since: z.iso.datetime().nullable(),
  lines: z.array(z.object({ provider: z.string(), label: z.object({ en: z.string(), vi: z.string() }), count: z.number().int(), amount: MoneySchema })),
  unsettled: z.number().int()
})
export type ShiftSummary = z.infer<typeof ShiftSummarySchema>

/** The Queue: operations not settled with a provider yet, and closing a shift over them. */
export const journalFeature = defineFeature({
  channels: {
    'journal:list': {
      summary: 'Operations in the journal, oldest first; by default those not yet settled (pending, sending, unknown, needs review).',
      access: 'staff',
      input: JournalListInputSchema,
      output: z.array(JournalItemSchema)
    },
    'journal:retry': {
      summary: 'Tries a pending, unknown or needs-review operation again now (an unknown one is verified first, never sent blindly).',
      access: 'staff',
      input: z.object({ id: z.number().int().positive() }).strict(),
      output: JournalItemSchema
    },
    'journal:resolve': {
      summary: "A manager settles an operation the till could not settle itself, with a note for the audit log; the provider's own records (a bill, an order) follow.",
      access: 'manager',
      input: z.object({ id: z.number().int().positive(), outcome: z.enum(['succeeded', 'rejected']), note: z.string().trim().min(3).max(500) }).strict(),
      output: JournalItemSchema
    },
    'shift:summary': {
      summary: 'What this shift did so far (since the last shift was closed), per provider, and how many money operations are not settled yet.',
      access: 'staff',
      input: z.object({}).strict(),
      output: ShiftSummarySchema
    },
    'shift:close': {
      summary: 'Closes the shift and signs out. With money operations still unresolved, only a manager may close it, and only with acknowledge: true; the count goes to the audit log.',
      access: 'staff',
      input: z.object({ acknowledge: z.boolean().default(false) }).strict(),
      output: z.object({ unresolved: z.number().int() })
    }
  },
  events: {
    'journal:changed': { summary: 'An operation in the journal moved on (sent, settled, needs review).', payload: JournalItemSchema }
  }
})
