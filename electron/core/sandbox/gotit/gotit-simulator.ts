import { randomInt } from 'node:crypto'
import type { SimClock } from '../framework/clock'
import type { SimRequest, SimResponse, SimStatement } from '../framework/sim-server'
import { csvField, csvLine } from '../../../../shared/csv'
import { seedMerchants, seedStores, seedVouchers, type SimMerchant, type SimStore, type SimVoucher, type SkuLine } from './fixtures'
import { gmt7Compact, gmt7Date, gmt7DateTime, gmt7Weekday } from './gmt7'

export type GotItOperation = 'checkmultiple' | 'reserved' | 'unreserved' | 'usemultiple'

export interface GotItSimConfig {
  /** Whether the caller's IP is whitelisted (no 20-code cap). */
  whitelisted: boolean
  /** Codes per request for whitelisted callers [ASSUMED]. */
  whitelistedLimit: number
  /** A repeated mark use on the same bill: fail as "used" (default) or answer as the first time. */
  replaySameBill: 'fail' | 'replay'
  /** All codes of a request succeed or none does (default), or those before the first failure do. */
  atomic: boolean
  /** How many extra plain vouchers to seed (2000000000 upwards). */
  stock: number
  /**
   * Which return codes and messages it answers with: our `SIM_…` placeholders, or `numeric`,
   * another plausible set (numbers, other wording, no voucher item for unknown codes), to prove the
   * till does not depend on codes Got It has never published.
   */
  codeSet: 'placeholder' | 'numeric'
}

export const defaultGotItConfig: GotItSimConfig = { whitelisted: false, whitelistedLimit: 100, replaySameBill: 'fail', atomic: true, stock: 1000, codeSet: 'placeholder' }

const NOT_WHITELISTED_LIMIT = 20
const REDEEMABLE = new Set([1, 2, 3, 5])

type ReturnCode =
  | 'SIM_INVALID_PIN'
  | 'SIM_CODE_NOT_FOUND'
  | 'SIM_CODE_FORMAT'
  | 'SIM_VOUCHER_USED'
  | 'SIM_VOUCHER_EXPIRED'
  | 'SIM_VOUCHER_CANCELLED'
  | 'SIM_VOUCHER_INACTIVE'
  | 'SIM_VOUCHER_SPLIT'
  | 'SIM_RESERVED_OTHER_BILL'
  | 'SIM_NOT_RESERVED'
  | 'SIM_BILL_MISMATCH'
  | 'SIM_MERCHANT_NOT_ALLOWED'
  | 'SIM_CONDITION_NOT_MET'
  | 'SIM_TOO_MANY_CODES'
  | 'SIM_BAD_REQUEST'

/** Placeholder codes and messages [ASSUMED]: Got It has not published its list (docs/providers/gotit.md §7). */
const messages: Record<ReturnCode, [string, string]> = {
  SIM_INVALID_PIN: ['Invalid store PIN', 'Mã PIN cửa hàng không hợp lệ'],
  SIM_CODE_NOT_FOUND: ['Voucher code not found', 'Không tìm thấy mã voucher'],
  SIM_CODE_FORMAT: ['Invalid voucher code', 'Mã voucher không hợp lệ'],
  SIM_VOUCHER_USED: ['Voucher has been used', 'Voucher đã được sử dụng'],
  SIM_VOUCHER_EXPIRED: ['Voucher expired', 'Voucher đã hết hạn'],
  SIM_VOUCHER_CANCELLED: ['Voucher cancelled', 'Voucher đã bị hủy'],
  SIM_VOUCHER_INACTIVE: ['Voucher not activated', 'Voucher chưa được kích hoạt'],
  SIM_VOUCHER_SPLIT: ['Voucher already split', 'Voucher đã được tách'],
  SIM_RESERVED_OTHER_BILL: ['Voucher reserved for another bill', 'Voucher đã được giữ cho hóa đơn khác'],
  SIM_NOT_RESERVED: ['Voucher not reserved', 'Voucher chưa được giữ chỗ'],
  SIM_BILL_MISMATCH: ['Bill number mismatch', 'Số hóa đơn không khớp'],
  SIM_MERCHANT_NOT_ALLOWED: ['Voucher not applicable at this store', 'Voucher không áp dụng tại cửa hàng này'],
  SIM_CONDITION_NOT_MET: ['Voucher conditions not met', 'Hóa đơn không đủ điều kiện sử dụng voucher'],
  SIM_TOO_MANY_CODES: ['Too many codes in one request', 'Quá nhiều mã trong một yêu cầu'],
  SIM_BAD_REQUEST: ['Invalid request', 'Yêu cầu không hợp lệ']
}

