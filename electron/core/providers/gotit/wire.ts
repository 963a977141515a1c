import { z } from 'zod'

/**
 * Got It Merchant API v6 on the wire (snake_case), as the official spec describes it, made
 * tolerant: every field optional or nullable, unknown fields ignored, and the legacy v4 and
 * early-v6 shapes of docs/providers/gotit.md §12 accepted. Codes stay strings; money is integer VND.
 */
const Int = z.number().int()
const NullableInt = Int.nullable().optional()

export const WireSkuLineSchema = z.object({ sku: z.string(), quantity: Int.optional(), price: Int.optional() })
export type WireSkuLine = z.infer<typeof WireSkuLineSchema>

export const WireStoreNameSchema = z.object({ name_vi: z.string().optional(), name_en: z.string().optional() })

export const WireConditionsSchema = z.object({
  start_date: z.string().optional(),
  exclude_specific_date: z.array(z.string()).optional(),
  exclude_recurring_day: z.array(z.string()).optional(),
  order_value: NullableInt,
  redeemable_skus: z.array(z.string()).optional()
})

export const WireRedemptionsSchema = z.object({
  redeem_sku_codes: z.array(WireSkuLineSchema).optional(),
  redemption_value: NullableInt,
  used_store: WireStoreNameSchema.optional(),
  used_date: z.string().optional(),
  bill_number: z.string().optional()
})

export const WireVoucherItemSchema = z.object({
  code: z.union([z.string(), z.number().transform(String)]),
  value: NullableInt,
  product_id: NullableInt,
  state: NullableInt,
  voucher_type: z.string().optional(),
  expiry_date: z.string().nullable().optional(),
  cancel_date: z.string().nullable().optional(),
  conditions: WireConditionsSchema.nullable().optional(),
  redemptions: WireRedemptionsSchema.nullable().optional(),
  // Legacy shapes (v4 and the February 2025 v6 draft).
  product: z.object({ value: NullableInt, product_name_en: z.string().optional(), product_name_vi: z.string().optional() }).optional(),
  used_date: z.string().optional(),
  used_store: WireStoreNameSchema.optional(),
  bill_number: z.string().optional(),
  redeemable_skus: z.array(z.string()).optional(),
  redeem_sku: z.object({ sku_redemption_value: NullableInt, redeem_sku_codes: z.array(WireSkuLineSchema).optional() }).optional()
})
export type WireVoucherItem = z.infer<typeof WireVoucherItemSchema>

export const WireResponseSchema = z.object({
  success: z.boolean(),
  return_code: z.string().nullable().optional(),
  message_en: z.string().optional(),
  message_vi: z.string().optional(),
  data: z.array(WireVoucherItemSchema).nullable().optional(),
  bill_number: z.string().optional(),
  used_store: WireStoreNameSchema.optional(),
  transaction_id: z.string().optional()
})
export type WireResponse = z.infer<typeof WireResponseSchema>

export interface WireRequest {
  pin: string
  codes: string[]
  bill_number?: string
  total_bill?: number
  skip_reserved_when_mark_used?: boolean
  bill_created_at?: string
  skus_info?: { sku: string; quantity: number; price: number }[]
}
