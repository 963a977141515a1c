import { z } from 'zod'

const Minor = z.number().int().min(0).max(1_000_000_000_00)
const Id = z
  .string()
  .regex(/^[0-9A-Za-z\-_.]+$/, { message: 'Letters, digits, - _ and . only' })
  .min(1)
  .max(128)

export const PaymentTypeSchema = z.enum(['ECOM', 'RECURRING'])

/** One line of a receipt as Order Management takes it: amounts in minor units, VAT as hundredths of a percent. */
export const ReceiptLineSchema = z
  .object({
    name: z.string().trim().min(1).max(200),
    id: z.string().trim().min(1).max(100),
    totalAmount: Minor,
    totalAmountExcludingTax: Minor,
    totalTaxAmount: Minor,
    taxRate: z.number().int().min(0).max(10000),
    unitInfo: z
      .object({
        unitPrice: Minor,
        quantity: z
          .string()
          .regex(/^\d+(\.\d{1,8})?$/)
          .max(10),
        quantityUnit: z.enum(['PCS', 'KG', 'KM', 'MINUTE', 'LITRE', 'KWH']).optional()
      })
      .strict()
      .optional(),
    discount: Minor.optional(),
    isReturn: z.boolean().optional(),
    isShipping: z.boolean().optional()
  })
  .strict()

export const ReceiptSchema = z
  .object({
    orderLines: z.array(ReceiptLineSchema).min(1).max(500),
    bottomLine: z
      .object({
        currency: z.enum(['NOK', 'DKK', 'EUR']),
        tipAmount: Minor.optional(),
        posId: z.string().trim().min(1).max(100).optional(),
        receiptNumber: z.string().trim().min(1).max(100).optional(),
        paymentSources: z.object({ giftCard: Minor.optional(), card: Minor.optional(), voucher: Minor.optional(), cash: Minor.optional() }).strict().optional(),
        barcode: z
          .object({ format: z.enum(['EAN-13', 'CODE 39', 'CODE 128']), data: z.string().min(1).max(100) })
          .strict()
          .optional()
      })
      .strict()
  })
  .strict()
export type Receipt = z.infer<typeof ReceiptSchema>

export const VippsOrderRefSchema = z.object({ paymentType: PaymentTypeSchema, orderId: Id }).strict()

export const AttachmentStatusSchema = z.enum(['sending', 'attached', 'refused', 'verifying', 'needs_review', 'queued'])

/** What Vipps MobilePay said when it refused something, as support needs it: its title, detail and trace id. */
export const VippsProblemSchema = z.object({ title: z.string(), detail: z.string(), trace: z.string().nullable(), status: z.number().int().nullable().optional() })
export type VippsProblem = z.infer<typeof VippsProblemSchema>

/** A receipt the till attached or is attaching to a payment. */
export const AttachmentSchema = z.object({
  paymentType: PaymentTypeSchema,
  orderId: z.string(),
  kind: z.enum(['receipt']),
  status: AttachmentStatusSchema,
  problem: VippsProblemSchema.nullable(),
  requestIds: z.array(z.string()),
  createdAt: z.iso.datetime()
})
export type Attachment = z.infer<typeof AttachmentSchema>

/** One call the till made about a payment, as support reads it: no portal needed. */
export const ProviderCallSchema = z.object({
  at: z.string(),
  operation: z.string(),
  status: z.number().int().nullable(),
  durationMs: z.number().int(),
  errorCode: z.string().nullable(),
  requestId: z.string()
})

/** What Vipps MobilePay holds for a payment, as a customer would see it in the app, and what this till did about it. */
export const VippsOrderViewSchema = z.object({
  paymentType: PaymentTypeSchema,
  orderId: z.string(),
  msn: z.string(),
  category: z.object({ category: z.string(), orderDetailsUrl: z.string(), imageId: z.string().nullable() }).nullable(),
  receipt: z.unknown().nullable(),
  requestId: z.string(),
  /** The receipt this till attached or is attaching, if any. */
  attachment: AttachmentSchema.nullable(),
  /** Every call this till made about the payment, newest first (the latest 50). */
  calls: z.array(ProviderCallSchema)
})
export type VippsOrderView = z.infer<typeof VippsOrderViewSchema>

export const CategoryInputSchema = z
  .object({
    paymentType: PaymentTypeSchema,
    orderId: Id,
    category: z.enum(['RECEIPT', 'ORDER_CONFIRMATION', 'DELIVERY', 'TICKET', 'BOOKING', 'GENERAL']),
    orderDetailsUrl: z.url({ protocol: /^https?$/ }).max(2048),
    imageId: Id.nullable().default(null)
  })
  .strict()

export const ImageInputSchema = z
  .object({
    /** PNG or JPEG, base64; at most 2 MB and at least 167 px high (checked before upload). */
    base64: z
      .string()
      .regex(/^[A-Za-z0-9+/]+={0,2}$/, { message: 'The image must be base64' })
      .max(3_000_000)
  })
  .strict()

/** Where one journaled attachment (category, image) stands after its first attempt. */
export const JobResultSchema = z.object({
  state: z.enum(['done', 'queued', 'verifying', 'refused', 'needs_review']),
  problem: VippsProblemSchema.nullable(),
  imageId: z.string().nullable()
})
export type JobResult = z.infer<typeof JobResultSchema>