/** The other code set [ASSUMED, invented like the first]: numbers, different words in both languages. */
const numericCodes: Record<ReturnCode, [string, string, string]> = {
  SIM_INVALID_PIN: ['401', 'Store PIN is incorrect', 'Mã PIN của cửa hàng không đúng'],
  SIM_CODE_NOT_FOUND: ['404', 'This e-voucher does not exist', 'E-voucher không tồn tại'],
  SIM_CODE_FORMAT: ['422', 'E-voucher code is malformed', 'Mã e-voucher sai định dạng'],
  SIM_VOUCHER_USED: ['1001', 'E-voucher was already redeemed', 'E-voucher đã sử dụng'],
  SIM_VOUCHER_EXPIRED: ['1002', 'E-voucher is out of date', 'E-voucher đã hết hạn sử dụng'],
  SIM_VOUCHER_CANCELLED: ['1003', 'E-voucher was revoked', 'E-voucher đã bị thu hồi'],
  SIM_VOUCHER_INACTIVE: ['1004', 'E-voucher is not active yet', 'E-voucher chưa kích hoạt'],
  SIM_VOUCHER_SPLIT: ['1005', 'E-voucher has been divided', 'E-voucher đã được chia nhỏ'],
  SIM_RESERVED_OTHER_BILL: ['1006', 'E-voucher is held for another order', 'E-voucher đang được giữ cho đơn hàng khác'],
  SIM_NOT_RESERVED: ['1007', 'E-voucher is not held', 'E-voucher chưa được giữ'],
  SIM_BILL_MISMATCH: ['1008', 'Order number does not match', 'Số đơn hàng không khớp'],
  SIM_MERCHANT_NOT_ALLOWED: ['1009', 'E-voucher cannot be used at this merchant', 'E-voucher không dùng được tại đơn vị này'],
  SIM_CONDITION_NOT_MET: ['1010', 'Order does not satisfy the e-voucher rules', 'Đơn hàng không thỏa điều kiện của e-voucher'],
  SIM_TOO_MANY_CODES: ['413', 'Request contains more codes than allowed', 'Yêu cầu có quá nhiều mã'],
  SIM_BAD_REQUEST: ['400', 'Request is missing fields', 'Yêu cầu thiếu thông tin']
}

interface RequestBody {
  pin: string
  codes: string[]
  billNumber: string | undefined
  totalBill: number | undefined
  skip: boolean
  skus: SkuLine[] | undefined
}

class Failure {
  constructor(
    readonly code: ReturnCode,
    readonly item: Record<string, unknown> | null
  ) {}
}

function envelope(data: unknown[], extra: Record<string, unknown> = {}): SimResponse {
  return { status: 200, body: { success: true, return_code: null, message_en: 'Valid voucher', message_vi: 'Voucher hợp lệ', data, ...extra } }
}

function failure(f: Failure, codeSet: GotItSimConfig['codeSet']): SimResponse {
  if (codeSet === 'numeric') {
    const [code, en, vi] = numericCodes[f.code]
    // This set names no voucher when a code is unknown or malformed.
    const unnamed = f.code === 'SIM_CODE_NOT_FOUND' || f.code === 'SIM_CODE_FORMAT'
    return { status: 200, body: { success: false, return_code: code, message_en: en, message_vi: vi, data: f.item && !unnamed ? [f.item] : [] } }
  }
  const [en, vi] = messages[f.code]
  return { status: 200, body: { success: false, return_code: f.code, message_en: en, message_vi: vi, data: f.item ? [f.item] : [] } }
}

