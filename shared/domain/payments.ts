import { z } from 'zod'

/** Every order status Juspay documents (docs/providers/juspay.md §6.1): each has a sentence in every language. */
export const juspayOrderStatuses = [
  'NEW',
  'CREATED',
  'STARTED',
  'PENDING_VBV',
  'VBV_SUCCESSFUL',
  'AUTHORIZING',
  'AUTHORIZED',
  'TO_BE_CHARGED',
  'CHARGED',
  'PARTIAL_CHARGED',
  'AUTHENTICATION_FAILED',
  'AUTHORIZATION_FAILED',
  'JUSPAY_DECLINED',
  'DECLINED',
  'ERROR',
  'COD_INITIATED',
  'AUTO_REFUNDED',
  'VOID_INITIATED',
  'VOIDED',
  'VOID_FAILED',
  'MERCHANT_VOIDED',
  'AUTO_VOIDED',
  'CAPTURE_INITIATED',
  'CAPTURE_FAILED',
  'NOT_FOUND'
] as const
import { MoneySchema } from '../money'
import { PinAttemptSchema, StaffIdSchema } from './staff'
import { ProviderCallSchema } from './receipts'

/** Juspay order ids: letters and digits (and `_ -`), under 21 at Juspay; looked up case-insensitively there. */
export const JuspayOrderIdSchema = z
  .string()
  .trim()
  .regex(/^[A-Za-z0-9_-]+$/, { message: 'An order id is letters, digits, _ and - only' })
  .min(1)
  .max(64)
export const CustomerIdSchema = z
  .string()
  .trim()
  .regex(/^[A-Za-z0-9_.@-]+$/, { message: 'A customer id is letters, digits and _ . @ - only' })
  .min(1)
  .max(128)
export const MandateIdSchema = z
  .string()
  .trim()
  .regex(/^[A-Za-z0-9_-]+$/)
  .min(1)
  .max(64)

/** Juspay's refund states, and ours before Juspay has answered. */
export const RefundStatusSchema = z.enum(['sending', 'queued', 'verifying', 'PENDING', 'SUCCESS', 'FAILURE', 'MANUAL_REVIEW', 'refused', 'needs_review'])
export type RefundStatus = z.infer<typeof RefundStatusSchema>

/** One refund of an order, as Juspay lists it; `ours` when this till asked for it. */
export const RefundViewSchema = z.object({
  uniqueRequestId: z.string(),
  juspayRefundId: z.string().nullable(),
  reference: z.string().nullable(),
  amount: MoneySchema,
  status: RefundStatusSchema,
  createdAt: z.string().nullable(),
  error: z.string().nullable(),
  ours: z.boolean()
})
export type RefundView = z.infer<typeof RefundViewSchema>

/** A Juspay payment order as the cashier reads it: amounts in paise, times in UTC. */
export const PaymentOrderSchema = z.object({
  orderId: z.string(),
  juspayId: z.string().nullable(),
  status: z.string(),
  statusId: z.number().int().nullable(),
  amount: MoneySchema,
  amountRefunded: MoneySchema,
  effectiveAmount: MoneySchema,
  /** What can still be refunded: the amount less what is refunded and what is on its way. */
  refundable: MoneySchema,
  fullyRefunded: z.boolean(),
  /** Why no refund can be made now, or null when one can. */
  refundBlocked: z.enum(['not_charged', 'nothing_left', 'not_supported', 'too_late']).nullable(),
  /** Whether the amount may still be changed (no transaction started). */
  updatable: z.boolean(),
  customerId: z.string().nullable(),
  method: z.object({ type: z.string().nullable(), name: z.string().nullable(), upiId: z.string().nullable(), cardBrand: z.string().nullable(), last4: z.string().nullable() }),
  txnId: z.string().nullable(),
  gatewayReference: z.string().nullable(),
  rrn: z.string().nullable(),
  bankError: z.object({ code: z.string(), message: z.string() }).nullable(),
  createdAt: z.string().nullable(),
  lastDateToRefund: z.string().nullable(),
  refunds: z.array(RefundViewSchema),
  mandate: z.object({ mandateId: z.string(), status: z.string() }).nullable(),
  requestId: z.string(),
  calls: z.array(ProviderCallSchema)
})
export type PaymentOrder = z.infer<typeof PaymentOrderSchema>

export const RefundInputSchema = z
  .object({
    orderId: JuspayOrderIdSchema,
    /** Paise; omitted: everything still refundable. */
    amount: z.number().int().positive().max(1_000_000_000_00).optional(),
    reason: z.string().trim().max(200).optional(),
    /** Above the cashier's limit a manager approves with their PIN. */
    approval: z.object({ managerId: StaffIdSchema, managerPin: PinAttemptSchema }).strict().optional()
  })
  .strict()

/** A refund this till asked for, where it stands. */
export const TillRefundSchema = z.object({
  uniqueRequestId: z.string(),
  orderId: z.string(),
  amount: MoneySchema,
  status: RefundStatusSchema,
  problem: z.object({ code: z.string(), message: z.string() }).nullable(),
  staffName: z.string(),
  approvedBy: z.string().nullable(),
  requestIds: z.array(z.string()),
  createdAt: z.string(),
  updatedAt: z.string()
})
export type TillRefund = z.infer<typeof TillRefundSchema>

const Udf = z.string().max(255).optional()

export const UpdateOrderInputSchema = z
  .object({
    orderId: JuspayOrderIdSchema,
    /** The new amount in paise. */
    amount: z.number().int().positive().max(1_000_000_000_00),
    /** User-defined fields Juspay lets an update change (udf1 … udf10). */
    udf: z.object({ udf1: Udf, udf2: Udf, udf3: Udf, udf4: Udf, udf5: Udf, udf6: Udf, udf7: Udf, udf8: Udf, udf9: Udf, udf10: Udf }).strict().optional()
  })
  .strict()

export const MandateStatusSchema = z.enum(['CREATED', 'ACTIVE', 'PAUSED', 'REVOKED', 'EXPIRED', 'FAILURE', 'UNKNOWN'])

export const MandateViewSchema = z.object({
  mandateId: z.string(),
  status: MandateStatusSchema,
  /** Juspay's own word when it is not one the till knows. */
  rawStatus: z.string(),
  type: z.string().nullable(),
  maxAmount: MoneySchema.nullable(),
  amountRule: z.string().nullable(),
  frequency: z.string().nullable(),
  startDate: z.string().nullable(),
  endDate: z.string().nullable(),
  /** The next debit the frequency allows after now (an estimate: Juspay does not say). */
  nextDebit: z.string().nullable(),
  paymentMethod: z.string().nullable(),
  revokableByCustomer: z.boolean().nullable(),
  /** Whether a manager may revoke it now (ACTIVE or PAUSED). */
  revocable: z.boolean()
})
export type MandateView = z.infer<typeof MandateViewSchema>

export const RevokeResultSchema = z.object({
  mandateId: z.string(),
  state: z.enum(['revoked', 'queued', 'verifying', 'refused', 'needs_review']),
  problem: z.object({ code: z.string(), message: z.string() }).nullable()
})
