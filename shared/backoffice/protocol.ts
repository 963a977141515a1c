import { z } from 'zod'

/**
 * The wire between a till and its back office. A till pushes its outbox in batches; the pair
 * (till, sequence number) identifies an event for ever, so a batch sent again after a lost answer
 * is applied once. The till's identity comes from its key, never from a body.
 */

/** At most this many events, and about this many bytes, in one batch. */
export const BATCH_MAX_EVENTS = 500
export const BATCH_MAX_BYTES = 1_000_000

/** Times as the till writes them (UTC, ISO 8601): a malformed one is refused, not guessed at. */
const Iso = z.iso.datetime()
const Text = (max: number) => z.string().max(max)

/** One History ledger row as it is now (a newer version replaces an older one; the version is the event's sequence number). */
export const LedgerDataSchema = z.object({
  provider: Text(40),
  kind: Text(40),
  ref: Text(200),
  status: Text(20),
  detailStatus: Text(300),
  amountMinor: z.number().int().nullable(),
  currency: Text(3).nullable(),
  staffId: Text(64).nullable(),
  staffName: Text(200).nullable(),
  approvedBy: Text(200).nullable(),
  offline: z.boolean(),
  summary: Text(1000),
  /** The provider's own id (transaction, order, refund), once known; tills before it was sent leave it out. */
  providerRef: Text(200).nullable().optional(),
  createdAt: Iso,
  updatedAt: Iso
})
export type LedgerData = z.infer<typeof LedgerDataSchema>

/** What a ledger row is found by besides its ref (the last 4 of a card, an order or transaction id). */
export const TermDataSchema = z.object({ provider: Text(40), kind: Text(40), ref: Text(200), term: Text(200) })

/** One audit entry, exactly as the till chained it. */
export const AuditDataSchema = z.object({
  id: z.number().int().positive(),
  at: Iso,
  tillId: Text(64),
  actorId: Text(64).nullable(),
  actorName: Text(200).nullable(),
  action: Text(64),
  subject: Text(300).nullable(),
  outcome: Text(20),
  detail: Text(20_000),
  prevHash: Text(64),
  hash: Text(64)
})
export type AuditData = z.infer<typeof AuditDataSchema>

/** Where a journal row ended (or stopped for a manager); never its payload. */
export const JournalDataSchema = z.object({
  id: z.number().int().positive(),
  provider: Text(40),
  operation: Text(64),
  subject: Text(300).nullable(),
  state: Text(20),
  attempts: z.number().int().min(0),
  /** The request ids of its calls to the provider (what support is asked about); tills before they were sent leave them out. */
  requestIds: z.array(Text(100)).max(200).optional(),
  createdAt: Iso,
  updatedAt: Iso
})
export type JournalData = z.infer<typeof JournalDataSchema>

const seq = z.number().int().positive()
export const OutboxEventSchema = z.discriminatedUnion('kind', [
  z.object({ seq, kind: z.literal('ledger'), data: LedgerDataSchema }),
  z.object({ seq, kind: z.literal('term'), data: TermDataSchema }),
  z.object({ seq, kind: z.literal('audit'), data: AuditDataSchema }),
  z.object({ seq, kind: z.literal('journal'), data: JournalDataSchema })
])
export type OutboxEvent = z.infer<typeof OutboxEventSchema>

export const BatchSchema = z
  .object({
    /** The first sequence number this batch covers; rows before it were acknowledged. */
    fromSeq: seq,
    /** The last one it covers (numbers in between with no event were never written). */
    toSeq: seq,
    /** The till's clock when it sent the batch: the back office records the difference. */
    sentAt: z.iso.datetime(),
    /** What still waits on the till after this batch. */
    backlog: z.object({ count: z.number().int().min(0), oldestAt: z.iso.datetime().nullable() }),
    events: z.array(OutboxEventSchema).max(BATCH_MAX_EVENTS)
  })
  .refine((b) => b.toSeq >= b.fromSeq && b.events.every((e) => e.seq >= b.fromSeq && e.seq <= b.toSeq), { message: 'every event is within fromSeq..toSeq' })
export type Batch = z.infer<typeof BatchSchema>

/** What a till with nothing to send says now and then, so a quiet till is not taken for a stopped one. */
export const HeartbeatSchema = z.object({ sentAt: z.iso.datetime(), backlog: z.object({ count: z.number().int().min(0), oldestAt: z.iso.datetime().nullable() }) }).strict()
export type Heartbeat = z.infer<typeof HeartbeatSchema>

/** The answer to a batch: everything up to here is applied. */
export const BatchAnswerSchema = z.object({ appliedThrough: z.number().int().min(0) })
/** 409: a gap; the back office expects this sequence number next. */
export const GapAnswerSchema = z.object({ expected: z.number().int().min(1) })

export const EnrolRequestSchema = z.object({
  code: z.string().trim().min(4).max(40),
  tillId: Text(64).min(1),
  /** The first sequence number the till will send. */
  fromSeq: seq,
  /** The hash the till's next audit entry chains from. */
  auditHead: z.string().regex(/^[0-9a-f]{64}$/),
  name: Text(100).optional()
})
export type EnrolRequest = z.infer<typeof EnrolRequestSchema>

export const EnrolAnswerSchema = z.object({ tillKey: z.string().min(40).max(100), tillId: z.string(), storeId: z.string(), storeName: z.string() })
export type EnrolAnswer = z.infer<typeof EnrolAnswerSchema>

/** A refusal in words, for the till to show as it is. */
export const RefusalSchema = z.object({ error: z.string(), message: z.string() })
