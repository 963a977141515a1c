import { z } from 'zod'
import { MoneySchema } from '../money'

export const BrandSchema = z.object({
  id: z.string(),
  title: z.string(),
  categories: z.array(z.string()),
  denominationType: z.enum(['FIXED', 'FLEXIBLE']),
  /** In paise; what Settings and the screen check before anything is sent. */
  rules: z.object({
    minOrder: MoneySchema.nullable(),
    maxOrder: MoneySchema.nullable(),
    minVoucher: MoneySchema.nullable(),
    maxVoucher: MoneySchema.nullable(),
    maxVouchersPerOrder: z.number().int().nullable(),
    maxVouchersPerDenomination: z.number().int().nullable(),
    maxDenominationsPerOrder: z.number().int().nullable(),
    denominations: z.array(MoneySchema).nullable()
  }),
  syncedAt: z.iso.datetime()
})
export type Brand = z.infer<typeof BrandSchema>

/** `reversed`: Hubble took a sold order's cards back after the sale (a manual reversal on its side). */
export const GiftOrderStatusSchema = z.enum(['placing', 'processing', 'succeeded', 'failed', 'verifying', 'needs_review', 'reversed'])
export type GiftOrderStatus = z.infer<typeof GiftOrderStatusSchema>

/** A gift card as lists and lookups show it: the number masked, never a digit of the PIN (a PIN-only card has no last 4). */
export const MaskedCardSchema = z.object({ id: z.string(), last4: z.string().nullable(), hasPin: z.boolean(), validTill: z.string().nullable(), amount: MoneySchema })

/** A gift card as the sale's result shows it once, whole, to hand to the customer. */
export const CardSchema = z.object({ id: z.string(), cardNumber: z.string().nullable(), cardPin: z.string().nullable(), validTill: z.string().nullable(), amount: MoneySchema })

export const GiftOrderSchema = z.object({
  referenceId: z.string(),
  orderId: z.string().nullable(),
  status: GiftOrderStatusSchema,
  brand: z.object({ id: z.string(), title: z.string() }),
  amount: MoneySchema,
  lines: z.array(z.object({ denomination: MoneySchema, quantity: z.number().int() })),
  customer: z.object({ name: z.string(), phone: z.string(), email: z.string() }),
  cards: z.array(MaskedCardSchema),
  /** Hubble's error id (E300…) or reason, when it failed. */
  failure: z.object({ code: z.string(), message: z.string() }).nullable(),
  /** Every request id of every call about this order, for support. */
  requestIds: z.array(z.string()),
  createdAt: z.iso.datetime(),
  settledAt: z.iso.datetime().nullable(),
  /** The till's own guess that Hubble later contradicted (it had failed the order on a timer): where the order was corrected from. */
  correctedFrom: GiftOrderStatusSchema.nullable()
})
export type GiftOrder = z.infer<typeof GiftOrderSchema>

export const GiftSaleSchema = z.object({ order: GiftOrderSchema, cards: z.array(CardSchema) })
export type GiftSale = z.infer<typeof GiftSaleSchema>

const Text = (max: number) => z.string().trim().min(1).max(max)

export const SellInputSchema = z
  .object({
    productId: Text(40),
    lines: z
      .array(z.object({ denomination: z.number().int().positive().max(100_000_000), quantity: z.number().int().min(1).max(100) }).strict())
      .min(1)
      .max(20),
    customer: z
      .object({
        name: Text(100),
        phone: z
          .string()
          .trim()
          .regex(/^\+?\d{10,13}$/, { message: 'A phone number is 10 to 13 digits' })
          .max(14),
        email: z.email().max(200)
      })
      .strict()
  })
  .strict()
export type SellInput = z.infer<typeof SellInputSchema>
export type Card = z.infer<typeof CardSchema>

/** An order as Hubble knows it, whichever till or system placed it; `local` when it is one of this till's. */
export const GiftOrderLookupSchema = z.object({
  orderId: z.string(),
  referenceId: z.string(),
  hubbleStatus: z.string(),
  cards: z.array(MaskedCardSchema),
  failureReason: z.string().nullable(),
  local: GiftOrderSchema.nullable(),
  requestId: z.string()
})
export type GiftOrderLookup = z.infer<typeof GiftOrderLookupSchema>
