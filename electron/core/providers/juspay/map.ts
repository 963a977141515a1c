import type { ErrorReason } from '../../../../shared/ipc/contract'
import type { MandateView, PaymentOrder, RefundView } from '../../../../shared/domain/payments'
import { MandateStatusSchema, RefundStatusSchema } from '../../../../shared/domain/payments'
import { TillError } from '../../../../shared/errors'
import { decimalToMinor, inr } from '../../../../shared/money'
import type { JuspayAnswer } from './client'
import type { WireMandate, WireOrder, WireRefund } from './wire'

const PROVIDER = 'Juspay'

/** Rupees from Juspay (`625.0`, `"200.00"`) as paise, read digit by digit; 0 when absent. */
export function paiseOf(value: number | string | null | undefined): number {
  if (value === null || value === undefined) return 0
  return decimalToMinor(value) ?? 0
}

/** Paise as the decimal string Juspay takes (`20000` → `"200.00"`). */
export function rupeesText(paise: number): string {
  return `${Math.trunc(paise / 100)}.${String(paise % 100).padStart(2, '0')}`
}

const REFUNDABLE = new Set(['CHARGED', 'PARTIAL_CHARGED'])
/** Once a transaction exists the amount may no longer change (docs/providers/juspay.md §4 A3). */
const UPDATABLE = new Set(['NEW', 'CREATED'])
/** Refund amounts that no longer count against what can be refunded. */
const RELEASED = new Set(['FAILURE'])

function time(value: string | number | null | undefined): string | null {
  if (value === null || value === undefined || value === '') return null
  const epoch = typeof value === 'number' ? value : /^\d+$/.test(value) ? Number(value) : null
  const ms = epoch !== null ? (epoch < 1e12 ? epoch * 1000 : epoch) : Date.parse(String(value))
  return Number.isFinite(ms) ? new Date(ms).toISOString() : null
}

export function refundView(r: WireRefund, ours: boolean): RefundView {
  const status = RefundStatusSchema.safeParse(r.status.toUpperCase())
  return {
    uniqueRequestId: r.unique_request_id,
    juspayRefundId: r.id ?? null,
    reference: r.ref ?? null,
    amount: inr(paiseOf(r.amount)),
    // An unknown word from Juspay is treated as still on its way: it is followed, never taken as done.
    status: status.success && ['PENDING', 'SUCCESS', 'FAILURE', 'MANUAL_REVIEW'].includes(status.data) ? status.data : 'PENDING',
    createdAt: time(r.created),
    error: [r.error_code, r.error_message].filter(Boolean).join(': ') || null,
    ours
  }
}

/**
 * What can still be refunded: Juspay's own figure (`maximum_eligible_refund_amount`) when it
 * sends one; otherwise the amount less what is refunded or on its way, each refund counted once
 * (Juspay's `amount_refunded` may already include refunds still pending, so the larger of it and
 * the refund list's sum is taken, never both). This till's refunds that Juspay does not list yet
 * are taken off as well.
 */
export function refundableOf(o: WireOrder, refunds: readonly RefundView[], ourOpen: readonly { uniqueRequestId: string; amountPaise: number }[]): number {
  const listed = new Set(refunds.map((r) => r.uniqueRequestId))
  const notListedYet = ourOpen.filter((r) => !listed.has(r.uniqueRequestId)).reduce((s, r) => s + r.amountPaise, 0)
  const eligible = o.maximum_eligible_refund_amount === null || o.maximum_eligible_refund_amount === undefined ? null : paiseOf(o.maximum_eligible_refund_amount)
  if (eligible !== null) return Math.max(0, eligible - notListedYet)
  const fromList = refunds.filter((r) => !RELEASED.has(r.status)).reduce((s, r) => s + r.amount.amount, 0)
  const saidRefunded = o.amount_refunded === null || o.amount_refunded === undefined ? 0 : paiseOf(o.amount_refunded)
  return Math.max(0, paiseOf(o.amount) - Math.max(fromList, saidRefunded) - notListedYet)
}

