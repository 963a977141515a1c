import { z } from 'zod'

/** Numbers on Juspay's answers are rupees (`625.0`); some payloads write them as strings. */
const Amount = z.union([z.number(), z.string()]).nullish()
const Text = z.string().nullish()

export const WireRefundSchema = z
  .object({
    id: Text,
    unique_request_id: z.string(),
    ref: Text,
    amount: Amount,
    status: z.string(),
    created: Text,
    error_code: Text,
    error_message: Text
  })
  .loose()
export type WireRefund = z.infer<typeof WireRefundSchema>

export const WireMandateSchema = z
  .object({
    mandate_id: z.string(),
    mandate_status: z.string().nullish(),
    status: z.string().nullish(),
    mandate_type: Text,
    max_amount: Amount,
    amount_rule: Text,
    frequency: Text,
    start_date: z.union([z.string(), z.number()]).nullish(),
    end_date: z.union([z.string(), z.number()]).nullish(),
    revokable_by_customer: z.boolean().nullish(),
    payment_info: z.object({ payment_method_type: Text, payment_method: Text }).loose().nullish()
  })
  .loose()
export type WireMandate = z.infer<typeof WireMandateSchema>

/** The order object: 80-odd mostly nullable fields; the till reads these and keeps the rest unread. */
export const WireOrderSchema = z
  .object({
    id: Text,
    order_id: z.string(),
    status: z.string(),
    status_id: z.number().int().nullish(),
    amount: Amount,
    amount_refunded: Amount,
    /** What Juspay will still refund, pending refunds already counted [seen in its sample payloads]. */
    maximum_eligible_refund_amount: Amount,
    effective_amount: Amount,
    refunded: z.boolean().nullish(),
    currency: Text,
    date_created: Text,
    customer_id: Text,
    txn_id: Text,
    gateway_reference_id: Text,
    bank_error_code: Text,
    bank_error_message: Text,
    payment_method_type: Text,
    payment_method: Text,
    payer_vpa: Text,
    refund_supported: z.boolean().nullish(),
    last_date_to_refund: Text,
    card: z.object({ last_four_digits: Text, card_brand: Text }).loose().nullish(),
    txn_detail: z.object({ txn_id: Text, status: Text, error_code: Text, error_message: Text }).loose().nullish(),
    payment_gateway_response: z.object({ rrn: Text, epg_txn_id: Text, resp_message: Text }).loose().nullish(),
    refunds: z.array(WireRefundSchema).nullish(),
    mandate: WireMandateSchema.nullish()
  })
  .loose()
export type WireOrder = z.infer<typeof WireOrderSchema>

export const WireMandateListSchema = z.object({ list: z.array(WireMandateSchema) }).loose()
export const WireRevokeSchema = z.object({ mandate_status: z.string(), mandate_id: z.string() }).loose()

/** Juspay's error envelope; every field may be missing, and the code and message are read together. */
export const WireErrorSchema = z.object({ status: Text, status_id: z.number().nullish(), error_code: Text, error_message: Text, user_message: Text }).loose()
export type WireError = z.infer<typeof WireErrorSchema>