function parseBody(body: unknown): RequestBody | null {
  if (typeof body !== 'object' || body === null || Array.isArray(body)) return null
  const b = body as Record<string, unknown>
  if (typeof b['pin'] !== 'string' || b['pin'] === '') return null
  if (!Array.isArray(b['codes']) || b['codes'].length === 0 || !b['codes'].every((c) => typeof c === 'string')) return null
  const skus = Array.isArray(b['skus_info'])
    ? (b['skus_info'] as unknown[]).flatMap((line) => {
        if (typeof line !== 'object' || line === null) return []
        const l = line as Record<string, unknown>
        if (typeof l['sku'] !== 'string') return []
        return [{ sku: l['sku'], quantity: typeof l['quantity'] === 'number' ? l['quantity'] : 1, price: typeof l['price'] === 'number' ? l['price'] : 0 }]
      })
    : undefined
  return {
    pin: b['pin'],
    codes: b['codes'] as string[],
    billNumber: typeof b['bill_number'] === 'string' && b['bill_number'] !== '' ? b['bill_number'] : undefined,
    totalBill: typeof b['total_bill'] === 'number' ? b['total_bill'] : undefined,
    skip: b['skip_reserved_when_mark_used'] === true,
    skus
  }
}

/**
 * The Got It Merchant API v6 as docs/providers/gotit.md §13 describes it: stores by PIN,
 * every voucher state, DIRECT_FLOW and RESERVE_FLOW, conditional vouchers, GMT+7 dates, and
 * business failures as HTTP 200 with `success: false` and the first failing voucher in `data`.
 */
export class GotItSimulator {
  config: GotItSimConfig
  private merchants = new Map<string, SimMerchant>()
  private stores = new Map<string, SimStore>()
  private storesById = new Map<number, SimStore>()
  private vouchers = new Map<string, SimVoucher>()
  private transactionCounter = 0
  /** Successful mark uses per code, for tests that assert "exactly once". */
  readonly uses = new Map<string, number>()

  constructor(
    private readonly clock: SimClock,
    config: Partial<GotItSimConfig> = {}
  ) {
    this.config = { ...defaultGotItConfig, ...config }
    this.reset()
  }

  reset(): void {
    this.merchants = new Map(seedMerchants().map((m) => [m.id, m]))
    const stores = seedStores()
    this.stores = new Map(stores.map((s) => [s.pin, s]))
    this.storesById = new Map(stores.map((s) => [s.id, s]))
    this.vouchers = new Map(seedVouchers(this.config.stock).map((v) => [v.code, v]))
    this.uses.clear()
    // Got It numbers transactions across all its merchants; each training till has a simulator of its own, so each starts
    // somewhere else, or two tills' statements would name the same transaction.
    this.transactionCounter = randomInt(0, 900_000)
  }

  /**
   * Got It's statement of what was redeemed here since the last reset: one line per transaction
   * (a bill's vouchers marked used together), its time in GMT+7 and what it redeemed, in dong.
   */
  statement(): SimStatement {
    const lines = new Map<string, { usedDate: string; billNumber: string; storeId: number; amount: number }>()
    for (const code of this.uses.keys()) {
      const use = this.vouchers.get(code)?.use
      if (!use) continue
      const line = lines.get(use.transactionId) ?? { usedDate: use.usedDate, billNumber: use.billNumber, storeId: use.storeId, amount: 0 }
      line.amount += use.redemptionValue
      lines.set(use.transactionId, line)
    }
    const rows = [...lines].sort((a, b) => a[1].usedDate.localeCompare(b[1].usedDate))
    return {
      fileName: 'gotit-statement.csv',
      csv:
        csvLine(['Transaction ID', 'Used at', 'Bill number', 'Store', 'Amount (VND)']) +
        rows.map(([id, l]) => csvLine([csvField(id), csvField(l.usedDate), csvField(l.billNumber), csvField(l.storeId, false), csvField(l.amount, false)])).join('')
    }
  }

