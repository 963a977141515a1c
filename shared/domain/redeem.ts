import { z } from 'zod'
import { MoneySchema } from '../money'
import { PinAttemptSchema, StaffIdSchema } from './staff'

export const SkuLineSchema = z.object({
  sku: z.string().trim().min(1).max(64),
  quantity: z.number().int().min(1).max(10_000),
  /** Unit price in VND. */
  price: z.number().int().min(0)
})
export type SkuLine = z.infer<typeof SkuLineSchema>

export const VoucherStateNameSchema = z.enum(['new', 'sent', 'opened', 'used', 'downloaded', 'expired', 'cancelled', 'split', 'reserved', 'inactive', 'unknown'])
export type VoucherStateName = z.infer<typeof VoucherStateNameSchema>

/** Why a voucher cannot be redeemed on this bill, in the till's words (not the provider's codes). */
export const VoucherProblemSchema = z.enum([
  'used',
  'expired',
  'cancelled',
  'inactive',
  'split',
  'reserved_other',
  'not_found',
  'invalid_format',
  'conditions_not_met',
  /** A conditional voucher checked without what its conditions need (the bill's items or total): say so before redeeming. */
  'needs_items',
  'not_for_this_store',
  'refused'
])
export type VoucherProblem = z.infer<typeof VoucherProblemSchema>

export const ProviderMessageSchema = z.object({ en: z.string(), vi: z.string(), code: z.string().nullable() })

export const CheckedVoucherSchema = z.object({
  code: z.string(),
  problem: VoucherProblemSchema.nullable(),
  state: VoucherStateNameSchema.nullable(),
  value: MoneySchema.nullable(),
  /** What this voucher takes off the bill: the redemption value when above 0, else the face value. */
  amountToApply: MoneySchema.nullable(),
  voucherType: z.string().nullable(),
  /** The last day it can be used (GMT+7 date) and the UTC instant it ends. */
  expiryDate: z.string().nullable(),
  expiresAt: z.iso.datetime().nullable(),
  conditions: z
    .object({
      redeemableSkus: z.array(z.string()),
      minimumBill: MoneySchema.nullable(),
      startDate: z.string().nullable(),
      excludedDates: z.array(z.string()),
      excludedWeekdays: z.array(z.string())
    })
    .nullable(),
  used: z.object({ at: z.iso.datetime().nullable(), storeName: z.object({ en: z.string(), vi: z.string() }).nullable(), billNumber: z.string().nullable() }).nullable(),
  /** Whether we could check this code at all (Got It reports only the first failing code). */
  checked: z.boolean(),
  providerMessage: ProviderMessageSchema.nullable()
})
export type CheckedVoucher = z.infer<typeof CheckedVoucherSchema>

export const BillInputSchema = z
  .object({
    /** The bill this belongs to; omitted on the first check of a new bill. */
    billNumber: z.string().min(1).max(40).optional(),
    codes: z.array(z.string().trim().min(1).max(32)).min(1).max(100),
    billTotal: z.number().int().min(0).optional(),
    skus: z.array(SkuLineSchema).max(200).optional()
  })
  .strict()
export type BillInput = z.infer<typeof BillInputSchema>

export const CheckResultSchema = z.object({
  billNumber: z.string(),
  vouchers: z.array(CheckedVoucherSchema),
  allRedeemable: z.boolean(),
  totalToApply: MoneySchema,
  requestId: z.string()
})
export type CheckResult = z.infer<typeof CheckResultSchema>

export const BillStatusSchema = z.enum(['open', 'redeeming', 'verifying', 'redeemed', 'rejected', 'needs_review', 'abandoned'])
export type BillStatus = z.infer<typeof BillStatusSchema>

export const RedemptionSchema = z.object({
  billNumber: z.string(),
  status: BillStatusSchema,
  flow: z.enum(['direct', 'reserve']),
  vouchers: z.array(z.object({ code: z.string(), amount: MoneySchema })),
  total: MoneySchema,
  /** Got It's id of the mark use; null while verifying, or when it was settled by a check. */
  transactionId: z.string().nullable(),
  problem: z.object({ reason: VoucherProblemSchema.or(z.enum(['invalid_store_pin', 'unresolved'])), code: z.string().nullable(), message: ProviderMessageSchema.nullable() }).nullable(),
  createdAt: z.iso.datetime(),
  settledAt: z.iso.datetime().nullable(),
  requestId: z.string().nullable()
})
export type Redemption = z.infer<typeof RedemptionSchema>

export const OfflineAcceptInputSchema = z
  .object({
    /** Each code with the value printed on the voucher (Got It cannot be asked), in VND. */
    vouchers: z
      .array(z.object({ code: z.string().trim().min(1).max(32), value: z.number().int().positive() }))
      .min(1)
      .max(20),
    managerId: StaffIdSchema,
    managerPin: PinAttemptSchema
  })
  .strict()

export const OfflineExposureSchema = z.object({
  /** Accepted offline and not yet settled with Got It. */
  count: z.number().int(),
  amount: MoneySchema,
  /** Accepted offline in this shift, settled or not (what the per-shift cap counts). */
  shiftTotal: MoneySchema
})
export type OfflineExposure = z.infer<typeof OfflineExposureSchema>