/** The order as the cashier reads it; what can be refunded counts Juspay's refunds and this till's on their way, each once. */
export function orderView(o: WireOrder, ourIds: ReadonlySet<string>, ourOpen: readonly { uniqueRequestId: string; amountPaise: number }[], now: Date): Omit<PaymentOrder, 'requestId' | 'calls'> {
  const amount = paiseOf(o.amount)
  const refunds = (o.refunds ?? []).map((r) => refundView(r, ourIds.has(r.unique_request_id)))
  const refunded = o.amount_refunded === null || o.amount_refunded === undefined ? refunds.filter((r) => r.status === 'SUCCESS').reduce((s, r) => s + r.amount.amount, 0) : paiseOf(o.amount_refunded)
  const refundable = refundableOf(o, refunds, ourOpen)
  const status = o.status.toUpperCase()
  const lastDate = time(o.last_date_to_refund)
  const refundBlocked = !REFUNDABLE.has(status)
    ? 'not_charged'
    : o.refund_supported === false
      ? 'not_supported'
      : lastDate && Date.parse(lastDate) < now.getTime()
        ? 'too_late'
        : refundable === 0
          ? 'nothing_left'
          : null
  const bankCode = o.bank_error_code || o.txn_detail?.error_code || ''
  const bankMessage = o.bank_error_message || o.txn_detail?.error_message || ''
  return {
    orderId: o.order_id,
    juspayId: o.id ?? null,
    status,
    statusId: o.status_id ?? null,
    amount: inr(amount),
    amountRefunded: inr(refunded),
    effectiveAmount: inr(o.effective_amount === null || o.effective_amount === undefined ? amount - refunded : paiseOf(o.effective_amount)),
    refundable: inr(refundable),
    fullyRefunded: o.refunded === true || (amount > 0 && refunded >= amount),
    refundBlocked,
    updatable: UPDATABLE.has(status),
    customerId: o.customer_id ?? null,
    method: {
      type: o.payment_method_type ?? null,
      name: o.payment_method ?? null,
      upiId: o.payer_vpa ?? null,
      cardBrand: o.card?.card_brand ?? null,
      last4: o.card?.last_four_digits ?? null
    },
    txnId: o.txn_id ?? o.txn_detail?.txn_id ?? null,
    gatewayReference: o.gateway_reference_id ?? o.payment_gateway_response?.epg_txn_id ?? null,
    rrn: o.payment_gateway_response?.rrn ?? null,
    bankError: bankCode || bankMessage ? { code: bankCode, message: bankMessage } : null,
    createdAt: time(o.date_created),
    lastDateToRefund: lastDate,
    refunds,
    mandate: o.mandate ? { mandateId: o.mandate.mandate_id, status: (o.mandate.mandate_status ?? o.mandate.status ?? 'UNKNOWN').toUpperCase() } : null
  }
}

const PERIOD_DAYS: Record<string, number> = { DAILY: 1, WEEKLY: 7, FORTNIGHTLY: 14, MONTHLY: 0, BIMONTHLY: 0, QUARTERLY: 0, HALFYEARLY: 0, YEARLY: 0 }
const PERIOD_MONTHS: Record<string, number> = { MONTHLY: 1, BIMONTHLY: 2, QUARTERLY: 3, HALFYEARLY: 6, YEARLY: 12 }

/** The first debit date the frequency allows after now, counted from the start (Juspay does not publish the schedule; an estimate). */
export function nextDebit(start: string | null, end: string | null, frequency: string | null, now: Date): string | null {
  if (!start || !frequency) return null
  const f = frequency.toUpperCase()
  const days = PERIOD_DAYS[f]
  const months = PERIOD_MONTHS[f]
  if (days === undefined || (days === 0 && months === undefined)) return null
  const first = new Date(start)
  let next = first
  for (let i = 1; next.getTime() <= now.getTime() && i < 100_000; i++) {
    next = new Date(first)
    if (days > 0) next.setUTCDate(first.getUTCDate() + i * days)
    else next.setUTCMonth(first.getUTCMonth() + i * (months ?? 1))
  }
  return end && next.getTime() > Date.parse(end) ? null : next.toISOString()
}