  /** Plain new vouchers of the stock nobody has touched yet, for practice. */
  freshStock(count: number): SimVoucher[] {
    const fresh: SimVoucher[] = []
    for (const v of this.vouchers.values()) {
      if (fresh.length >= count) break
      if (v.code.startsWith('2') && v.code.length === 10 && v.state === 1 && !v.reservation && !v.use) fresh.push(v)
    }
    return fresh
  }

  voucher(code: string): SimVoucher | undefined {
    return this.vouchers.get(code)
  }

  merchant(id: string): SimMerchant | undefined {
    return this.merchants.get(id)
  }

  inspect(): unknown {
    return {
      config: this.config,
      vouchers: [...this.vouchers.values()].filter((v) => v.state !== 1 || v.reservation || v.use).slice(0, 500),
      uses: Object.fromEntries(this.uses)
    }
  }

  handle(operation: GotItOperation, request: SimRequest): SimResponse {
    if (request.badJson) return { status: 400, body: { message: 'Malformed JSON' } } // [ASSUMED]
    const body = parseBody(request.body)
    if (!body) return failure(new Failure('SIM_BAD_REQUEST', null), this.config.codeSet)
    const store = this.stores.get(body.pin)
    if (!store || !store.active) return failure(new Failure('SIM_INVALID_PIN', null), this.config.codeSet)
    const limit = this.config.whitelisted ? this.config.whitelistedLimit : NOT_WHITELISTED_LIMIT
    if (body.codes.length > limit) return failure(new Failure('SIM_TOO_MANY_CODES', null), this.config.codeSet)
    if (new Set(body.codes).size !== body.codes.length) return failure(new Failure('SIM_BAD_REQUEST', null), this.config.codeSet) // [ASSUMED]
    if (operation !== 'checkmultiple' && !body.billNumber) return failure(new Failure('SIM_BAD_REQUEST', null), this.config.codeSet)
    switch (operation) {
      case 'checkmultiple':
        return this.check(body, store)
      case 'reserved':
        return this.reserve(body, store)
      case 'unreserved':
        return this.unreserve(body, store)
      case 'usemultiple':
        return this.use(body, store)
    }
  }

  private storeNames(store: SimStore | undefined) {
    return store ? { name_vi: store.nameVi, name_en: store.nameEn } : undefined
  }

  /** The item as check returns it; failures carry the same shape for the failing code. */
  private checkItem(v: SimVoucher, redemptionValue?: number, skus?: SkuLine[]): Record<string, unknown> {
    const redemptions: Record<string, unknown> = {}
    if (v.use) {
      Object.assign(redemptions, {
        redemption_value: v.use.redemptionValue,
        redeem_sku_codes: v.use.skus,
        used_date: v.use.usedDate,
        used_store: this.storeNames(this.storesById.get(v.use.storeId)),
        bill_number: v.use.billNumber
      })
    } else if (v.reservation) {
      Object.assign(redemptions, {
        redemption_value: v.reservation.redemptionValue,
        redeem_sku_codes: v.reservation.skus,
        used_store: this.storeNames(this.storesById.get(v.reservation.storeId)),
        bill_number: v.reservation.billNumber
      })
    } else if (redemptionValue !== undefined) {
      Object.assign(redemptions, { redemption_value: redemptionValue, redeem_sku_codes: skus ?? [] })
    }
    return {
      code: v.code,
      value: v.value,
      product_id: v.productId,
      state: v.state,
      voucher_type: v.voucherType,
      expiry_date: v.expiryDate,
      cancel_date: v.cancelDate,
      ...(v.conditions ? { conditions: v.conditions } : {}),
      ...(Object.keys(redemptions).length > 0 ? { redemptions } : {})
    }
  }

  /** Expiry is a date, valid through 23:59:59 GMT+7 [ASSUMED]; a passed date turns the voucher to 8. */
  private refreshExpiry(v: SimVoucher): void {
    if (v.state !== 4 && v.state !== 9 && v.expiryDate < gmt7Date(this.clock.now())) v.state = 8
  }

