import { png } from '../helpers/png'
import { describe, expect, it } from 'vitest'
import { vippsOf } from '../../electron/core/providers/vipps'
import type { Receipt } from '../../shared/domain/receipts'
import { errorOf, staffedTill, useCores, valueOf } from '../helpers/core'
import { useTempDirs } from '../helpers/temp-dir'
import { until } from '../helpers/until'
import { testVault } from '../helpers/test-vault'
import { startVippsSimulator } from '../../electron/core/sandbox/vipps'

const receipt: Receipt = {
  orderLines: [
    { name: 'Coffee mug', id: 'SKU-2002', totalAmount: 20000, totalAmountExcludingTax: 16000, totalTaxAmount: 4000, taxRate: 2500, unitInfo: { unitPrice: 10000, quantity: '2', quantityUnit: 'PCS' } },
    { name: 'Coffee beans', id: 'SKU-1001', totalAmount: 12500, totalAmountExcludingTax: 10870, totalTaxAmount: 1630, taxRate: 1500 }
  ],
  bottomLine: { currency: 'NOK', posId: 'till-1', receiptNumber: '000123', paymentSources: { voucher: 20000, card: 12500 } }
}

describe('Vipps MobilePay receipts in training mode', () => {
  const tempDir = useTempDirs()
  const openCore = useCores()

  async function till() {
    const core = openCore({ dataDir: tempDir(), startWorker: false })
    await staffedTill(core)
    const sim = await vippsOf(core).connection.simulator()
    return { core, sim }
  }

  it('looks a payment up as the customer sees it, and says when Vipps has nothing for it', async () => {
    const { core, sim } = await till()
    const found = valueOf(await core.call('receipts:lookup', { paymentType: 'ECOM', orderId: 'training-with-receipt-1' }))
    expect(found).toMatchObject({ msn: '123456', category: { category: 'RECEIPT' }, receipt: { bottomLine: { receiptNumber: '000101' } } })
    expect(errorOf(await core.call('receipts:lookup', { paymentType: 'RECURRING', orderId: 'training-with-receipt-1' }))).toMatchObject({
      code: 'not_found',
      params: { reason: 'vipps_unknown_order' }
    })
    expect(sim.sim.violations).toEqual([])
  })

  it('attaches a receipt once, and every request the client made keeps the official spec', async () => {
    const { core, sim } = await till()
    expect(valueOf(await core.call('receipts:attach', { paymentType: 'ECOM', orderId: 'pos-000123', receipt }))).toMatchObject({ status: 'attached', problem: null })
    expect(valueOf(await core.call('receipts:lookup', { paymentType: 'ECOM', orderId: 'pos-000123' })).receipt).toEqual(receipt)
    expect(errorOf(await core.call('receipts:attach', { paymentType: 'ECOM', orderId: 'pos-000123', receipt }))).toMatchObject({ code: 'conflict', params: { reason: 'vipps_receipt_exists' } })
    const calls = sim.requests.filter((r) => r.route !== 'token')
    expect(calls.map((r) => `${r.method} ${r.path}`)).toContain('POST /order-management/v2/ECOM/receipts/pos-000123')
    expect(sim.sim.violations).toEqual([])
  })

  it('a receipt whose answer was lost is verified with a GET: exactly one receipt, nothing sent twice', async () => {
    const { core, sim } = await till()
    sim.faults.add({ route: 'om-post', kind: 'reset-after', times: 1 })
    const first = valueOf(await core.call('receipts:attach', { paymentType: 'ECOM', orderId: 'pos-000124', receipt }))
    expect(first.status).toBe('verifying')
    const row = core.context.journal.latestBySubject('ECOM:pos-000124')
    await core.context.worker.runNow(row?.id ?? 0)
    expect(valueOf(await core.call('receipts:lookup', { paymentType: 'ECOM', orderId: 'pos-000124' })).receipt).toEqual(receipt)
    expect(sim.requests.filter((r) => r.route === 'om-post')).toHaveLength(1)
    expect(core.context.journal.get(row?.id ?? 0)?.state).toBe('succeeded')
  })

  it('a 409 whose stored receipt is ours counts as done; one that is not ours goes to a manager', async () => {
    const { core, sim } = await till()
    // Another system attached a different receipt to this payment first.
    const other = { ...receipt, bottomLine: { ...receipt.bottomLine, receiptNumber: 'OTHER-1' } }
    const stored = sim.sim.order('123456', 'ECOM', 'pos-000125')
    expect(stored).toBeUndefined()
    valueOf(await core.call('receipts:attach', { paymentType: 'ECOM', orderId: 'pos-000125', receipt: other }))
    core.context.db.prepare("DELETE FROM vipps_attachments WHERE order_id = 'pos-000125'").run()
    const mine = valueOf(await core.call('receipts:attach', { paymentType: 'ECOM', orderId: 'pos-000125', receipt }))
    expect(mine.status).toBe('needs_review')
    expect(core.context.journal.list(['needs_review'])[0]).toMatchObject({
      subject: 'ECOM:pos-000125',
      last_error: 'Vipps already has a receipt for this payment: Vipps holds a different receipt for this payment'
    })
  })

  it('logs in again once when the token stops working, and says what is missing when Vipps is not set up', async () => {
    const { core, sim } = await till()
    valueOf(await core.call('receipts:lookup', { paymentType: 'ECOM', orderId: 'training-with-receipt-1' }))
    sim.sim.revokeTokens()
    valueOf(await core.call('receipts:lookup', { paymentType: 'ECOM', orderId: 'training-with-receipt-1' }))
    expect(sim.requests.filter((r) => r.route === 'token')).toHaveLength(2)

    const unset = openCore({ dataDir: tempDir(), env: { TILL_VIPPS_MODE: 'sandbox' } })
    await staffedTill(unset)
    expect(errorOf(await unset.call('receipts:lookup', { paymentType: 'ECOM', orderId: 'x' }))).toMatchObject({
      code: 'provider_unreachable',
      params: { reason: 'not_set_up', provider: 'Vipps MobilePay' }
    })
  })

  it('uploads an image checked first, sets and then replaces a category with it, all within the spec', async () => {
    const { core, sim } = await till()
    expect(errorOf(await core.call('receipts:image', { base64: png(100) }))).toMatchObject({ code: 'invalid_input', params: { reason: 'vipps_image' } })
    const image = valueOf(await core.call('receipts:image', { base64: png(300) }))
    expect(image).toMatchObject({ state: 'done', imageId: expect.stringMatching(/^I[0-9A-Z]+$/) })
    const ref = { paymentType: 'ECOM' as const, orderId: 'pos-000127' }
    expect(valueOf(await core.call('receipts:category', { ...ref, category: 'GENERAL', orderDetailsUrl: 'https://shop.example.com/orders/127' }))).toMatchObject({ state: 'done' })
    expect(valueOf(await core.call('receipts:category', { ...ref, category: 'RECEIPT', orderDetailsUrl: 'https://shop.example.com/receipts/127', imageId: image.imageId }))).toMatchObject({
      state: 'done'
    })
    expect(valueOf(await core.call('receipts:lookup', ref)).category).toEqual({ category: 'RECEIPT', orderDetailsUrl: 'https://shop.example.com/receipts/127', imageId: image.imageId })
    expect(sim.sim.violations).toEqual([])
  })

  it('offers the store’s VAT rates and order link template from Settings, and refuses a template without the order id', async () => {
    const { core } = await till()
    expect(valueOf(await core.call('receipts:options', {}))).toEqual({ vatRates: [2500, 1500, 1200, 0], orderLinkTemplate: null })
    valueOf(await core.call('settings:setProvider', { provider: 'vipps', values: { vatRates: '2500,0', orderLinkTemplate: 'https://shop.example.com/o/{orderId}' } }))
    expect(valueOf(await core.call('receipts:options', {}))).toEqual({ vatRates: [2500, 0], orderLinkTemplate: 'https://shop.example.com/o/{orderId}' })
    expect(errorOf(await core.call('settings:setProvider', { provider: 'vipps', values: { orderLinkTemplate: 'https://shop.example.com/o/' } })).message).toMatch(/contains \{orderId\}/)
  })

  it('checks a receipt before anything is sent: a line whose total is not its parts is refused', async () => {
    const { core, sim } = await till()
    const bad = { ...receipt, orderLines: [{ ...receipt.orderLines[0], totalAmount: 999 }] }
    expect(errorOf(await core.call('receipts:attach', { paymentType: 'ECOM', orderId: 'pos-000126', receipt: bad as Receipt }))).toMatchObject({
      code: 'invalid_input',
      params: { reason: 'vipps_line_sum', line: 1, total: '9.99', parts: '200.00', currency: 'NOK' }
    })
    const unpaid = { ...receipt, bottomLine: { ...receipt.bottomLine, paymentSources: { card: 100 } } }
    expect(errorOf(await core.call('receipts:attach', { paymentType: 'ECOM', orderId: 'pos-000126', receipt: unpaid }))).toMatchObject({
      params: { reason: 'vipps_paid_mismatch', paid: '1.00', total: '325.00' }
    })
    expect(sim.requests.filter((r) => r.route === 'om-post')).toHaveLength(0)
  })

  it('shows every call about a payment and the till’s own receipt in the lookup, and tells the screens when a verified receipt settles', async () => {
    const { core, sim } = await till()
    const events: unknown[] = []
    core.context.events.subscribe((event) => {
      if (event.name === 'receipts:changed') events.push(event.payload)
    })
    sim.faults.add({ route: 'om-post', kind: 'reset-after', times: 1 })
    expect(valueOf(await core.call('receipts:attach', { paymentType: 'ECOM', orderId: 'pos-000128', receipt })).status).toBe('verifying')
    await core.context.worker.runNow(core.context.journal.latestBySubject('ECOM:pos-000128')?.id ?? 0)
    expect(events.at(-1)).toMatchObject({ orderId: 'pos-000128', status: 'attached' })
    const view = valueOf(await core.call('receipts:lookup', { paymentType: 'ECOM', orderId: 'pos-000128' }))
    expect(view.attachment).toMatchObject({ status: 'attached' })
    // Newest first: this lookup, the verifying GET, the POST whose answer was lost.
    expect(view.calls.map((c) => c.operation)).toEqual(['getOrder', 'getOrder', 'addReceipt'])
    expect(view.calls[0]?.requestId).toBe(view.requestId)
    expect(view.calls[2]).toMatchObject({ status: null, errorCode: expect.any(String) })
    expect(view.attachment?.requestIds).toEqual([view.calls[2]?.requestId, view.calls[1]?.requestId])
    expect(valueOf(await core.call('receipts:lookup', { paymentType: 'ECOM', orderId: 'training-no-receipt-1' })).calls).toHaveLength(1)
  })

  it('says in words when the sales unit does not cover a payment and when Vipps asks the till to wait', async () => {
    const { core, sim } = await till()
    sim.faults.add({ route: 'om-get', kind: 'status', status: 429, times: 1 })
    expect(errorOf(await core.call('receipts:lookup', { paymentType: 'ECOM', orderId: 'training-with-receipt-1' }))).toMatchObject({ code: 'provider_rejected', params: { reason: 'vipps_busy' } })
    // The credentials stop covering the till's sales unit (MSN).
    sim.sim.config.msns.length = 0
    expect(errorOf(await core.call('receipts:lookup', { paymentType: 'ECOM', orderId: 'training-with-receipt-1' }))).toMatchObject({
      code: 'provider_rejected',
      params: { reason: 'vipps_forbidden', status: 403 }
    })
  })

  it('a receipt attached while Vipps cannot be reached at all waits and goes later: no answer to the login is not a refusal', async () => {
    const { core, sim } = await till()
    sim.faults.add({ route: '*', kind: 'reset-before' })
    expect(valueOf(await core.call('receipts:attach', { paymentType: 'ECOM', orderId: 'pos-000201', receipt }))).toMatchObject({ status: 'queued' })
    expect(valueOf(await core.call('journal:list', {}))).toEqual([expect.objectContaining({ state: 'pending', reason: 'provider_unreachable' })])
  })

  it('a receipt attached while Vipps refuses the till’s credentials stops, waits for a manager in the Queue, and goes again once the settings are saved', async () => {
    const sim = await startVippsSimulator()
    try {
      const env = { TILL_VIPPS_MODE: 'sandbox', TILL_VIPPS_BASE_URL: sim.url, TILL_VIPPS_CLIENT_ID: sim.clientId, TILL_VIPPS_SUBSCRIPTION_KEY: sim.subscriptionKey, TILL_VIPPS_MSN: sim.msn }
      const core = openCore({ dataDir: tempDir(), startWorker: false, env, vault: testVault() })
      await staffedTill(core)
      valueOf(await core.call('settings:setProvider', { provider: 'vipps', secrets: { clientSecret: 'an-old-secret' } }))
      const first = valueOf(await core.call('receipts:attach', { paymentType: 'ECOM', orderId: 'pos-000200', receipt }))
      expect(first).toMatchObject({ status: 'needs_review', problem: { title: 'Vipps MobilePay refused the till’s credentials' } })
      const [item] = valueOf(await core.call('journal:list', {}))
      expect(item).toMatchObject({ state: 'needs_review', lastError: expect.stringContaining('A manager must check Vipps MobilePay in Settings → Providers') })
      // Not retried with backoff for ever: the worker leaves it alone.
      const tokenCalls = () => sim.requests.filter((r) => r.route === 'token').length
      const before = tokenCalls()
      await core.context.worker.drain()
      expect(tokenCalls()).toBe(before)

      valueOf(await core.call('settings:setProvider', { provider: 'vipps', secrets: { clientSecret: sim.clientSecret } }))
      await until(
        async () => valueOf(await core.call('receipts:lookup', { paymentType: 'ECOM', orderId: 'pos-000200' })).receipt,
        (r) => r !== null && r !== undefined,
        'the receipt to reach Vipps'
      )
      await until(
        async () => valueOf(await core.call('journal:list', {})),
        (items) => items.length === 0,
        'the Queue to be empty'
      )
      expect(sim.requests.filter((r) => r.route === 'om-post')).toHaveLength(1)
    } finally {
      await sim.close()
    }
  })
})
