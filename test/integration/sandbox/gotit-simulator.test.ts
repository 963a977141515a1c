import { afterEach, beforeEach, describe, expect, it } from 'vitest'
import { startGotItSimulator, type RunningGotItSimulator } from '../../../electron/core/sandbox/gotit'
import { namedVoucherCodes as V } from '../../../electron/core/sandbox/gotit/fixtures'

let sim: RunningGotItSimulator

type Answer = { status: number; json: Record<string, unknown> & { data: Record<string, unknown>[] } }

async function post(operation: string, body: unknown): Promise<Answer> {
  const response = await fetch(`${sim.url}/merchant/v6.0/${operation}`, { method: 'POST', headers: { 'Content-Type': 'application/json' }, body: JSON.stringify(body) })
  return { status: response.status, json: (await response.json()) as Answer['json'] }
}

const PIN = '1212'
const OTHER_STORE = '3434'
const OTHER_MERCHANT = '5656'
const direct = { skip_reserved_when_mark_used: true }

describe('Got It simulator over HTTP', () => {
  beforeEach(async () => {
    sim = await startGotItSimulator()
    sim.clock.set(new Date('2026-11-22T05:00:00Z')) // a Sunday, 12:00 in GMT+7
  })
  afterEach(async () => sim.close())

  it('answers with the documented envelope, snake_case and return_code null on success', async () => {
    const { status, json } = await post('checkmultiple', { pin: PIN, codes: [V.new, V.leading_zero], bill_number: 'B1', ...direct })
    expect(status).toBe(200)
    expect(json).toEqual({
      success: true,
      return_code: null,
      message_en: 'Valid voucher',
      message_vi: 'Voucher hợp lệ',
      data: [
        { code: V.new, value: 100000, product_id: 12345, state: 1, voucher_type: 'standard', expiry_date: '2099-12-31', cancel_date: '' },
        { code: '070898022379', value: 100000, product_id: 12345, state: 1, voucher_type: 'standard', expiry_date: '2099-12-31', cancel_date: '' }
      ]
    })
  })

  it('reports only the first failing code, as HTTP 200 with success false', async () => {
    const { status, json } = await post('checkmultiple', { pin: PIN, codes: [V.new, V.expired, V.used] })
    expect(status).toBe(200)
    expect(json).toMatchObject({ success: false, return_code: 'SIM_VOUCHER_EXPIRED', message_en: 'Voucher expired', message_vi: 'Voucher đã hết hạn' })
    expect(json.data).toHaveLength(1)
    expect(json.data[0]).toMatchObject({ code: V.expired, state: 8 })
  })

  it('refuses an unknown or inactive store PIN on every operation', async () => {
    for (const operation of ['checkmultiple', 'reserved', 'unreserved', 'usemultiple']) {
      for (const pin of ['0000', '7878']) {
        const { json } = await post(operation, { pin, codes: [V.new], bill_number: 'B1' })
        expect(json, `${operation} ${pin}`).toMatchObject({ success: false, return_code: 'SIM_INVALID_PIN', data: [] })
      }
    }
  })

  it('refuses codes of the wrong length and codes it does not know', async () => {
    expect((await post('checkmultiple', { pin: PIN, codes: ['123456789'] })).json).toMatchObject({ return_code: 'SIM_CODE_FORMAT', data: [{ code: '123456789', state: null }] })
    expect((await post('checkmultiple', { pin: PIN, codes: ['12345678901234567'] })).json).toMatchObject({ return_code: 'SIM_CODE_FORMAT' })
    expect((await post('checkmultiple', { pin: PIN, codes: ['9999999999'] })).json).toMatchObject({
      return_code: 'SIM_CODE_NOT_FOUND',
      data: [{ code: '9999999999', value: null, product_id: null, state: null }]
    })
  })

  it('caps a caller that is not whitelisted at 20 codes; a whitelisted caller may send more', async () => {
    const codes = Array.from({ length: 21 }, (_, i) => String(2000000000 + i))
    expect((await post('checkmultiple', { pin: PIN, codes: codes.slice(0, 20) })).json).toMatchObject({ success: true })
    expect((await post('checkmultiple', { pin: PIN, codes })).json).toMatchObject({ success: false, return_code: 'SIM_TOO_MANY_CODES' })
    sim.sim.config.whitelisted = true
    expect((await post('checkmultiple', { pin: PIN, codes })).json).toMatchObject({ success: true })
    expect((await post('checkmultiple', { pin: PIN, codes: Array.from({ length: 101 }, (_, i) => String(2000000000 + i)) })).json).toMatchObject({
      return_code: 'SIM_TOO_MANY_CODES'
    })
  })

  it('marks used with DIRECT_FLOW, with a transaction id, GMT+7 used date and the store', async () => {
    const { json } = await post('usemultiple', { pin: PIN, codes: [V.new], bill_number: 'POS01-000123', total_bill: 150000, ...direct })
    expect(json).toMatchObject({ success: true, return_code: null, bill_number: 'POS01-000123' })
    expect(json['transaction_id']).toMatch(/^2978_20261122120000\d{6}$/)
    expect(json.data[0]).toMatchObject({
      code: V.new,
      state: 4,
      redemptions: { redemption_value: 100000, used_date: '2026-11-22 12:00:00', used_store: { name_vi: 'Cửa hàng Quận 1', name_en: 'Store District 1' } }
    })
    expect(sim.sim.uses.get(V.new)).toBe(1)
    const again = await post('checkmultiple', { pin: PIN, codes: [V.new] })
    expect(again.json.data[0]).toMatchObject({ state: 4, redemptions: { bill_number: 'POS01-000123', used_date: '2026-11-22 12:00:00' } })
  })

  it('gives each mark use its own transaction id', async () => {
    const a = await post('usemultiple', { pin: PIN, codes: [V.new], bill_number: 'B1', ...direct })
    const b = await post('usemultiple', { pin: PIN, codes: [V.new_200k], bill_number: 'B2', ...direct })
    expect(a.json['transaction_id']).not.toBe(b.json['transaction_id'])
  })

  it('refuses a second use, with when, where and on which bill it was first used, from any store', async () => {
    await post('usemultiple', { pin: PIN, codes: [V.new], bill_number: 'B1', ...direct })
    for (const pin of [PIN, OTHER_STORE]) {
      const { json } = await post('usemultiple', { pin, codes: [V.new], bill_number: 'B9', ...direct })
      expect(json).toMatchObject({ success: false, return_code: 'SIM_VOUCHER_USED' })
      expect(json.data[0]).toMatchObject({ state: 4, redemptions: { bill_number: 'B1', used_date: '2026-11-22 12:00:00', used_store: { name_en: 'Store District 1' } } })
    }
    expect(sim.sim.uses.get(V.new)).toBe(1)
  })

  it('refuses the seeded used voucher and names the other store', async () => {
    const { json } = await post('checkmultiple', { pin: PIN, codes: [V.used] })
    expect(json.data[0]).toMatchObject({ state: 4, redemptions: { bill_number: 'POS07-000991', used_store: { name_en: 'Store District 3' } } })
  })

  it('refuses expired (by state or by date in GMT+7), cancelled, inactive and split vouchers with their state', async () => {
    for (const [code, returnCode, state] of [
      [V.expired, 'SIM_VOUCHER_EXPIRED', 8],
      [V.expired_by_date, 'SIM_VOUCHER_EXPIRED', 8],
      [V.cancelled, 'SIM_VOUCHER_CANCELLED', 9],
      [V.inactive, 'SIM_VOUCHER_INACTIVE', 0],
      [V.split, 'SIM_VOUCHER_SPLIT', 10]
    ] as const) {
      const { json } = await post('usemultiple', { pin: PIN, codes: [code], bill_number: 'B1', ...direct })
      expect(json, code).toMatchObject({ success: false, return_code: returnCode, data: [{ code, state }] })
    }
    expect((await post('checkmultiple', { pin: PIN, codes: [V.cancelled] })).json.data[0]).toMatchObject({ cancel_date: '2026-10-01' })
  })

  it('lets a voucher expire at the end of its expiry day in GMT+7', async () => {
    const voucher = sim.sim.voucher(V.new_50k)
    if (voucher) voucher.expiryDate = '2026-11-22'
    sim.clock.set(new Date('2026-11-22T16:59:59Z')) // 23:59:59 GMT+7
    expect((await post('checkmultiple', { pin: PIN, codes: [V.new_50k] })).json).toMatchObject({ success: true })
    sim.clock.advance(1000)
    expect((await post('checkmultiple', { pin: PIN, codes: [V.new_50k] })).json).toMatchObject({ return_code: 'SIM_VOUCHER_EXPIRED', data: [{ state: 8 }] })
  })

  it('refuses a voucher reserved by another bill, another store or another merchant', async () => {
    for (const pin of [PIN, OTHER_STORE]) {
      for (const operation of ['reserved', 'usemultiple']) {
        const { json } = await post(operation, { pin, codes: [V.reserved_other], bill_number: 'MINE-1', ...direct })
        expect(json, `${operation} ${pin}`).toMatchObject({ success: false, data: [{ state: 11 }] })
      }
    }
    expect((await post('usemultiple', { pin: PIN, codes: [V.reserved_other_merchant], bill_number: 'OB-1', ...direct })).json).toMatchObject({
      return_code: 'SIM_RESERVED_OTHER_BILL'
    })
    // The reserving store with the reserving bill may use it.
    expect((await post('usemultiple', { pin: OTHER_STORE, codes: [V.reserved_other], bill_number: 'WEB-7781' })).json).toMatchObject({ success: true, data: [{ state: 4 }] })
  })

  it('runs RESERVE_FLOW: reserve, use for the same bill; another bill is refused', async () => {
    const reserved = await post('reserved', { pin: PIN, codes: [V.new], bill_number: 'R-1', total_bill: 100000, bill_created_at: '2026-11-22 11:59:00' })
    expect(reserved.json).toMatchObject({
      success: true,
      bill_number: 'R-1',
      used_store: { name_en: 'Store District 1' },
      data: [{ code: V.new, state: 11, redemptions: { redemption_value: 100000 } }]
    })
    expect((await post('usemultiple', { pin: PIN, codes: [V.new], bill_number: 'R-2' })).json).toMatchObject({ return_code: 'SIM_BILL_MISMATCH' })
    expect((await post('reserved', { pin: PIN, codes: [V.new], bill_number: 'R-2' })).json).toMatchObject({ return_code: 'SIM_RESERVED_OTHER_BILL' })
    expect((await post('usemultiple', { pin: PIN, codes: [V.new], bill_number: 'R-1' })).json).toMatchObject({ success: true, data: [{ state: 4 }] })
  })

  it('unreserves for the same bill back to the state before; another bill or no reservation fails', async () => {
    await post('reserved', { pin: PIN, codes: [V.opened], bill_number: 'R-1' })
    expect((await post('unreserved', { pin: PIN, codes: [V.opened], bill_number: 'R-2' })).json).toMatchObject({ return_code: 'SIM_BILL_MISMATCH' })
    const { json } = await post('unreserved', { pin: PIN, codes: [V.opened], bill_number: 'R-1', bill_created_at: '2026-11-22 11:59:00' })
    expect(json).toMatchObject({ success: true, bill_number: 'R-1', data: [{ code: V.opened, value: 100000, product_id: 12345, voucher_type: 'standard' }] })
    expect(json.data[0]).not.toHaveProperty('state')
    expect(sim.sim.voucher(V.opened)?.state).toBe(3)
    expect((await post('unreserved', { pin: PIN, codes: [V.opened], bill_number: 'R-1' })).json).toMatchObject({ return_code: 'SIM_NOT_RESERVED' })
  })

  it('needs a reservation or the DIRECT_FLOW flag to mark use at a reserve-flow merchant', async () => {
    expect((await post('usemultiple', { pin: PIN, codes: [V.new], bill_number: 'B1' })).json).toMatchObject({ return_code: 'SIM_NOT_RESERVED' })
    const merchant = sim.sim.merchant('merchant-a')
    if (merchant) merchant.requireReserve = false
    expect((await post('usemultiple', { pin: PIN, codes: [V.new], bill_number: 'B1' })).json).toMatchObject({ success: true })
  })

  it('refuses a voucher of another merchant', async () => {
    expect((await post('checkmultiple', { pin: PIN, codes: [V.not_for_this_store] })).json).toMatchObject({ return_code: 'SIM_MERCHANT_NOT_ALLOWED' })
    expect((await post('checkmultiple', { pin: OTHER_MERCHANT, codes: [V.not_for_this_store] })).json).toMatchObject({ success: true })
  })

  it('applies conditional vouchers only to bills with a redeemable SKU, worth at most the matching lines', async () => {
    const lines = [
      { sku: 'SKU001', quantity: 1, price: 30000 },
      { sku: 'SKU002', quantity: 2, price: 200000 },
      { sku: 'SKU003', quantity: 2, price: 15000 }
    ]
    const check = await post('checkmultiple', { pin: PIN, codes: [V.conditional], total_bill: 460000, skus_info: lines, ...direct })
    expect(check.json.data[0]).toMatchObject({
      voucher_type: 'conditional',
      conditions: { redeemable_skus: ['SKU001', 'SKU003'], order_value: 100000, start_date: '2025-01-10' },
      redemptions: { redemption_value: 60000 }
    })
    const noSku = await post('usemultiple', { pin: PIN, codes: [V.conditional], bill_number: 'C1', total_bill: 400000, skus_info: [lines[1]], ...direct })
    expect(noSku.json).toMatchObject({ return_code: 'SIM_CONDITION_NOT_MET' })
    const small = await post('usemultiple', { pin: PIN, codes: [V.conditional], bill_number: 'C1', total_bill: 30000, skus_info: [lines[0]], ...direct })
    expect(small.json).toMatchObject({ return_code: 'SIM_CONDITION_NOT_MET' })
    const used = await post('usemultiple', { pin: PIN, codes: [V.conditional], bill_number: 'C1', total_bill: 460000, skus_info: lines, ...direct })
    expect(used.json.data[0]).toMatchObject({ state: 4, redemptions: { redemption_value: 60000, redeem_sku_codes: [lines[0], lines[2]] } })
  })

  it('honours start dates, excluded dates and excluded weekdays in GMT+7', async () => {
    const bill = { pin: PIN, codes: [V.conditional_not_tuesday], bill_number: 'C2', skus_info: [{ sku: 'SKU001', quantity: 1, price: 90000 }], ...direct }
    sim.clock.set(new Date('2026-11-23T17:30:00Z')) // Monday 17:30 UTC = Tuesday 00:30 GMT+7
    expect((await post('checkmultiple', bill)).json).toMatchObject({ return_code: 'SIM_CONDITION_NOT_MET' })
    sim.clock.set(new Date('2026-12-25T03:00:00Z')) // an excluded date (a Friday)
    expect((await post('checkmultiple', bill)).json).toMatchObject({ return_code: 'SIM_CONDITION_NOT_MET' })
    sim.clock.set(new Date('2025-01-09T03:00:00Z')) // before the start date
    expect((await post('checkmultiple', bill)).json).toMatchObject({ return_code: 'SIM_CONDITION_NOT_MET' })
    sim.clock.set(new Date('2026-11-24T17:30:00Z')) // Wednesday 00:30 GMT+7
    expect((await post('usemultiple', bill)).json).toMatchObject({ success: true, data: [{ redemptions: { redemption_value: 50000 } }] })
  })

  it('is all-or-nothing by default, and can be switched to partial', async () => {
    expect((await post('usemultiple', { pin: PIN, codes: [V.new, V.expired], bill_number: 'B1', ...direct })).json).toMatchObject({ success: false })
    expect(sim.sim.voucher(V.new)?.state).toBe(1)
    sim.sim.config.atomic = false
    expect((await post('usemultiple', { pin: PIN, codes: [V.new, V.expired], bill_number: 'B1', ...direct })).json).toMatchObject({ success: false })
    expect(sim.sim.voucher(V.new)?.state).toBe(4)
  })

  it('answers a repeated mark use on the same bill as "used" by default, or replays it', async () => {
    const first = await post('usemultiple', { pin: PIN, codes: [V.new], bill_number: 'B1', ...direct })
    expect((await post('usemultiple', { pin: PIN, codes: [V.new], bill_number: 'B1', ...direct })).json).toMatchObject({
      return_code: 'SIM_VOUCHER_USED',
      data: [{ redemptions: { bill_number: 'B1' } }]
    })
    sim.sim.config.replaySameBill = 'replay'
    const replay = await post('usemultiple', { pin: PIN, codes: [V.new], bill_number: 'B1', ...direct })
    expect(replay.json).toMatchObject({ success: true, transaction_id: first.json['transaction_id'] })
    expect((await post('usemultiple', { pin: PIN, codes: [V.new], bill_number: 'B2', ...direct })).json).toMatchObject({ return_code: 'SIM_VOUCHER_USED' })
    expect(sim.sim.uses.get(V.new)).toBe(1)
  })

  it('refuses requests without what they need, and answers other paths with 404', async () => {
    expect((await post('usemultiple', { pin: PIN, codes: [V.new], ...direct })).json).toMatchObject({ return_code: 'SIM_BAD_REQUEST' })
    expect((await post('checkmultiple', { pin: PIN, codes: [] })).json).toMatchObject({ return_code: 'SIM_BAD_REQUEST' })
    expect((await post('checkmultiple', { pin: PIN, codes: [V.new, V.new] })).json).toMatchObject({ return_code: 'SIM_BAD_REQUEST' })
    expect((await post('checkmultiple', { codes: [V.new] })).json).toMatchObject({ return_code: 'SIM_BAD_REQUEST' })
    expect((await fetch(`${sim.url}/merchant/v6.0/check.json`, { method: 'POST', body: '{}' })).status).toBe(404)
    expect((await fetch(`${sim.url}/merchant/v6.0/checkmultiple`)).status).toBe(404)
    expect((await fetch(`${sim.url}/merchant/v6.0/checkmultiple`, { method: 'POST', body: '{"pin":' })).status).toBe(400)
  })
})