  /** Why a code cannot be used by this store on this bill, or its redemption value when it can. */
  private evaluate(code: string, body: RequestBody, store: SimStore, operation: GotItOperation): Failure | { voucher: SimVoucher; redemptionValue: number; skus: SkuLine[] } {
    if (code.length < 10 || code.length > 16) return new Failure('SIM_CODE_FORMAT', { code, value: null, product_id: null, state: null })
    const v = this.vouchers.get(code)
    if (!v) return new Failure('SIM_CODE_NOT_FOUND', { code, value: null, product_id: null, state: null })
    this.refreshExpiry(v)
    const item = () => this.checkItem(v)
    if (!v.merchantIds.includes(store.merchantId)) return new Failure('SIM_MERCHANT_NOT_ALLOWED', item())
    if (v.state === 4) {
      const ours = v.use?.billNumber === body.billNumber && v.use?.storeId === store.id
      if (operation === 'usemultiple' && ours && this.config.replaySameBill === 'replay') {
        return { voucher: v, redemptionValue: v.use?.redemptionValue ?? v.value ?? 0, skus: v.use?.skus ?? [] }
      }
      return new Failure('SIM_VOUCHER_USED', item())
    }
    if (v.state === 8) return new Failure('SIM_VOUCHER_EXPIRED', item())
    if (v.state === 9) return new Failure('SIM_VOUCHER_CANCELLED', item())
    if (v.state === 0) return new Failure('SIM_VOUCHER_INACTIVE', item())
    if (v.state === 10) return new Failure('SIM_VOUCHER_SPLIT', item())
    if (v.state === 11) {
      const r = v.reservation
      const sameStore = r?.storeId === store.id
      const sameBill = r?.billNumber === body.billNumber
      if (!sameStore) return new Failure('SIM_RESERVED_OTHER_BILL', item())
      if (!sameBill) return new Failure(operation === 'checkmultiple' || operation === 'reserved' ? 'SIM_RESERVED_OTHER_BILL' : 'SIM_BILL_MISMATCH', item())
    } else if (operation === 'unreserved') {
      return new Failure('SIM_NOT_RESERVED', item())
    } else if (!REDEEMABLE.has(v.state)) {
      return new Failure('SIM_BAD_REQUEST', item())
    } else if (operation === 'usemultiple' && !body.skip && this.merchants.get(store.merchantId)?.requireReserve) {
      return new Failure('SIM_NOT_RESERVED', item())
    }
    return this.conditionsMet(v, body, operation)
  }

  /** [ASSUMED rules] docs/providers/gotit.md §13.11: SKUs, start date, excluded dates and weekdays, minimum bill. */
  private conditionsMet(v: SimVoucher, body: RequestBody, operation: GotItOperation): Failure | { voucher: SimVoucher; redemptionValue: number; skus: SkuLine[] } {
    const value = v.value ?? 0
    if (v.voucherType !== 'conditional' || !v.conditions) return { voucher: v, redemptionValue: value, skus: [] }
    if (v.state === 11 && v.reservation && operation !== 'checkmultiple') {
      return { voucher: v, redemptionValue: v.reservation.redemptionValue, skus: v.reservation.skus }
    }
    const c = v.conditions
    const now = this.clock.now()
    const today = gmt7Date(now)
    const fail = new Failure('SIM_CONDITION_NOT_MET', this.checkItem(v))
    if (c.start_date && today < c.start_date) return fail
    if (c.exclude_specific_date?.includes(today)) return fail
    if (c.exclude_recurring_day?.includes(gmt7Weekday(now))) return fail
    if (c.order_value !== null && c.order_value !== undefined && body.totalBill !== undefined && body.totalBill < c.order_value) return fail
    const needsSkus = operation !== 'checkmultiple' || body.skus !== undefined
    if (!needsSkus) return { voucher: v, redemptionValue: value, skus: [] }
    if (c.order_value !== null && c.order_value !== undefined && body.totalBill === undefined) return fail
    const matching = (body.skus ?? []).filter((line) => c.redeemable_skus?.includes(line.sku))
    if (matching.length === 0) return fail
    const worth = matching.reduce((sum, line) => sum + line.price * line.quantity, 0)
    return { voucher: v, redemptionValue: Math.min(value, worth), skus: matching }
  }

