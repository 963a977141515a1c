import { z } from 'zod'
import {
  CustomerIdSchema,
  JuspayOrderIdSchema,
  MandateIdSchema,
  MandateViewSchema,
  PaymentOrderSchema,
  RefundInputSchema,
  RevokeResultSchema,
  TillRefundSchema,
  UpdateOrderInputSchema
} from '../domain/payments'
import { defineFeature } from '../ipc/channel-table'
import { MoneySchema } from '../money'
import { NoInput } from './common'

/** Juspay payments at the till (India): a payment's true status, refunds, order updates and customers' mandates. */
export const juspayFeature = defineFeature({
  /** Why a payment, refund or mandate call was refused. */
  reasons: z.enum([
    'juspay_amount_exceeded',
    'juspay_duplicate',
    'juspay_invalid',
    'juspay_invalid_action',
    'juspay_invalid_amount',
    'juspay_mandate_not_active',
    'juspay_not_found',
    'juspay_not_refundable',
    'juspay_nothing_left',
    'juspay_over_refund',
    'juspay_refund_needs_manager',
    'juspay_refund_too_late',
    'juspay_refund_unsupported',
    'juspay_too_many_refunds',
    'juspay_unknown_mandate',
    'juspay_unknown_order',
    'juspay_update_after_payment'
  ]),
  channels: {
    'payments:order': {
      summary:
        'A Juspay order’s status as Juspay holds it now: status, amount, effective amount, what can still be refunded, method (UPI id or card brand and last four), transaction and gateway references, refunds with their states, and every call the till made about it.',
      access: 'staff',
      input: z.object({ orderId: JuspayOrderIdSchema }).strict(),
      output: PaymentOrderSchema
    },
    'payments:refund': {
      summary:
        'Refunds all or part of a charged order: checked against Juspay’s order first (never above what is refundable), a manager’s PIN above the cashier’s limit, journaled with a unique_request_id made once before the call; an unknown outcome is verified from the order’s refund list before anything is sent again. PENDING refunds are followed until SUCCESS, FAILURE or MANUAL_REVIEW.',
      access: 'staff',
      input: RefundInputSchema,
      output: TillRefundSchema
    },
    'payments:refunds': {
      summary: 'The refunds this till asked for, newest first (optionally of one order).',
      access: 'staff',
      input: z.object({ orderId: JuspayOrderIdSchema.optional(), limit: z.number().int().min(1).max(200).default(50) }).strict(),
      output: z.array(TillRefundSchema)
    },
    'payments:update': {
      summary: 'Changes the amount (and user-defined fields) of an order no one has started to pay; refused in words once a transaction started.',
      access: 'staff',
      input: UpdateOrderInputSchema,
      output: PaymentOrderSchema
    },
    'payments:mandates': {
      summary: 'A customer’s mandates (active, paused, revoked, expired, failed) with their limits, frequency and next debit.',
      access: 'staff',
      input: z.object({ customerId: CustomerIdSchema }).strict(),
      output: z.array(MandateViewSchema)
    },
    'payments:mandate': {
      summary: 'One mandate’s status, asked of Juspay now (a status check, which syncs with the payment gateway).',
      access: 'staff',
      input: z.object({ mandateId: MandateIdSchema, customerId: CustomerIdSchema }).strict(),
      output: MandateViewSchema
    },
    'payments:execution': {
      summary: 'The status of a mandate debit: the execution order read at the path set in Settings (the documented GET /orders/{order_id} by default).',
      access: 'staff',
      input: z.object({ orderId: JuspayOrderIdSchema }).strict(),
      output: PaymentOrderSchema
    },
    'payments:revoke': {
      summary: 'Revokes an active or paused mandate (managers): journaled, verified with a status check when the answer is lost, audited.',
      access: 'manager',
      input: z.object({ mandateId: MandateIdSchema, customerId: CustomerIdSchema }).strict(),
      output: RevokeResultSchema
    },
    'payments:options': {
      summary: 'What the Payments screen needs from Settings: the most a cashier may refund without a manager.',
      access: 'staff',
      input: NoInput,
      output: z.object({ cashierRefundLimit: MoneySchema })
    }
  },
  events: {
    'payments:changed': { summary: 'A refund this till asked for moved on (accepted, settled, failed, sent to manual review).', payload: TillRefundSchema }
  }
})
