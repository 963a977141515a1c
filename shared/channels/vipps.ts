import { z } from 'zod'
import { AttachmentSchema, CategoryInputSchema, ImageInputSchema, JobResultSchema, PaymentTypeSchema, ReceiptSchema, VippsOrderRefSchema, VippsOrderViewSchema } from '../domain/receipts'
import { defineFeature } from '../ipc/channel-table'

/** Vipps MobilePay Order Management at the till: a payment's receipt and category, and attaching the till's receipt. */
export const vippsFeature = defineFeature({
  /** Why a receipt was refused. */
  reasons: z.enum([
    'vipps_busy',
    'vipps_forbidden',
    'vipps_image',
    'vipps_invalid',
    'vipps_line_discount',
    'vipps_line_sum',
    'vipps_line_unit_price',
    'vipps_line_vat',
    'vipps_paid_mismatch',
    'vipps_receipt_exists',
    'vipps_refused',
    'vipps_unknown_order'
  ]),
  channels: {
    'receipts:lookup': {
      summary: 'What Vipps MobilePay holds for a payment (eCom or Recurring): its category with link and image, and its receipt, as the customer sees them in the app.',
      access: 'staff',
      input: VippsOrderRefSchema,
      output: VippsOrderViewSchema
    },
    'receipts:category': {
      summary: 'Sets or replaces the category of a payment (receipt, order confirmation, delivery, ticket, booking, general) with its link and optional image; journaled before the call.',
      access: 'staff',
      input: CategoryInputSchema,
      output: JobResultSchema
    },
    'receipts:image': {
      summary: 'Uploads an image (PNG or JPEG, at most 2 MB, at least 167 px high, checked first) under a new id the till makes, for categories to show; journaled before the call.',
      access: 'staff',
      input: ImageInputSchema,
      // 2 MB of image is about 2.7 MB as base64 (the schema allows 3,000,000 characters).
      maxInputBytes: 3 * 1024 * 1024 + 4096,
      output: JobResultSchema
    },
    'receipts:options': {
      summary: 'The store’s VAT rates (hundredths of a percent) and the template of the order details link, as set in Settings → Providers.',
      access: 'staff',
      input: z.object({}).strict(),
      output: z.object({ vatRates: z.array(z.number().int().min(0).max(10000)), orderLinkTemplate: z.string().nullable() })
    },
    'receipts:attach': {
      summary:
        'Attaches a receipt to a payment: checked (line arithmetic, limits), journaled before the call, sent once; a 409 whose stored receipt is ours counts as done; offline it waits and goes when Vipps is back.',
      access: 'staff',
      input: z.object({ paymentType: PaymentTypeSchema, orderId: VippsOrderRefSchema.shape.orderId, receipt: ReceiptSchema }).strict(),
      output: AttachmentSchema
    }
  },
  events: {
    'receipts:changed': { summary: 'A receipt this till attached moved on (attached after verifying, sent after being queued, refused, or sent to a manager).', payload: AttachmentSchema }
  }
})
