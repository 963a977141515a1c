import { z } from 'zod'
import { CurrencySchema } from '../money'
import { HistoryKindSchema, HistoryStatusSchema } from '../domain/history'

/**
 * The contract between the back office's service and its web page: every answer is checked with
 * these schemas on the page, and every question on the service. Times are UTC ISO strings; the
 * page shows them in each store's own time zone.
 */

const Day = z.string().regex(/^\d{4}-\d{2}-\d{2}$/, { message: 'A day is written YYYY-MM-DD' })
const Id = z.string().trim().min(1).max(64)
const Iso = z.string().max(40)

/** Why the service refused, as a code the page has a sentence for in every language. */
export const BackofficeErrorCodes = [
  'signed_out',
  'wrong_password',
  'wait',
  'locked',
  'disabled',
  'forbidden',
  'not_found',
  'bad_request',
  'csrf',
  'https_required',
  'weak_password',
  'login_taken',
  'last_head_office',
  'no_stores',
  'statement_unreadable',
  'statement_empty',
  'statement_too_long',
  'statement_column',
  'statement_lines',
  'new_store',
  'bad_time_zone',
  'internal'
] as const
export const BackofficeErrorCodeSchema = z.enum(BackofficeErrorCodes)
export type BackofficeErrorCode = z.infer<typeof BackofficeErrorCodeSchema>

/** A refusal: its code, the service's own sentence (English, for logs and tools), the request id and any numbers the sentence needs. */
export const ScreenErrorSchema = z.object({
  error: z.string(),
  message: z.string(),
  requestId: z.string().optional(),
  params: z.record(z.string(), z.union([z.string(), z.number()])).optional()
})
export type ScreenError = z.infer<typeof ScreenErrorSchema>

/** The header every changing call carries: a page on another site cannot send it without the service's say-so (CORS), and the cookie is SameSite=Strict besides. */
export const CSRF_HEADER = 'x-till-backoffice'

export const RoleSchema = z.enum(['head_office', 'store_manager'])
export type Role = z.infer<typeof RoleSchema>

export const StoreSchema = z.object({ storeId: z.string(), name: z.string(), timeZone: z.string() })
export type Store = z.infer<typeof StoreSchema>

export const MeSchema = z.object({ userId: z.string(), login: z.string(), name: z.string(), role: RoleSchema, stores: z.array(StoreSchema) })
export type Me = z.infer<typeof MeSchema>

export const SignInSchema = z.object({ login: z.string().trim().min(1).max(100), password: z.string().min(1).max(200) }).strict()

// ---- Tills ----

export const TillViewSchema = z.object({
  tillId: z.string(),
  storeId: z.string(),
  name: z.string().nullable(),
  enrolledAt: Iso,
  revokedAt: Iso.nullable(),
  /** When the till last reached the back office (a batch or a heartbeat). */
  lastSeenAt: Iso.nullable(),
  lastBatchAt: Iso.nullable(),
  backlog: z.number().int().nullable(),
  backlogOldestAt: Iso.nullable(),
  skewMs: z.number().int().nullable(),
  /** No word from the till for longer than the service's threshold. */
  stopped: z.boolean(),
  /** Its clock is further off than the service's threshold. */
  skewed: z.boolean(),
  chain: z.union([
    z.object({ intact: z.literal(true) }),
    z.object({ intact: z.literal(false), auditId: z.number().int(), at: Iso, seq: z.number().int(), hashMatches: z.boolean(), action: z.string().nullable() })
  ]),
  /** The till took a new identity (its data folder was copied or restored elsewhere). */
  identityChanges: z.array(z.object({ at: Iso, detail: z.string() }))
})
export type TillView = z.infer<typeof TillViewSchema>

export const TillsAnswerSchema = z.object({ tills: z.array(TillViewSchema), stoppedAfterMinutes: z.number(), skewLimitSeconds: z.number() })

export const EnrolmentCodeAnswerSchema = z.object({ storeId: z.string(), code: z.string(), expiresAt: Iso })
export const NewStoreSchema = z
  .object({
    storeId: z
      .string()
      .trim()
      .regex(/^[A-Za-z0-9_-]{1,32}$/, { message: 'A store id is 1 to 32 letters, digits, - or _' }),
    name: z.string().trim().min(1).max(100),
    timeZone: z.string().min(1).max(64)
  })
  .strict()

// ---- Day at a glance ----

