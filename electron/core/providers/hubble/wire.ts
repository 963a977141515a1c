import { z } from 'zod'

/** Amounts come as numbers or strings (older examples), rupees with up to two decimals. */
export const WireAmountSchema = z.union([z.number(), z.string()])

export const LoginAnswerSchema = z.object({ token: z.string().min(1), expiresInSecs: z.union([z.number(), z.string()]) }).loose()

export const WireAmountRestrictionsSchema = z
  .object({
    minOrderAmount: WireAmountSchema.nullish(),
    maxOrderAmount: WireAmountSchema.nullish(),
    minVoucherAmount: WireAmountSchema.nullish(),
    maxVoucherAmount: WireAmountSchema.nullish(),
    maxVouchersPerOrder: z.number().int().nullish(),
    maxVouchersPerDenomination: z.number().int().nullish(),
    maxDenominationsPerOrder: z.number().int().nullish(),
    denominations: z.array(WireAmountSchema).nullish(),
    /** Deprecated names of min/maxOrderAmount. */
    minAmount: WireAmountSchema.nullish(),
    maxAmount: WireAmountSchema.nullish()
  })
  .loose()

export const WireBrandSchema = z
  .object({
    id: z.string().min(1),
    status: z.string(),
    title: z.string(),
    category: z.array(z.string()).nullish(),
    /** Older docs. */
    categories: z.array(z.string()).nullish(),
    tags: z.array(z.string()).nullish(),
    denominationType: z.string(),
    cardType: z.string().nullish(),
    amountRestrictions: WireAmountRestrictionsSchema.nullish()
  })
  .loose()
export type WireBrand = z.infer<typeof WireBrandSchema>

export const WireProductsSchema = z.object({ data: z.array(z.unknown()), nextCursor: z.unknown().nullish() }).loose()

export const WireVoucherSchema = z
  .object({
    id: z.string(),
    cardType: z.string().nullish(),
    cardNumber: z.string().nullish(),
    cardPin: z.string().nullish(),
    validTill: z.string().nullish(),
    amount: WireAmountSchema
  })
  .loose()

export const WireOrderSchema = z
  .object({
    id: z.string().min(1),
    referenceId: z.string(),
    status: z.string(),
    vouchers: z.array(WireVoucherSchema).nullish(),
    failureReason: z.string().nullish()
  })
  .loose()
export type WireOrder = z.infer<typeof WireOrderSchema>

export const WireErrorSchema = z
  .object({
    id: z.string(),
    code: z.string().nullish(),
    message: z.string().nullish(),
    requestId: z.string().nullish(),
    subErrors: z.array(z.object({ fieldName: z.string().nullish(), message: z.string().nullish() }).loose()).nullish()
  })
  .loose()
export type WireError = z.infer<typeof WireErrorSchema>

export const WireWalletSchema = z.object({ balance: WireAmountSchema }).loose()