  /** Evaluates every code; atomic (default) stops at the first failure before changing anything. */
  private run(
    body: RequestBody,
    store: SimStore,
    operation: GotItOperation,
    apply: (ok: { voucher: SimVoucher; redemptionValue: number; skus: SkuLine[] }) => Record<string, unknown>
  ): { items: Record<string, unknown>[]; failure: Failure | null } {
    const passed: { voucher: SimVoucher; redemptionValue: number; skus: SkuLine[] }[] = []
    for (const code of body.codes) {
      const result = this.evaluate(code, body, store, operation)
      if (result instanceof Failure) {
        if (!this.config.atomic) passed.forEach(apply)
        return { items: [], failure: result }
      }
      passed.push(result)
    }
    return { items: passed.map(apply), failure: null }
  }

  private check(body: RequestBody, store: SimStore): SimResponse {
    const { items, failure: failed } = this.run(body, store, 'checkmultiple', (ok) =>
      this.checkItem(ok.voucher, ok.voucher.voucherType === 'conditional' && body.skus ? ok.redemptionValue : undefined, ok.skus)
    )
    return failed ? failure(failed, this.config.codeSet) : envelope(items)
  }

  private reserve(body: RequestBody, store: SimStore): SimResponse {
    const billNumber = body.billNumber ?? ''
    const { items, failure: failed } = this.run(body, store, 'reserved', (ok) => {
      const v = ok.voucher
      if (v.state !== 11) v.reservation = { billNumber, storeId: store.id, previousState: v.state, redemptionValue: ok.redemptionValue, skus: ok.skus }
      v.state = 11
      return {
        code: v.code,
        value: v.value,
        state: v.state,
        product_id: v.productId,
        voucher_type: v.voucherType,
        ...(v.conditions ? { conditions: v.conditions } : {}),
        redemptions: { redemption_value: ok.redemptionValue, redeem_sku_codes: ok.skus }
      }
    })
    return failed ? failure(failed, this.config.codeSet) : envelope(items, { bill_number: billNumber, used_store: this.storeNames(store) })
  }

  private unreserve(body: RequestBody, store: SimStore): SimResponse {
    const { items, failure: failed } = this.run(body, store, 'unreserved', (ok) => {
      const v = ok.voucher
      v.state = v.reservation?.previousState ?? 1
      delete v.reservation
      return { code: v.code, value: v.value, product_id: v.productId, voucher_type: v.voucherType }
    })
    return failed ? failure(failed, this.config.codeSet) : envelope(items, { bill_number: body.billNumber, used_store: this.storeNames(store) })
  }

  private use(body: RequestBody, store: SimStore): SimResponse {
    const billNumber = body.billNumber ?? ''
    const now = this.clock.now()
    let replayedTransaction: string | undefined
    const transactionId = (): string => {
      this.transactionCounter += 1
      return `${store.id}_${gmt7Compact(now)}${String(this.transactionCounter % 1_000_000).padStart(6, '0')}`
    }
    const newTransaction = transactionId()
    const { items, failure: failed } = this.run(body, store, 'usemultiple', (ok) => {
      const v = ok.voucher
      if (v.state === 4 && v.use) {
        replayedTransaction = v.use.transactionId
      } else {
        v.state = 4
        delete v.reservation
        v.use = { billNumber, storeId: store.id, usedDate: gmt7DateTime(now), redemptionValue: ok.redemptionValue, skus: ok.skus, transactionId: newTransaction }
        this.uses.set(v.code, (this.uses.get(v.code) ?? 0) + 1)
      }
      return {
        code: v.code,
        value: v.value,
        product_id: v.productId,
        state: 4,
        voucher_type: v.voucherType,
        ...(v.conditions ? { conditions: { redeemable_skus: v.conditions.redeemable_skus ?? [] } } : {}),
        redemptions: {
          redemption_value: v.use?.redemptionValue,
          redeem_sku_codes: v.use?.skus ?? [],
          used_date: v.use?.usedDate,
          used_store: this.storeNames(this.storesById.get(v.use?.storeId ?? store.id))
        }
      }
    })
    if (failed) return failure(failed, this.config.codeSet)
    return envelope(items, { transaction_id: replayedTransaction ?? newTransaction, bill_number: billNumber })
  }
}
