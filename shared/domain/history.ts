import { z } from 'zod'
import { CurrencySchema, MoneySchema } from '../money'
import { ProviderCallSchema } from './receipts'
import { providerManifests, type ProviderManifests } from '../providers'

/** `reversed`: done once, then taken back by the provider (a Hubble order it reversed). */
export const HistoryStatusSchema = z.enum(['open', 'done', 'failed', 'review', 'reversed'])
export type HistoryStatus = z.infer<typeof HistoryStatusSchema>

/** Every kind of money operation History records: each provider's manifest names its own. */
export type HistoryKind = ProviderManifests[number]['historyKinds'][number]
export const HistoryKindSchema = z.enum(providerManifests.flatMap((m) => m.historyKinds) as [HistoryKind, ...HistoryKind[]])

const Day = z
  .string()
  .max(10)
  .regex(/^\d{4}-\d{2}-\d{2}$/, { message: 'A day is written YYYY-MM-DD' })

/** One money operation of any provider, as History lists it. */
export const HistoryEntrySchema = z.object({
  id: z.number().int(),
  provider: z.string(),
  kind: HistoryKindSchema,
  /** The provider-facing id: bill number, reference id, payment, refund request id, mandate. */
  ref: z.string(),
  status: HistoryStatusSchema,
  /** The provider module's own word for where it stands. */
  detailStatus: z.string(),
  amount: MoneySchema.nullable(),
  staffId: z.string().nullable(),
  staffName: z.string().nullable(),
  approvedBy: z.string().nullable(),
  approvedById: z.string().nullable(),
  offline: z.boolean(),
  tillId: z.string(),
  /** Codes and cards masked to their last 4; never a secret. */
  summary: z.string(),
  requestIds: z.array(z.string()),
  createdAt: z.string(),
  updatedAt: z.string()
})
export type HistoryEntry = z.infer<typeof HistoryEntrySchema>

export const HistoryQuerySchema = z
  .object({
    /** Store days (in the store's time zone), both included. */
    from: Day.optional(),
    to: Day.optional(),
    provider: z.string().max(40).optional(),
    status: HistoryStatusSchema.optional(),
    staffId: z.string().max(64).optional(),
    /** The last 4 of a code or card, a bill, order or reference id, or a request id. */
    search: z.string().trim().min(1).max(100).optional(),
    /** The `next` of the page before: newer pages first. */
    before: z
      .object({ createdAt: z.string().max(40), id: z.number().int() })
      .strict()
      .optional(),
    limit: z.number().int().min(1).max(200).default(50)
  })
  .strict()
export type HistoryQuery = z.infer<typeof HistoryQuerySchema>

export const HistoryPageSchema = z.object({
  entries: z.array(HistoryEntrySchema),
  next: z.object({ createdAt: z.string(), id: z.number().int() }).nullable(),
  /** A cashier sees only their own shift: the list was narrowed to it. */
  ownShiftOnly: z.boolean()
})

/** An operation's whole story: its journal rows with every move, every call about it, and what the audit log says. */
export const HistoryStorySchema = z.object({
  entry: HistoryEntrySchema,
  journal: z.array(
    z.object({
      id: z.number().int(),
      operation: z.string(),
      state: z.string(),
      attempts: z.number().int(),
      moves: z.array(z.object({ at: z.string(), from: z.string(), to: z.string(), note: z.string().nullable(), requestId: z.string().nullable() }))
    })
  ),
  calls: z.array(ProviderCallSchema),
  audit: z.array(z.object({ at: z.string(), action: z.string(), actorName: z.string().nullable(), outcome: z.string(), detail: z.string() }))
})

export const DayTotalsSchema = z.object({
  day: Day,
  timeZone: z.string(),
  /** Done operations per provider and currency. */
  totals: z.array(z.object({ provider: z.string(), kind: HistoryKindSchema, currency: CurrencySchema.nullable(), count: z.number().int(), amount: z.number().int() })),
  counts: z.record(HistoryStatusSchema, z.number().int()),
  offline: z.object({ accepted: z.number().int(), stillOpen: z.number().int() }),
  needsReview: z.number().int(),
  /** Operations per hour of the store's day (0–23), this day and the same weekday a week before. */
  hours: z.array(z.object({ hour: z.number().int().min(0).max(23), count: z.number().int(), lastWeek: z.number().int() })),
  lastWeekDay: Day
})
export type DayTotals = z.infer<typeof DayTotalsSchema>

export const ExportResultSchema = z.object({ file: z.string(), rows: z.number().int(), bytes: z.number().int() })
