import { readFileSync } from 'node:fs'
import { join } from 'node:path'
import { describe, expect, it } from 'vitest'
import type { Core } from '../../electron/core/core'
import { hubbleOf } from '../../electron/core/providers/hubble'
import { juspayOf } from '../../electron/core/providers/juspay'
import { brandIds as B } from '../../electron/core/sandbox/hubble/fixtures'
import { namedVoucherCodes as V } from '../../electron/core/sandbox/gotit/fixtures'
import { CASHIER_PIN, errorOf, MANAGER_PIN, staffedTill, useCores, valueOf } from '../helpers/core'
import { useTempDirs } from '../helpers/temp-dir'

const customer = { name: 'Asha Rao', phone: '9876543210', email: 'asha@example.com' }

describe('History: every provider’s money operations in one place', () => {
  const tempDir = useTempDirs()
  const openCore = useCores()

  async function till() {
    let clock = new Date('2026-12-05T03:00:00Z')
    const core = openCore({ dataDir: tempDir(), now: () => clock, startWorker: false })
    const staff = await staffedTill(core)
    valueOf(await core.call('settings:setStore', { idleLockSeconds: 0, timeZone: 'Asia/Ho_Chi_Minh' }))
    await hubbleOf(core).connection.simulator()
    const juspay = await juspayOf(core).connection.simulator()
    juspay.clock.set(clock)
    const at = (iso: string) => {
      clock = new Date(iso)
      juspay.clock.set(clock)
    }
    return { core, staff, at }
  }

  async function redeem(core: Core, code: string): Promise<string> {
    const check = valueOf(await core.call('redeem:check', { codes: [code] }))
    valueOf(await core.call('redeem:redeem', { billNumber: check.billNumber }))
    return check.billNumber
  }

  /** One of each: a redemption, a gift card sale, a Vipps receipt, a Juspay refund and a mandate revoke, an hour apart. */
  async function busyDay() {
    const t = await till()
    const { core, at } = t
    at('2026-12-05T02:10:00Z') // 09:10 in Ho Chi Minh City
    const bill = await redeem(core, V.new)
    at('2026-12-05T03:20:00Z')
    valueOf(await core.call('giftcards:sync', {}))
    const sale = valueOf(await core.call('giftcards:sell', { productId: B.zomato, lines: [{ denomination: 50000, quantity: 1 }], customer }))
    at('2026-12-05T04:30:00Z')
    valueOf(
      await core.call('receipts:attach', {
        paymentType: 'ECOM',
        orderId: 'pos-history-1',
        receipt: {
          orderLines: [{ name: 'Mug', id: 'SKU-1', totalAmount: 12500, totalAmountExcludingTax: 10000, totalTaxAmount: 2500, taxRate: 2500 }],
          bottomLine: { currency: 'NOK', receiptNumber: 'R-77', paymentSources: { card: 12500 } }
        }
      })
    )
    at('2026-12-05T05:40:00Z')
    const refund = valueOf(await core.call('payments:refund', { orderId: 'JP-CHARGED-UPI', amount: 20000, reason: 'one item, returned' }))
    at('2026-12-05T06:50:00Z')
    valueOf(await core.call('payments:revoke', { mandateId: 'MD-ASHA-ACTIVE', customerId: 'cust_asha' }))
    return { ...t, bill, sale, refund }
  }

  it('lists every operation newest first with status, amount, staff, till, provider id and request ids', async () => {
    const { core, bill, sale, refund } = await busyDay()
    const page = valueOf(await core.call('history:list', {}))
    expect(page.ownShiftOnly).toBe(false)
    expect(page.entries.map((e) => [e.provider, e.kind, e.ref, e.status, e.amount])).toEqual([
      ['juspay', 'mandate_revoke', expect.stringContaining('MD-ASHA-ACTIVE'), 'done', null],
      ['juspay', 'refund', refund.uniqueRequestId, 'open', { amount: 20000, currency: 'INR' }],
      ['vipps', 'receipt', 'ECOM:pos-history-1', 'done', { amount: 12500, currency: 'NOK' }],
      ['hubble', 'gift_sale', sale.order.referenceId, 'done', { amount: 50000, currency: 'INR' }],
      ['gotit', 'redemption', bill, 'done', { amount: 100000, currency: 'VND' }]
    ])
    for (const entry of page.entries) {
      expect(entry).toMatchObject({ staffName: 'Mai Manager', tillId: expect.stringMatching(/\S/) })
      expect(entry.requestIds.length, entry.kind).toBeGreaterThan(0)
    }
    expect(page.entries.find((e) => e.kind === 'redemption')?.summary).toBe(`••••${V.new.slice(-4)}`)
    expect(JSON.stringify(page)).not.toContain(V.new)
  })

  it('filters by day range, provider, status and staff, and pages on', async () => {
    const { core, staff, at } = await busyDay()
    valueOf(await core.call('auth:signIn', { staffId: staff.cashierId, pin: CASHIER_PIN }))
    at('2026-12-06T02:00:00Z')
    await redeem(core, '2000000007')
    valueOf(await core.call('auth:signIn', { staffId: staff.managerId, pin: MANAGER_PIN }))
    const refs = async (query: Record<string, unknown>) => valueOf(await core.call('history:list', query)).entries.map((e) => e.provider)
    expect(await refs({ from: '2026-12-06', to: '2026-12-06' })).toEqual(['gotit'])
    expect(await refs({ from: '2026-12-05', to: '2026-12-05' })).toEqual(['juspay', 'juspay', 'vipps', 'hubble', 'gotit'])
    expect(await refs({ provider: 'juspay' })).toEqual(['juspay', 'juspay'])
    expect(await refs({ status: 'open' })).toEqual(['juspay'])
    expect(await refs({ staffId: staff.cashierId })).toEqual(['gotit'])
    const first = valueOf(await core.call('history:list', { limit: 4 }))
    expect(first.entries).toHaveLength(4)
    const second = valueOf(await core.call('history:list', { limit: 4, before: first.next ?? undefined }))
    expect(second.entries.map((e) => e.provider)).toEqual(['hubble', 'gotit'])
    expect(second.next).toBeNull()
  })

  it('finds an operation by the last 4 of a code, a bill, a reference or order id, and a request id', async () => {
    const { core, bill, sale, refund } = await busyDay()
    const find = async (search: string) => valueOf(await core.call('history:list', { search })).entries.map((e) => e.ref)
    // A last 4 may match a gift card's too: every operation it fits is listed.
    expect(await find(V.new.slice(-4))).toContain(bill)
    expect(await find(bill.toLowerCase())).toEqual([bill])
    // Got It's transaction id, which arrives with the settlement.
    const redemption = valueOf(await core.call('redeem:get', { billNumber: bill }))
    expect(redemption.transactionId).toBeTruthy()
    expect(await find(redemption.transactionId ?? '')).toEqual([bill])
    expect(valueOf(await core.call('history:list', { search: bill })).entries[0]).toMatchObject({ status: 'done' })
    expect(await find(sale.order.referenceId)).toEqual([sale.order.referenceId])
    expect(await find('jp-charged-upi')).toEqual([refund.uniqueRequestId])
    expect(await find('pos-history-1')).toEqual(['ECOM:pos-history-1'])
    const requestId = refund.requestIds[0] ?? ''
    expect(await find(requestId)).toEqual([refund.uniqueRequestId])
    expect(await find('nothing-like-this')).toEqual([])
  })

  it('opens an operation’s whole story: journal moves, calls and who asked or approved', async () => {
    const { core, bill } = await busyDay()
    const entry = valueOf(await core.call('history:list', { provider: 'gotit' })).entries[0]
    const story = valueOf(await core.call('history:story', { id: entry?.id ?? 0 }))
    expect(story.entry.ref).toBe(bill)
    expect(story.journal).toEqual([expect.objectContaining({ operation: 'gotit.markUse', state: 'succeeded', moves: expect.arrayContaining([expect.objectContaining({ to: 'succeeded' })]) })])
    expect(story.calls.map((c) => c.operation)).toContain('usemultiple')
    expect(story.audit).toEqual([expect.objectContaining({ action: 'redemption_requested', actorName: 'Mai Manager' })])
  })

  it('shows a cashier only their own shift, and not another’s story', async () => {
    const { core, staff } = await busyDay()
    const managers = valueOf(await core.call('history:list', {})).entries
    valueOf(await core.call('shift:close', { acknowledge: true }))
    valueOf(await core.call('auth:signIn', { staffId: staff.cashierId, pin: CASHIER_PIN }))
    const mine = await redeem(core, '2000000007')
    const page = valueOf(await core.call('history:list', {}))
    expect(page).toMatchObject({ ownShiftOnly: true, entries: [{ ref: mine, staffName: 'Cuong Cashier' }] })
    expect(page.entries).toHaveLength(1)
    // Asking for the manager's entries changes nothing.
    expect(valueOf(await core.call('history:list', { staffId: staff.managerId })).entries.map((e) => e.ref)).toEqual([mine])
    expect(errorOf(await core.call('history:story', { id: managers[0]?.id ?? 0 })).code).toBe('not_found')
    expect(errorOf(await core.call('history:day', {})).code).toBe('forbidden')
  })

  it('totals the store day per provider and currency, by hour, beside the same weekday last week', async () => {
    const { core, at } = await busyDay()
    at('2026-11-28T02:30:00Z') // a week before, 09:30 local
    await redeem(core, '2000000007')
    at('2026-12-05T12:00:00Z')
    const day = valueOf(await core.call('history:day', { day: '2026-12-05' }))
    expect(day).toMatchObject({ day: '2026-12-05', timeZone: 'Asia/Ho_Chi_Minh', lastWeekDay: '2026-11-28', counts: { done: 4, open: 1, failed: 0, review: 0 } })
    expect(day.totals).toEqual([
      { provider: 'gotit', kind: 'redemption', currency: 'VND', count: 1, amount: 100000 },
      { provider: 'hubble', kind: 'gift_sale', currency: 'INR', count: 1, amount: 50000 },
      { provider: 'juspay', kind: 'mandate_revoke', currency: null, count: 1, amount: 0 },
      { provider: 'vipps', kind: 'receipt', currency: 'NOK', count: 1, amount: 12500 }
    ])
    expect(day.hours.filter((h) => h.count > 0).map((h) => [h.hour, h.count])).toEqual([
      [9, 1],
      [10, 1],
      [11, 1],
      [12, 1],
      [13, 1]
    ])
    expect(day.hours.filter((h) => h.lastWeek > 0).map((h) => [h.hour, h.lastWeek])).toEqual([[9, 1]])
  })

  it('exports CSV a spreadsheet reads right: BOM, RFC 4180 quoting, CRLF, codes masked, formulas guarded', async () => {
    const { core, bill, refund } = await busyDay()
    const result = valueOf(await core.call('history:export', { from: '2026-12-05', to: '2026-12-05' }))
    expect(result).toMatchObject({ rows: 5, file: expect.stringMatching(/^history-\d{8}-\d{6}-[a-z0-9]+\.csv$/) })
    const text = readFileSync(join(core.context.dataDir, 'exports', result.file), 'utf8')
    expect(result.bytes).toBe(Buffer.byteLength(text))
    expect(text.startsWith('\uFEFFwhen (store time),when (UTC),provider,')).toBe(true)
    const lines = text.slice(1).split('\r\n')
    expect(lines).toHaveLength(7)
    expect(lines.at(-1)).toBe('')
    expect(text).not.toContain(V.new)
    expect(text).toContain(`${bill}`)
    expect(lines.find((l) => l.includes(refund.uniqueRequestId))).toContain('"order JP-CHARGED-UPI · one item, returned"')
    expect(lines.find((l) => l.includes('gift_sale'))).toMatch(/^2026-12-05 10:20:00,2026-12-05T03:20:00\.000Z,hubble,gift_sale,G\w+,done,succeeded,500\.00,INR,Mai Manager,/)
  })
})
