import { describe, expect, it } from 'vitest'
import { juspayOf } from '../../electron/core/providers/juspay'
import { REFUND_POLL_MINUTES } from '../../electron/core/providers/juspay/refund-operation'
import type { Core } from '../../electron/core/core'
import { CASHIER_PIN, errorOf, MANAGER_PIN, staffedTill, useCores, valueOf } from '../helpers/core'
import { freePort } from '../helpers/free-port'
import { useTempDirs } from '../helpers/temp-dir'
import { until } from '../helpers/until'

describe('Juspay payments in training mode', () => {
  const tempDir = useTempDirs()
  const openCore = useCores()

  async function till(training: Record<string, unknown> = {}) {
    let clock = new Date('2026-12-05T08:00:00Z')
    const core = openCore({ dataDir: tempDir(), now: () => clock, startWorker: false, training: { juspay: { refundSettleMs: 30_000, ...training } } })
    const staff = await staffedTill(core)
    valueOf(await core.call('settings:setStore', { idleLockSeconds: 0 }))
    const juspay = juspayOf(core)
    const sim = await juspay.connection.simulator()
    sim.clock.set(clock)
    sim.sim.reset()
    const advance = (ms: number) => {
      clock = new Date(clock.getTime() + ms)
      sim.clock.set(clock)
    }
    const asCashier = async () => valueOf(await core.call('auth:signIn', { staffId: staff.cashierId, pin: CASHIER_PIN }))
    return { core, juspay, sim, advance, staff, asCashier }
  }

  const refundsAtJuspay = (sim: Awaited<ReturnType<typeof till>>['sim'], orderId: string) =>
    (sim.sim.inspect() as { orders: { orderId: string; refunds: { uniqueRequestId: string; amount: number; status: string }[] }[] }).orders.find((o) => o.orderId === orderId)?.refunds ?? []

  async function followUntilSettled(core: Core, juspay: ReturnType<typeof juspayOf>, advance: (ms: number) => void, minutes: number) {
    advance(minutes * 60_000)
    await juspay.payments.followUp()
    return core
  }

  it('shows an order’s true status in every shape: charged by UPI or card, partly refunded, pending authentication, failed with the bank’s reason, unknown', async () => {
    const { core } = await till()
    expect(valueOf(await core.call('payments:order', { orderId: 'JP-CHARGED-UPI' }))).toMatchObject({
      status: 'CHARGED',
      amount: { amount: 62500, currency: 'INR' },
      refundable: { amount: 62500 },
      method: { type: 'UPI', upiId: 'asha@okaxis' },
      txnId: 'till_training-JP-CHARGED-UPI-1',
      gatewayReference: expect.stringMatching(/^pay_/),
      refundBlocked: null,
      updatable: false
    })
    const partly = valueOf(await core.call('payments:order', { orderId: 'jp-partly-refunded' }))
    expect(partly).toMatchObject({
      orderId: 'JP-PARTLY-REFUNDED',
      method: { cardBrand: 'VISA', last4: '4242' },
      amountRefunded: { amount: 20000 },
      effectiveAmount: { amount: 80000 },
      refundable: { amount: 80000 }
    })
    expect(partly.refunds).toEqual([expect.objectContaining({ uniqueRequestId: 'RFSEED0001', status: 'SUCCESS', amount: { amount: 20000, currency: 'INR' }, ours: false })])
    expect(valueOf(await core.call('payments:order', { orderId: 'JP-FULLY-REFUNDED' }))).toMatchObject({ fullyRefunded: true, refundBlocked: 'nothing_left' })
    expect(valueOf(await core.call('payments:order', { orderId: 'JP-PENDING-AUTH' }))).toMatchObject({ status: 'PENDING_VBV', refundBlocked: 'not_charged' })
    expect(valueOf(await core.call('payments:order', { orderId: 'JP-FAILED' }))).toMatchObject({ status: 'AUTHORIZATION_FAILED', bankError: { code: 'NB51', message: 'Insufficient funds' } })
    expect(valueOf(await core.call('payments:order', { orderId: 'JP-REFUND-TOO-LATE' }))).toMatchObject({ refundBlocked: 'too_late', lastDateToRefund: '2025-01-31T18:29:59.000Z' })
    expect(errorOf(await core.call('payments:order', { orderId: 'JP-NOBODY' }))).toMatchObject({ code: 'not_found', params: { reason: 'juspay_unknown_order' } })
    const again = valueOf(await core.call('payments:order', { orderId: 'JP-CHARGED-UPI' }))
    expect(again.calls.map((c) => c.operation)).toEqual(['orderStatus', 'orderStatus'])
    expect(again.calls[0]?.requestId).toBe(again.requestId)
  })

  it('sends what Juspay asks for on every call: Basic with the key, merchant id, version, routing id, a request id, form bodies', async () => {
    const { core, sim } = await till({ requireRoutingId: true })
    valueOf(await core.call('payments:order', { orderId: 'JP-CHARGED-UPI' }))
    valueOf(await core.call('payments:refund', { orderId: 'JP-CHARGED-UPI', amount: 10000 }))
    valueOf(await core.call('payments:mandates', { customerId: 'cust_asha' }))
    expect(sim.sim.seen.length).toBeGreaterThanOrEqual(4)
    for (const seen of sim.sim.seen) expect(seen).toMatchObject({ version: '2023-06-30', routingId: expect.any(String), requestId: expect.stringMatching(/^[0-9a-f-]{36}$/) })
    expect(sim.sim.seen.find((s) => s.path.endsWith('/refunds'))).toMatchObject({ routingId: 'JP-CHARGED-UPI', contentType: 'application/x-www-form-urlencoded' })
    const refundCall = sim.requests.find((r) => r.route === 'refund')
    expect(refundCall?.body).toEqual({ unique_request_id: expect.stringMatching(/^R[0-9A-Z]{1,20}$/), amount: '100.00' })
  })

  it('a partial refund is PENDING at first and followed until Juspay says SUCCESS; the order then shows it as ours', async () => {
    const { core, juspay, advance } = await till()
    const events: unknown[] = []
    core.context.events.subscribe((e) => {
      if (e.name === 'payments:changed') events.push(e.payload)
    })
    const refund = valueOf(await core.call('payments:refund', { orderId: 'JP-CHARGED-UPI', amount: 20000, reason: 'one item returned' }))
    expect(refund).toMatchObject({ status: 'PENDING', amount: { amount: 20000, currency: 'INR' }, staffName: 'Mai Manager', problem: null })
    expect(refund.uniqueRequestId).toMatch(/^[A-Za-z0-9]{1,21}$/)
    expect(valueOf(await core.call('payments:order', { orderId: 'JP-CHARGED-UPI' })).refundable.amount).toBe(42500)
    // Juspay settles it 30 s later; the till looks again a minute after it was accepted.
    await followUntilSettled(core, juspay, advance, REFUND_POLL_MINUTES[0] ?? 1)
    expect(valueOf(await core.call('payments:refunds', { orderId: 'JP-CHARGED-UPI' }))[0]?.status).toBe('SUCCESS')
    expect(events.at(-1)).toMatchObject({ uniqueRequestId: refund.uniqueRequestId, status: 'SUCCESS' })
    const order = valueOf(await core.call('payments:order', { orderId: 'JP-CHARGED-UPI' }))
    expect(order.refunds).toEqual([expect.objectContaining({ uniqueRequestId: refund.uniqueRequestId, status: 'SUCCESS', ours: true, reference: expect.stringMatching(/^ARN/) })])
    expect(order).toMatchObject({ amountRefunded: { amount: 20000 }, refundable: { amount: 42500 } })
    const audit = core.context.db.prepare("SELECT subject, detail FROM audit_log WHERE action = 'refund_requested'").all() as { subject: string; detail: string }[]
    expect(audit).toEqual([{ subject: refund.uniqueRequestId, detail: expect.stringContaining('JP-CHARGED-UPI') }])
  })

  it('a full refund takes what is left; an over-refund, a refund of an unpaid order and one after the last date are refused before anything is sent', async () => {
    const { core, sim } = await till()
    expect(errorOf(await core.call('payments:refund', { orderId: 'JP-PARTLY-REFUNDED', amount: 80001 }))).toMatchObject({
      code: 'invalid_input',
      params: { reason: 'juspay_over_refund', refundable: '800.00', amount: '800.01' }
    })
    expect(errorOf(await core.call('payments:refund', { orderId: 'JP-PENDING-AUTH' }))).toMatchObject({ code: 'conflict', params: { reason: 'juspay_not_refundable', status: 'PENDING_VBV' } })
    expect(errorOf(await core.call('payments:refund', { orderId: 'JP-FULLY-REFUNDED' }))).toMatchObject({ params: { reason: 'juspay_nothing_left' } })
    expect(errorOf(await core.call('payments:refund', { orderId: 'JP-REFUND-TOO-LATE' }))).toMatchObject({ params: { reason: 'juspay_refund_too_late' } })
    expect(sim.requests.filter((r) => r.route === 'refund')).toHaveLength(0)
    const full = valueOf(await core.call('payments:refund', { orderId: 'JP-PARTLY-REFUNDED' }))
    expect(full.amount.amount).toBe(80000)
    expect(errorOf(await core.call('payments:refund', { orderId: 'JP-PARTLY-REFUNDED', amount: 100 }))).toMatchObject({ params: { reason: 'juspay_nothing_left' } })
  })

  it('a cashier refunds up to the limit alone; above it a manager’s PIN approves, and a wrong one refuses', async () => {
    const { core, staff, asCashier } = await till()
    await asCashier()
    expect(valueOf(await core.call('payments:options', {}))).toEqual({ cashierRefundLimit: { amount: 200000, currency: 'INR' } })
    valueOf(await core.call('payments:refund', { orderId: 'JP-CHARGED-UPI', amount: 10000 }))
    valueOf(await core.call('auth:signIn', { staffId: staff.managerId, pin: MANAGER_PIN }))
    valueOf(await core.call('settings:setProvider', { provider: 'juspay', values: { cashierRefundLimitRupees: '50' } }))
    await asCashier()
    expect(errorOf(await core.call('payments:refund', { orderId: 'JP-CHARGED-UPI', amount: 10000 }))).toMatchObject({
      code: 'forbidden',
      params: { reason: 'juspay_refund_needs_manager', limit: '50.00' }
    })
    expect(errorOf(await core.call('payments:refund', { orderId: 'JP-CHARGED-UPI', amount: 10000, approval: { managerId: staff.managerId, managerPin: '0000' } })).code).toBe('wrong_pin')
    const approved = valueOf(await core.call('payments:refund', { orderId: 'JP-CHARGED-UPI', amount: 10000, approval: { managerId: staff.managerId, managerPin: MANAGER_PIN } }))
    expect(approved).toMatchObject({ staffName: 'Cuong Cashier', approvedBy: 'Mai Manager', status: 'PENDING' })
  })

  it('a refund whose answer was lost is verified from the order’s refund list: exactly one refund at Juspay, never sent twice', async () => {
    const { core, sim } = await till()
    sim.faults.add({ route: 'refund', kind: 'reset-after', times: 1 })
    const refund = valueOf(await core.call('payments:refund', { orderId: 'JP-CHARGED-UPI', amount: 30000 }))
    expect(refund.status).toBe('verifying')
    const row = core.context.journal.latestBySubject(refund.uniqueRequestId)
    await core.context.worker.runNow(row?.id ?? 0)
    expect(valueOf(await core.call('payments:refunds', {}))[0]).toMatchObject({ uniqueRequestId: refund.uniqueRequestId, status: 'PENDING' })
    expect(refundsAtJuspay(sim, 'JP-CHARGED-UPI')).toEqual([{ uniqueRequestId: refund.uniqueRequestId, amount: 300, status: 'PENDING' }])
    expect(sim.requests.filter((r) => r.route === 'refund')).toHaveLength(1)
    expect(core.context.journal.get(row?.id ?? 0)?.state).toBe('succeeded')

    // A 5xx after Juspay made the refund, then sent again by hand: Juspay says duplicate.call, the list says it is ours.
    sim.faults.add({ route: 'refund', kind: 'status', status: 502, afterProcessing: true, times: 1 })
    const second = valueOf(await core.call('payments:refund', { orderId: 'JP-CHARGED-UPI', amount: 1000 }))
    expect(second.status).toBe('verifying')
    const secondRow = core.context.journal.latestBySubject(second.uniqueRequestId)
    await core.context.worker.runNow(secondRow?.id ?? 0)
    expect(refundsAtJuspay(sim, 'JP-CHARGED-UPI').filter((r) => r.uniqueRequestId === second.uniqueRequestId)).toHaveLength(1)
    expect(core.context.journal.get(secondRow?.id ?? 0)?.state).toBe('succeeded')
  })

  it('a refund dropped before Juspay processed it is checked first, then sent again with the same unique_request_id: one refund', async () => {
    const { core, sim } = await till()
    sim.faults.add({ route: 'refund', kind: 'reset-before', times: 1 })
    const refund = valueOf(await core.call('payments:refund', { orderId: 'JP-CHARGED-UPI', amount: 5000 }))
    expect(refund.status).toBe('verifying')
    const rowId = core.context.journal.latestBySubject(refund.uniqueRequestId)?.id ?? 0
    await core.context.worker.runNow(rowId)
    expect(valueOf(await core.call('payments:refunds', {}))[0]).toMatchObject({ status: 'queued' })
    await core.context.worker.runNow(rowId)
    expect(valueOf(await core.call('payments:refunds', {}))[0]).toMatchObject({ status: 'PENDING' })
    const posts = sim.requests.filter((r) => r.route === 'refund')
    expect(posts).toHaveLength(2)
    expect(posts[0]?.body).toEqual(posts[1]?.body)
    expect(refundsAtJuspay(sim, 'JP-CHARGED-UPI')).toHaveLength(1)
  })

  it('follows refunds that end in FAILURE or MANUAL_REVIEW and says so', async () => {
    const { core, juspay, advance } = await till()
    const fails = valueOf(await core.call('payments:refund', { orderId: 'JP-REFUND-FAILS', amount: 10000 }))
    const review = valueOf(await core.call('payments:refund', { orderId: 'JP-REFUND-REVIEW', amount: 10000 }))
    await followUntilSettled(core, juspay, advance, 1)
    const mine = valueOf(await core.call('payments:refunds', {}))
    expect(mine.find((r) => r.uniqueRequestId === fails.uniqueRequestId)).toMatchObject({ status: 'FAILURE', problem: { code: 'FAILURE', message: 'REFUND_FAILED: The bank declined the refund' } })
    expect(mine.find((r) => r.uniqueRequestId === review.uniqueRequestId)).toMatchObject({ status: 'MANUAL_REVIEW' })
    // A failed refund gives its amount back to what can be refunded.
    expect(valueOf(await core.call('payments:order', { orderId: 'JP-REFUND-FAILS' })).refundable.amount).toBe(50000)
  })

  it('a PENDING refund settles by webhook, confirmed with a status call; wrong credentials are refused and recorded, a duplicate is harmless', async () => {
    const { core, sim, advance } = await till()
    const port = await freePort()
    valueOf(await core.call('settings:setStore', { callbacks: { enabled: true, host: '127.0.0.1', port } }))
    await until(async () => valueOf(await core.call('callbacks:status', {})).listening, Boolean, 'the callback receiver to listen')
    sim.sim.config.webhookUrl = `http://127.0.0.1:${port}/juspay`

    sim.sim.config.webhookMode = 'wrong-credentials'
    const refused = valueOf(await core.call('payments:refund', { orderId: 'JP-CHARGED-UPI', amount: 1000 }))
    advance(31_000)
    expect(await sim.sim.deliverDue()).toBe(1)
    expect(valueOf(await core.call('callbacks:status', {})).deliveries[0]).toMatchObject({ provider: 'juspay', status: 401, outcome: 'refused: wrong Basic credentials' })
    expect(valueOf(await core.call('payments:refunds', {}))[0]).toMatchObject({ uniqueRequestId: refused.uniqueRequestId, status: 'PENDING' })
    // Juspay tries again a minute later, on its schedule.
    sim.sim.config.webhookMode = 'duplicate'
    advance(60_000)
    const ordersBefore = sim.requests.filter((r) => r.route === 'orderStatus').length
    expect(await sim.sim.deliverDue()).toBe(2)
    await until(
      async () => valueOf(await core.call('payments:refunds', {}))[0]?.status,
      (status) => status === 'SUCCESS',
      'the webhook to settle the refund'
    )
    // Confirmed by asking Juspay, once: the duplicate changed nothing.
    expect(sim.requests.filter((r) => r.route === 'orderStatus').length - ordersBefore).toBe(1)
    const outcomes = valueOf(await core.call('callbacks:status', {}))
      .deliveries.slice(0, 2)
      .map((d) => d.outcome)
    expect(outcomes.sort()).toEqual(['accepted', 'duplicate'])
  })

  it('webhooks that come newest first still leave every refund as Juspay holds it, because each is confirmed by asking', async () => {
    const { core, sim, advance } = await till()
    const port = await freePort()
    valueOf(await core.call('settings:setStore', { callbacks: { enabled: true, host: '127.0.0.1', port } }))
    await until(async () => valueOf(await core.call('callbacks:status', {})).listening, Boolean, 'the callback receiver to listen')
    Object.assign(sim.sim.config, { webhookUrl: `http://127.0.0.1:${port}/juspay`, webhookMode: 'out-of-order' })
    const fails = valueOf(await core.call('payments:refund', { orderId: 'JP-REFUND-FAILS', amount: 1000 }))
    const works = valueOf(await core.call('payments:refund', { orderId: 'JP-CHARGED-UPI', amount: 1000 }))
    advance(31_000)
    expect(await sim.sim.deliverDue()).toBe(2)
    // Juspay settled the UPI refund first; its webhook comes last.
    expect(sim.sim.deliveries.map((d) => d.name)).toEqual(['ORDER_REFUND_FAILED', 'ORDER_REFUNDED'])
    const settled = async () => Object.fromEntries(valueOf(await core.call('payments:refunds', {})).map((r) => [r.uniqueRequestId, r.status]))
    await until(settled, (now) => !Object.values(now).includes('PENDING'), 'both refunds to settle')
    expect(await settled()).toEqual({ [fails.uniqueRequestId]: 'FAILURE', [works.uniqueRequestId]: 'SUCCESS' })
  })

  it('changes the amount of an unpaid order, and refuses in words once a payment started', async () => {
    const { core } = await till()
    expect(valueOf(await core.call('payments:update', { orderId: 'JP-NEW-1', amount: 124900, udf: { udf1: 'till-3' } }))).toMatchObject({ status: 'NEW', amount: { amount: 124900 }, updatable: true })
    expect(valueOf(await core.call('payments:order', { orderId: 'JP-NEW-1' })).amount.amount).toBe(124900)
    expect(errorOf(await core.call('payments:update', { orderId: 'JP-CHARGED-UPI', amount: 100 }))).toMatchObject({ code: 'conflict', params: { reason: 'juspay_update_after_payment' } })
  })

  it('lists a customer’s mandates in every state with the next debit, and a manager revokes an active one: journaled, verified, audited', async () => {
    const { core, sim, staff, asCashier } = await till()
    const list = valueOf(await core.call('payments:mandates', { customerId: 'cust_asha' }))
    expect(list.map((m) => [m.mandateId, m.status, m.revocable])).toEqual([
      ['MD-ASHA-ACTIVE', 'ACTIVE', true],
      ['MD-ASHA-PAUSED', 'PAUSED', true],
      ['MD-ASHA-REVOKED', 'REVOKED', false],
      ['MD-ASHA-EXPIRED', 'EXPIRED', false],
      ['MD-ASHA-FAILED', 'FAILURE', false]
    ])
    const active = list[0]
    expect(active).toMatchObject({ maxAmount: { amount: 200000 }, amountRule: 'VARIABLE', frequency: 'MONTHLY', paymentMethod: 'UPI' })
    expect(Date.parse(active?.nextDebit ?? '')).toBeGreaterThan(Date.parse('2026-12-05T08:00:00Z'))
    expect(list[1]?.nextDebit).toBeNull()

    await asCashier()
    expect(errorOf(await core.call('payments:revoke', { mandateId: 'MD-ASHA-ACTIVE', customerId: 'cust_asha' })).code).toBe('forbidden')
    valueOf(await core.call('auth:signIn', { staffId: staff.managerId, pin: MANAGER_PIN }))
    // The status check goes first, then the revoke, whose answer is lost: the next status check settles it.
    sim.faults.add({ route: 'mandate', kind: 'reset-after', every: 2, times: 1 })
    const revoked = valueOf(await core.call('payments:revoke', { mandateId: 'MD-ASHA-ACTIVE', customerId: 'cust_asha' }))
    expect(revoked.state).toBe('verifying')
    await core.context.worker.runNow(core.context.journal.latestBySubject('mandate:MD-ASHA-ACTIVE')?.id ?? 0)
    expect(core.context.journal.latestBySubject('mandate:MD-ASHA-ACTIVE')?.state).toBe('succeeded')
    expect(valueOf(await core.call('payments:mandate', { mandateId: 'MD-ASHA-ACTIVE', customerId: 'cust_asha' })).status).toBe('REVOKED')
    expect(sim.requests.filter((r) => r.route === 'mandate' && (r.body as { command?: string }).command === 'revoke')).toHaveLength(1)
    expect(core.context.db.prepare("SELECT subject FROM audit_log WHERE action = 'mandate_revoke_requested'").pluck().all()).toEqual(['MD-ASHA-ACTIVE'])
    expect(errorOf(await core.call('payments:revoke', { mandateId: 'MD-ASHA-ACTIVE', customerId: 'cust_asha' }))).toMatchObject({
      code: 'conflict',
      params: { reason: 'juspay_mandate_not_active', status: 'REVOKED' }
    })
  })

  it('reads a mandate debit’s status at the documented path, and at another path when Settings say so', async () => {
    const { core } = await till()
    expect(valueOf(await core.call('payments:execution', { orderId: 'JP-MANDATE-DEBIT-1' }))).toMatchObject({ status: 'CHARGED', mandate: { mandateId: 'MD-ASHA-ACTIVE', status: 'ACTIVE' } })
    valueOf(await core.call('settings:setProvider', { provider: 'juspay', values: { executionPath: '/txns/v2/orders/{order_id}' } }))
    expect(errorOf(await core.call('payments:execution', { orderId: 'JP-MANDATE-DEBIT-1' }))).toMatchObject({ code: 'not_found', params: { reason: 'juspay_unknown_order' } })
    expect(errorOf(await core.call('settings:setProvider', { provider: 'juspay', values: { executionPath: '/orders/' } })).message).toMatch(/contains \{order_id\}/)
  })

  it('says what is missing when Juspay is not set up, and that the key was refused when it is wrong', async () => {
    const unset = openCore({ dataDir: tempDir(), env: { TILL_JUSPAY_MODE: 'sandbox' } })
    await staffedTill(unset)
    expect(errorOf(await unset.call('payments:order', { orderId: 'JP-CHARGED-UPI' }))).toMatchObject({ code: 'provider_unreachable', params: { reason: 'not_set_up', provider: 'Juspay' } })
    const { core, sim } = await till()
    sim.sim.config.apiKey = 'rotated-key'
    expect(errorOf(await core.call('payments:order', { orderId: 'JP-CHARGED-UPI' }))).toMatchObject({ code: 'provider_unreachable', params: { reason: 'credentials_refused', provider: 'Juspay' } })
  })

  it('sends one routing id, never empty, on every call about an order: the order’s own id, for a guest and a customer alike', async () => {
    const { core, juspay, sim, advance } = await till()
    for (const orderId of ['JP-GUEST-CARD', 'JP-CHARGED-UPI']) {
      valueOf(await core.call('payments:order', { orderId }))
      valueOf(await core.call('payments:refund', { orderId, amount: 10000, reason: 'one item returned' }))
    }
    advance(2 * 60_000)
    await juspay.payments.followUp()
    const aboutOrders = sim.requests.filter((r) => r.path.startsWith('/orders/'))
    expect(aboutOrders.length).toBeGreaterThanOrEqual(6)
    for (const request of aboutOrders) {
      const orderId = decodeURIComponent(request.path.split('/')[2] ?? '')
      expect(request.headers['x-routing-id'], `${request.method} ${request.path}`).toBe(orderId)
    }
  })
})
