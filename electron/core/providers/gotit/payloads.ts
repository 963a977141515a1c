import { z } from 'zod'
import { SkuLineSchema } from '../../../../shared/domain/redeem'
import { WireResponseSchema } from './wire'

export const MARK_USE = 'gotit.markUse'
export const RESERVE = 'gotit.reserve'
export const UNRESERVE = 'gotit.unreserve'

/** What a mark use row carries: everything needed to send it again with the same bill number. */
export const MarkUsePayloadSchema = z.object({
  billNumber: z.string(),
  codes: z.array(z.string()).min(1),
  totalBill: z.number().int().optional(),
  skus: z.array(SkuLineSchema).optional(),
  /** Online redemption: if the request never left, nothing is queued (the cashier takes another payment). */
  queueWhenOffline: z.boolean(),
  flow: z.enum(['direct', 'reserve']).default('direct')
})
export type MarkUsePayload = z.infer<typeof MarkUsePayloadSchema>

export const ReservationPayloadSchema = z.object({
  billNumber: z.string(),
  codes: z.array(z.string()).min(1),
  billCreatedAt: z.string(),
  totalBill: z.number().int().optional(),
  skus: z.array(SkuLineSchema).optional()
})
export type ReservationPayload = z.infer<typeof ReservationPayloadSchema>

/** The result stored on a settled mark use. */
export const MarkUseResultSchema = z.object({
  transactionId: z.string().nullable().optional(),
  usedAt: z.string().nullable().optional(),
  verifiedBy: z.string().optional(),
  /** Why it was refused: a voucher problem, `invalid_store_pin`, `provider_unreachable` (nothing left the till) or `unresolved`. */
  reason: z.string().optional(),
  response: WireResponseSchema.optional(),
  resolvedBy: z.string().optional(),
  note: z.string().optional()
})
export type MarkUseResult = z.infer<typeof MarkUseResultSchema>