export const DayQuerySchema = z.object({ store: Id.optional(), day: Day }).strict()
export const DayViewSchema = z.object({
  day: Day,
  lastWeekDay: Day,
  /** One store, or null for every store the account may see (each in its own time zone). */
  storeId: z.string().nullable(),
  stores: z.number().int(),
  totals: z.array(z.object({ provider: z.string(), kind: HistoryKindSchema, currency: CurrencySchema.nullable(), count: z.number().int(), amount: z.number().int() })),
  counts: z.record(HistoryStatusSchema, z.number().int()),
  offline: z.object({ accepted: z.number().int(), stillOpen: z.number().int() }),
  needsReview: z.number().int(),
  hours: z.array(z.object({ hour: z.number().int().min(0).max(23), count: z.number().int(), lastWeek: z.number().int() })),
  tills: z.array(z.object({ storeId: z.string(), tillId: z.string(), count: z.number().int(), totals: z.array(z.object({ currency: CurrencySchema, amount: z.number().int() })) })),
  staff: z.array(z.object({ storeId: z.string(), staffName: z.string().nullable(), count: z.number().int(), totals: z.array(z.object({ currency: CurrencySchema, amount: z.number().int() })) }))
})
export type DayView = z.infer<typeof DayViewSchema>

// ---- Operations ----

export const OperationKeySchema = z.object({ tillId: Id, provider: z.string().min(1).max(40), kind: z.string().min(1).max(40), ref: z.string().min(1).max(200), createdAt: Iso }).strict()
export type OperationKey = z.infer<typeof OperationKeySchema>

export const OperationsQuerySchema = z
  .object({
    store: Id.optional(),
    till: Id.optional(),
    provider: z.string().max(40).optional(),
    status: HistoryStatusSchema.optional(),
    staff: z.string().trim().min(1).max(200).optional(),
    from: Day.optional(),
    to: Day.optional(),
    /** The last 4 of a code or card, a bill, order or reference id, a provider id or a request id. */
    search: z.string().trim().min(1).max(100).optional(),
    /** The `next` of the page before (its key): newer first. */
    after: z.string().max(600).optional(),
    limit: z.coerce.number().int().min(1).max(200).default(50)
  })
  .strict()
export type OperationsQuery = z.infer<typeof OperationsQuerySchema>

export const OperationSchema = z.object({
  tillId: z.string(),
  storeId: z.string(),
  provider: z.string(),
  kind: z.string(),
  ref: z.string(),
  status: HistoryStatusSchema.or(z.string()),
  detailStatus: z.string(),
  amountMinor: z.number().int().nullable(),
  currency: CurrencySchema.nullable(),
  staffName: z.string().nullable(),
  approvedBy: z.string().nullable(),
  offline: z.boolean(),
  summary: z.string(),
  providerRef: z.string().nullable(),
  createdAt: Iso,
  updatedAt: Iso
})
export type Operation = z.infer<typeof OperationSchema>

export const OperationsPageSchema = z.object({ operations: z.array(OperationSchema), next: z.string().nullable() })

export const StorySchema = z.object({
  operation: OperationSchema,
  versions: z.array(
    z.object({
      version: z.number().int(),
      status: z.string(),
      detailStatus: z.string(),
      amountMinor: z.number().int().nullable(),
      currency: z.string().nullable(),
      approvedBy: z.string().nullable(),
      offline: z.boolean(),
      providerRef: z.string().nullable(),
      updatedAt: Iso,
      receivedAt: Iso
    })
  ),
  journal: z.array(z.object({ journalId: z.number().int(), operation: z.string(), state: z.string(), attempts: z.number().int(), requestIds: z.array(z.string()), createdAt: Iso, updatedAt: Iso })),
  audit: z.array(z.object({ auditId: z.number().int(), at: Iso, actorName: z.string().nullable(), action: z.string(), outcome: z.string(), detail: z.string(), chainOk: z.boolean() }))
})
export type Story = z.infer<typeof StorySchema>

// ---- Needs attention ----

export const AttentionSchema = z.object({
  open: z.array(OperationSchema.extend({ storeName: z.string() })),
  /** Operations that needed a manager and no longer do: what the till's records say was done. */
  resolved: z.array(OperationSchema.extend({ storeName: z.string(), resolvedBy: z.string().nullable(), resolvedAt: Iso.nullable(), resolution: z.string().nullable(), note: z.string().nullable() }))
})
export type Attention = z.infer<typeof AttentionSchema>

// ---- Reconciliation ----