export function mandateView(m: WireMandate, now: Date): MandateView {
  const raw = (m.mandate_status ?? m.status ?? 'UNKNOWN').toUpperCase()
  const parsed = MandateStatusSchema.safeParse(raw)
  const status = parsed.success ? parsed.data : 'UNKNOWN'
  const startDate = time(m.start_date)
  const endDate = time(m.end_date)
  const live = status === 'ACTIVE' || status === 'PAUSED'
  return {
    mandateId: m.mandate_id,
    status,
    rawStatus: raw,
    type: m.mandate_type ?? null,
    maxAmount: m.max_amount === null || m.max_amount === undefined ? null : inr(paiseOf(m.max_amount)),
    amountRule: m.amount_rule ?? null,
    frequency: m.frequency ?? null,
    startDate,
    endDate,
    nextDebit: status === 'ACTIVE' ? nextDebit(startDate, endDate, m.frequency ?? null, now) : null,
    paymentMethod: m.payment_info?.payment_method ?? m.payment_info?.payment_method_type ?? null,
    revokableByCustomer: m.revokable_by_customer ?? null,
    revocable: live
  }
}

/** Juspay's refusals by code, as the reasons the screens have sentences for. */
const REASONS: Record<string, ErrorReason> = {
  'invalid.order.not_successful': 'juspay_not_refundable',
  'duplicate.call': 'juspay_duplicate',
  'invalid.amount.exceeded': 'juspay_amount_exceeded',
  'invalid.amount': 'juspay_invalid_amount',
  'invalid amount': 'juspay_invalid_amount',
  'mandatory.fields.missing': 'juspay_invalid',
  'request.exceeded': 'juspay_too_many_refunds',
  'refund.not_allowed': 'juspay_refund_too_late',
  invalid_action: 'juspay_invalid_action',
  order_not_found: 'juspay_unknown_order',
  resource_not_found: 'juspay_not_found',
  jp_852: 'juspay_mandate_not_active',
  access_denied: 'credentials_refused'
}

/** The reason for a refusal: by Juspay's code, else by its HTTP status. */
export function reasonOf(status: number, code: string | null | undefined): ErrorReason {
  const known = code ? REASONS[code.toLowerCase()] : undefined
  if (known) return known
  if (status === 401) return 'credentials_refused'
  if (status === 404) return 'juspay_not_found'
  return 'juspay_invalid'
}

/** Any answer that is not a usable one, as an error a person can read; Juspay's own words stay in the message for Details. */
export function juspayFailure(answer: Exclude<JuspayAnswer<unknown>, { kind: 'ok' }>, what: string): TillError {
  if (answer.kind === 'error') {
    const code = answer.error.error_code ?? answer.error.status ?? null
    const message = answer.error.error_message ?? answer.error.user_message ?? ''
    const reason = reasonOf(answer.status, code)
    return new TillError(
      reason === 'credentials_refused' ? 'provider_unreachable' : answer.status === 404 ? 'not_found' : 'provider_rejected',
      `Juspay refused ${what} (${answer.status} ${code ?? ''}): ${message}`.trim(),
      {
        requestId: answer.requestId,
        params: { reason, provider: PROVIDER, code: code ?? '', detail: message }
      }
    )
  }
  const reason = answer.kind === 'auth_failed' ? 'credentials_refused' : 'unreachable'
  return new TillError('provider_unreachable', `Juspay could not be asked about ${what} (${answer.kind}).`, { requestId: answer.requestId, params: { reason, provider: PROVIDER } })
}
