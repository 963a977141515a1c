import { z } from 'zod'
import { DayTotalsSchema, ExportResultSchema, HistoryPageSchema, HistoryQuerySchema, HistoryStorySchema } from '../domain/history'
import { defineFeature } from '../ipc/channel-table'

/** What the till did, for store managers (cashiers see their own shift): every provider's money operations in one place. */
export const historyFeature = defineFeature({
  channels: {
    'history:list': {
      summary:
        'Every money operation of every provider, newest first: status, amount and currency, staff, till, provider id and request ids. Filters by store day range, provider, status and staff; search by the last 4 of a code or card, a bill, order or reference id, or a request id. A cashier sees only their own shift.',
      access: 'staff',
      input: HistoryQuerySchema,
      output: HistoryPageSchema
    },
    'history:story': {
      summary: 'One operation’s whole story: its journal rows with every move, every call about it, and its audit entries (who asked, who approved).',
      access: 'staff',
      input: z.object({ id: z.number().int().positive() }).strict(),
      output: HistoryStorySchema
    },
    'history:day': {
      summary:
        'A store day at a glance: done totals per provider and currency, counts by status, offline acceptances and those still open, what needs review, and operations per hour beside the same weekday last week.',
      access: 'manager',
      input: z
        .object({
          day: z
            .string()
            .max(10)
            .regex(/^\d{4}-\d{2}-\d{2}$/)
            .optional()
        })
        .strict(),
      output: DayTotalsSchema
    },
    'history:export': {
      summary:
        'Writes what a History query finds to a CSV file in the data folder’s exports (RFC 4180, UTF-8 with a BOM, formula-looking text guarded, codes masked), streamed without stopping the till; the web host serves it at GET /exports/<file>.',
      access: 'manager',
      input: HistoryQuerySchema.omit({ before: true, limit: true }),
      output: ExportResultSchema
    }
  }
})