/** How a provider's statement is read: which column holds what. Statement formats differ by contract. */
export const StatementMappingSchema = z
  .object({
    delimiter: z.enum([',', ';', '\t']),
    /** The column with the provider's own id for the operation. */
    idColumn: z.string().trim().min(1).max(100),
    amountColumn: z.string().trim().min(1).max(100),
    /** `major`: 1000.50; `minor`: 100050. */
    amountUnit: z.enum(['major', 'minor']),
    /** A column with the currency, or none when every line is in `currency`. */
    currencyColumn: z.string().trim().max(100).nullable(),
    currency: CurrencySchema,
    /** A column with the line's time, to show beside it; none when the statement has none. */
    timeColumn: z.string().trim().max(100).nullable()
  })
  .strict()
export type StatementMapping = z.infer<typeof StatementMappingSchema>

export const ImportStatementSchema = z
  .object({
    provider: z.string().min(1).max(40),
    from: Day,
    to: Day,
    fileName: z.string().trim().min(1).max(200),
    /** The file as text; at most about 40 MB. */
    csv: z.string().min(1).max(40_000_000)
  })
  .strict()

export const ReconOutcomeSchema = z.enum(['matched', 'amount_differs', 'provider_only', 'till_only'])
export type ReconOutcome = z.infer<typeof ReconOutcomeSchema>

const Sum = z.object({ count: z.number().int(), amount: z.number().int() })
export const ReconTotalsSchema = z.object({
  currency: CurrencySchema,
  statement: Sum,
  tills: Sum,
  matched: Sum,
  amount_differs: Sum.extend({ difference: z.number().int() }),
  provider_only: Sum,
  till_only: Sum
})

export const StatementImportSchema = z.object({
  importId: z.number().int(),
  provider: z.string(),
  from: Day,
  to: Day,
  fileName: z.string(),
  lines: z.number().int(),
  importedAt: Iso,
  importedBy: z.string(),
  totals: z.array(ReconTotalsSchema)
})
export type StatementImport = z.infer<typeof StatementImportSchema>

export const ReconItemSchema = z.object({
  itemNo: z.number().int(),
  outcome: ReconOutcomeSchema,
  providerRef: z.string().nullable(),
  lineNo: z.number().int().nullable(),
  statementAmount: z.number().int().nullable(),
  ledgerAmount: z.number().int().nullable(),
  currency: z.string().nullable(),
  tillId: z.string().nullable(),
  storeId: z.string().nullable(),
  kind: z.string().nullable(),
  ref: z.string().nullable(),
  createdAt: Iso.nullable()
})
export type ReconItem = z.infer<typeof ReconItemSchema>

export const ReconItemsQuerySchema = z
  .object({ outcome: ReconOutcomeSchema.optional(), after: z.coerce.number().int().min(0).optional(), limit: z.coerce.number().int().min(1).max(500).default(100) })
  .strict()
export const ReconItemsPageSchema = z.object({ items: z.array(ReconItemSchema), next: z.number().int().nullable() })

// ---- Accounts ----

export const PASSWORD_MIN_LENGTH = 10
const Password = z
  .string()
  .min(PASSWORD_MIN_LENGTH, { message: `A password has at least ${PASSWORD_MIN_LENGTH} characters` })
  .max(200)

export const UserViewSchema = z.object({
  userId: z.string(),
  login: z.string(),
  name: z.string(),
  role: RoleSchema,
  stores: z.array(z.string()),
  locked: z.boolean(),
  disabled: z.boolean(),
  createdAt: Iso
})
export type UserView = z.infer<typeof UserViewSchema>

export const NewUserSchema = z
  .object({
    login: z
      .string()
      .trim()
      .regex(/^[A-Za-z0-9._@-]{2,100}$/, { message: 'A sign-in name is 2 to 100 letters, digits, . _ @ or -' }),
    name: z.string().trim().min(1).max(100),
    role: RoleSchema,
    password: Password,
    stores: z.array(Id).max(1000).default([])
  })
  .strict()
export type NewUser = z.infer<typeof NewUserSchema>

export const UserChangeSchema = z.discriminatedUnion('change', [
  z.object({ change: z.literal('disable') }).strict(),
  z.object({ change: z.literal('enable') }).strict(),
  z.object({ change: z.literal('unlock') }).strict(),
  z.object({ change: z.literal('password'), password: Password }).strict(),
  z.object({ change: z.literal('stores'), stores: z.array(Id).max(1000) }).strict()
])
export type UserChange = z.infer<typeof UserChangeSchema>

export const BackofficeAuditSchema = z.object({
  entries: z.array(
    z.object({
      id: z.number().int(),
      at: Iso,
      userName: z.string().nullable(),
      action: z.string(),
      subject: z.string().nullable(),
      outcome: z.string(),
      detail: z.record(z.string(), z.unknown()),
      address: z.string().nullable()
    })
  ),
  next: z.number().int().nullable()
})
