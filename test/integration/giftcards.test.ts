import { freePort } from '../helpers/free-port'
import { describe, expect, it } from 'vitest'
import { hubbleOf } from '../../electron/core/providers/hubble'
import { brandIds as B } from '../../electron/core/sandbox/hubble/fixtures'
import type { HubbleSimConfig } from '../../electron/core/sandbox/hubble/hubble-simulator'
import { errorOf, staffedTill, useCores, valueOf } from '../helpers/core'
import { useTempDirs } from '../helpers/temp-dir'


const customer = { name: 'Asha Rao', phone: '9876543210', email: 'asha@example.com' }

describe('selling Hubble gift cards in training mode', () => {
  const tempDir = useTempDirs()
  const openCore = useCores()

  async function till(config: Partial<HubbleSimConfig> = {}) {
    let clock = new Date('2026-11-22T08:00:00Z')
    const core = openCore({ dataDir: tempDir(), now: () => clock, startWorker: false, training: { hubble: config }, env: { TILL_HUBBLE_TIMEOUT_MS: '1000' } })
    await staffedTill(core)
    const hubble = hubbleOf(core)
    const sim = await hubble.connection.simulator()
    sim.clock.set(clock)
    const advance = (ms: number) => {
      clock = new Date(clock.getTime() + ms)
      sim.clock.set(clock)
    }
    valueOf(await core.call('settings:setStore', { idleLockSeconds: 0 }))
    valueOf(await core.call('giftcards:sync', {}))
    return { core, hubble, sim, advance }
  }

  const sell = (core: Awaited<ReturnType<typeof till>>['core'], productId: string, lines: { denomination: number; quantity: number }[]) =>
    core.call('giftcards:sell', { productId, lines, customer })

  it('keeps the active brands of the catalogue and finds them by name and category, offline too', async () => {
    const { core, sim } = await till()
    const all = valueOf(await core.call('giftcards:brands', {}))
    expect(all.map((b) => b.title)).not.toContain('Swiggy')
    expect(all.find((b) => b.id === B.amazon)).toMatchObject({ denominationType: 'FIXED', rules: { denominations: [{ amount: 50000, currency: 'INR' }, { amount: 100000 }, { amount: 200000 }, { amount: 500000 }] } })
    await sim.close()
    expect(valueOf(await core.call('giftcards:brands', { query: 'zom' })).map((b) => b.title)).toEqual(['Zomato'])
    expect(valueOf(await core.call('giftcards:brands', { category: 'FOOD' })).map((b) => b.title)).toEqual(['Zomato'])
  })

  it('sells: the cards come back whole once, are kept masked, and no PIN is stored anywhere', async () => {
    const { core, sim } = await till()
    const sale = valueOf(await sell(core, B.zomato, [{ denomination: 50000, quantity: 2 }]))
    expect(sale.order).toMatchObject({ status: 'succeeded', amount: { amount: 100000, currency: 'INR' }, brand: { title: 'Zomato' } })
    expect(sale.order.referenceId).toMatch(/^G[0-9A-Z]{10,20}$/)
    expect(sale.cards).toHaveLength(2)
    const card = sale.cards[0]
    expect(card?.cardPin).toMatch(/^\d{6}$/)
    expect(sale.order.cards[0]).toEqual({ id: card?.id, last4: card?.cardNumber?.slice(-4), hasPin: true, validTill: card?.validTill, amount: { amount: 50000, currency: 'INR' } })
    expect(sale.order.requestIds.length).toBeGreaterThanOrEqual(1)
    core.context.http.log.flush()
    const everything = JSON.stringify([core.context.db.prepare('SELECT * FROM gift_orders').all(), core.context.db.prepare('SELECT * FROM provider_calls').all(), core.context.db.prepare('SELECT * FROM journal').all(), core.context.db.prepare('SELECT * FROM audit_log').all()])
    for (const c of sale.cards) {
      expect(everything).not.toContain(c.cardPin)
      expect(everything).not.toContain(c.cardNumber)
    }
    expect(valueOf(await core.call('giftcards:order', { referenceId: sale.order.referenceId })).cards).toEqual(sale.order.cards)
    expect(sim.sim.orders.size).toBe(1)
    // Shown whole again only by asking Hubble, and the audit log says who did.
    const again = valueOf(await core.call('giftcards:showAgain', { referenceId: sale.order.referenceId }))
    expect(again.cards.map((c) => c.cardPin)).toEqual(sale.cards.map((c) => c.cardPin))
    const [entry] = valueOf(await core.call('audit:list', { limit: 1 }))
    expect(entry).toMatchObject({ action: 'gift_cards_shown', subject: sale.order.referenceId, actorName: 'Mai Manager' })
    expect(JSON.stringify(entry)).not.toContain(card?.cardPin ?? 'x')
  })

  it('says why a failed order failed, and an empty wallet in words', async () => {
    const { core } = await till({ walletRupees: 600 })
    const failed = valueOf(await sell(core, B.nykaaFails, [{ denomination: 10000, quantity: 1 }]))
    expect(failed.order).toMatchObject({ status: 'failed', failure: { code: 'FAILED', message: 'Brand provider could not issue the voucher' } })
    expect(failed.cards).toEqual([])
    const empty = valueOf(await sell(core, B.zomato, [{ denomination: 100000, quantity: 1 }]))
    expect(empty.order).toMatchObject({ status: 'failed', failure: { code: 'E300' } })
  })

  it('follows an order Hubble is still processing: polls from one minute after placing, settles it when Hubble does', async () => {
    const { core, hubble, sim, advance } = await till()
    const sale = valueOf(await sell(core, B.bigbasketSlow, [{ denomination: 20000, quantity: 1 }]))
    expect(sale.order.status).toBe('processing')
    expect(sale.cards).toEqual([])
    const reads = () => [...sim.sim.orders.values()][0]?.reads
    await hubble.sales.followUp()
    expect(reads()).toBe(0) // not before a minute
    advance(60_000)
    await hubble.sales.followUp()
    expect(reads()).toBe(1)
    expect(valueOf(await core.call('giftcards:order', { referenceId: sale.order.referenceId })).status).toBe('processing')
    advance(60_000)
    await hubble.sales.followUp()
    expect(reads()).toBe(1) // the second poll is at three minutes
    advance(60_000)
    await hubble.sales.followUp()
    expect(reads()).toBe(2)
    const done = valueOf(await core.call('giftcards:order', { referenceId: sale.order.referenceId }))
    expect(done).toMatchObject({ status: 'succeeded', cards: [{ hasPin: true }] })
  })

  it('polls at most five times, and fails an order still processing after 15 minutes on its own side', async () => {
    const { core, hubble, sim, advance } = await till()
    const brand = sim.sim.brands.get(B.bigbasketSlow)
    if (brand) brand.outcome = { kind: 'processing', settleAfterMs: null, then: 'success' }
    const sale = valueOf(await sell(core, B.bigbasketSlow, [{ denomination: 20000, quantity: 1 }]))
    const polledAt: number[] = []
    for (let minute = 1; minute <= 16; minute++) {
      advance(60_000)
      const before = [...sim.sim.orders.values()][0]?.reads ?? 0
      await hubble.sales.followUp()
      if (([...sim.sim.orders.values()][0]?.reads ?? 0) > before) polledAt.push(minute)
    }
    expect(polledAt).toEqual([1, 3, 6, 10, 14])
    expect(valueOf(await core.call('giftcards:order', { referenceId: sale.order.referenceId }))).toMatchObject({ status: 'failed', failure: { code: 'NO_ANSWER' } })
  })

  it('a lost answer before Hubble created the order: by-reference says 404, the same referenceId goes again, one order', async () => {
    const { core, sim } = await till()
    sim.faults.add({ route: 'placeOrder', kind: 'reset-before', times: 1 })
    const first = valueOf(await sell(core, B.zomato, [{ denomination: 50000, quantity: 1 }]))
    expect(first.order.status).toBe('verifying')
    const id = core.context.journal.latestBySubject(first.order.referenceId)?.id ?? 0
    await core.context.worker.runNow(id) // verify: 404, not placed
    await core.context.worker.runNow(id) // send again, same referenceId
    expect(valueOf(await core.call('giftcards:order', { referenceId: first.order.referenceId })).status).toBe('succeeded')
    const places = sim.requests.filter((r) => r.route === 'placeOrder').map((r) => (r.body as { referenceId: string }).referenceId)
    expect(places).toEqual([first.order.referenceId, first.order.referenceId])
    expect(sim.requests.filter((r) => r.route === 'orderByReference')).toHaveLength(1)
    expect(sim.sim.orders.size).toBe(1)
  })

  it('a lost answer after Hubble created the order: by-reference finds it, nothing is sent again', async () => {
    const { core, sim } = await till()
    sim.faults.add({ route: 'placeOrder', kind: 'reset-after', times: 1 })
    const first = valueOf(await sell(core, B.zomato, [{ denomination: 50000, quantity: 1 }]))
    expect(first.order.status).toBe('verifying')
    await core.context.worker.runNow(core.context.journal.latestBySubject(first.order.referenceId)?.id ?? 0)
    const after = valueOf(await core.call('giftcards:order', { referenceId: first.order.referenceId }))
    expect(after).toMatchObject({ status: 'succeeded', orderId: [...sim.sim.orders.keys()][0] })
    expect(sim.requests.filter((r) => r.route === 'placeOrder')).toHaveLength(1)
    expect(sim.sim.orders.size).toBe(1)
  })

  it('logs in again once when the token stops working in the middle of the day', async () => {
    const { core, sim } = await till()
    valueOf(await sell(core, B.zomato, [{ denomination: 50000, quantity: 1 }]))
    sim.sim.revokeTokens()
    valueOf(await sell(core, B.zomato, [{ denomination: 50000, quantity: 1 }]))
    const routes = sim.requests.map((r) => r.route)
    expect(routes.filter((r) => r === 'login')).toHaveLength(2)
    expect(routes.filter((r) => r === 'placeOrder')).toHaveLength(3) // the refused one, and the retry after the login
    expect(sim.sim.orders.size).toBe(2)
  })

  it('settles a processing order from Hubble’s callback, confirmed by fetching the order; a bad signature is refused and recorded, a duplicate is harmless', async () => {
    const { core, sim, advance } = await till()
    const port = await freePort()
    valueOf(await core.call('settings:setStore', { callbacks: { enabled: true, host: '127.0.0.1', port } }))
    await new Promise((resolve) => setTimeout(resolve, 50))
    sim.sim.config.webhookUrl = `http://127.0.0.1:${port}/hubble`

    sim.sim.config.webhookMode = 'bad-signature'
    const refused = valueOf(await sell(core, B.bigbasketSlow, [{ denomination: 20000, quantity: 1 }]))
    advance(120_000)
    expect(await sim.sim.deliverDue()).toBe(1)
    expect(valueOf(await core.call('giftcards:order', { referenceId: refused.order.referenceId })).status).toBe('processing')
    expect(valueOf(await core.call('callbacks:status', {})).deliveries[0]).toMatchObject({ provider: 'hubble', status: 401, outcome: 'refused: bad X-Verify signature' })

    sim.sim.config.webhookMode = 'duplicate'
    const sale = valueOf(await sell(core, B.bigbasketSlow, [{ denomination: 30000, quantity: 1 }]))
    advance(120_000)
    expect(await sim.sim.deliverDue()).toBe(2)
    for (let i = 0; i < 50 && valueOf(await core.call('giftcards:order', { referenceId: sale.order.referenceId })).status !== 'succeeded'; i++) await new Promise((resolve) => setTimeout(resolve, 10))
    expect(valueOf(await core.call('giftcards:order', { referenceId: sale.order.referenceId }))).toMatchObject({ status: 'succeeded', cards: [{ hasPin: true }] })
    const outcomes = valueOf(await core.call('callbacks:status', {})).deliveries.slice(0, 2).map((d) => d.outcome)
    expect(outcomes.sort()).toEqual(['accepted', 'duplicate'])
  })

  it('looks orders up at Hubble by order id or reference, placed here or elsewhere, and lists this till’s own by status and day', async () => {
    const { core, sim } = await till()
    const mine = valueOf(await sell(core, B.zomato, [{ denomination: 50000, quantity: 1 }]))
    const failed = valueOf(await sell(core, B.nykaaFails, [{ denomination: 10000, quantity: 1 }]))
    const byId = valueOf(await core.call('giftcards:lookup', { orderId: mine.order.orderId ?? '' }))
    expect(byId).toMatchObject({ referenceId: mine.order.referenceId, hubbleStatus: 'SUCCESS', local: { status: 'succeeded' }, cards: [{ hasPin: true }] })
    expect(JSON.stringify(byId)).not.toContain(mine.cards[0]?.cardPin ?? 'no pin')

    // An order another till placed: Hubble knows it, this till does not.
    const other = await fetch(`${sim.url}/v1/partners/orders`, {
      method: 'POST',
      headers: { Authorization: `Bearer ${((await (await fetch(`${sim.url}/v1/partners/auth/login`, { method: 'POST', body: JSON.stringify({ clientId: sim.clientId, clientSecret: sim.clientSecret }) })).json()) as { token: string }).token}` },
      body: JSON.stringify({ productId: B.zomato, referenceId: 'OTHER-TILL-1', amount: 500, denominationDetails: [{ denomination: 500, quantity: 1 }] })
    })
    expect(other.status).toBe(200)
    expect(valueOf(await core.call('giftcards:lookup', { referenceId: 'OTHER-TILL-1' }))).toMatchObject({ hubbleStatus: 'SUCCESS', local: null })
    expect(errorOf(await core.call('giftcards:lookup', { referenceId: 'NOBODY' }))).toMatchObject({ code: 'not_found', params: { reason: 'gift_order_unknown' } })

    expect(valueOf(await core.call('giftcards:orders', {})).map((o) => o.referenceId)).toEqual([failed.order.referenceId, mine.order.referenceId])
    expect(valueOf(await core.call('giftcards:orders', { status: 'failed' })).map((o) => o.referenceId)).toEqual([failed.order.referenceId])
    expect(valueOf(await core.call('giftcards:orders', { day: '2026-11-22' }))).toHaveLength(2)
    expect(valueOf(await core.call('giftcards:orders', { day: '2026-11-21' }))).toHaveLength(0)
  })

  it('warns in the top bar when the wallet is low (a read balance or Hubble’s callback) and when a provider fails often', async () => {
    const { core, sim } = await till({ walletRupees: 3000 })
    valueOf(await core.call('giftcards:wallet', {}))
    expect(valueOf(await core.call('app:alerts', {}))).toContainEqual({ provider: 'hubble', name: 'Hubble gift cards', kind: 'wallet_low', params: { balance: '3000.00', threshold: '5000.00' } })
    valueOf(await core.call('settings:setProvider', { provider: 'hubble', values: { lowBalanceRupees: '1000' } }))
    valueOf(await core.call('giftcards:wallet', {}))
    expect(valueOf(await core.call('app:alerts', {})).filter((a) => a.kind === 'wallet_low')).toEqual([])

    sim.faults.add({ route: 'wallet', kind: 'status', status: 503 })
    for (let i = 0; i < 4; i++) await core.call('giftcards:wallet', {})
    const rates = valueOf(await core.call('providers:errorRates', {})).find((r) => r.provider === 'hubble')
    expect(rates?.hour.failed).toBe(4)
    expect(valueOf(await core.call('app:alerts', {}))).toContainEqual(expect.objectContaining({ provider: 'hubble', kind: 'error_rate' }))
  })

  it('checks every amount rule of the brand before anything is sent, each with its own reason', async () => {
    const { core, sim } = await till()
    const reason = async (productId: string, lines: { denomination: number; quantity: number }[]) => {
      const answer = await sell(core, productId, lines)
      if (answer.ok) return `sold ${JSON.stringify(lines)}`
      return answer.error.params?.['reason']
    }
    expect(await reason(B.amazon, [{ denomination: 70000, quantity: 1 }])).toBe('gift_denomination')
    expect(await reason(B.amazon, [{ denomination: 50000, quantity: 6 }])).toBe('gift_per_denomination')
    expect(await reason(B.amazon, [{ denomination: 50000, quantity: 1 }, { denomination: 100000, quantity: 1 }, { denomination: 200000, quantity: 1 }])).toBe('gift_denominations_per_order')
    expect(await reason(B.zomato, [{ denomination: 20000, quantity: 1 }])).toBe('gift_voucher_range')
    expect(await reason(B.zomato, [{ denomination: 50000, quantity: 5 }])).toBe('gift_per_order')
    expect(await reason(B.flipkart, [{ denomination: 600000, quantity: 1 }])).toBe('gift_voucher_range')
    expect(await reason(B.amazon, [{ denomination: 500000, quantity: 5 }])).toBe('gift_order_max')
    expect(await reason(B.zomato, [{ denomination: 50000, quantity: 1 }, { denomination: 50000, quantity: 1 }])).toBe('gift_duplicate_denomination')
    expect(errorOf(await sell(core, B.swiggyInactive, [{ denomination: 10000, quantity: 1 }])).code).toBe('not_found')
    expect(sim.requests.filter((r) => r.route === 'placeOrder')).toHaveLength(0)
  })
})
