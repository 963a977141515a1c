import { freePort } from '../helpers/free-port'
import { describe, expect, it } from 'vitest'
import { hubbleOf } from '../../electron/core/providers/hubble'
import { brandIds as B } from '../../electron/core/sandbox/hubble/fixtures'
import type { HubbleSimConfig } from '../../electron/core/sandbox/hubble/hubble-simulator'
import { errorOf, staffedTill, useCores, valueOf } from '../helpers/core'
import { useTempDirs } from '../helpers/temp-dir'
import { until } from '../helpers/until'
import type { Core } from '../../electron/core/core'

const customer = { name: 'Asha Rao', phone: '9876543210', email: 'asha@example.com' }

describe('selling Hubble gift cards in training mode', () => {
  const tempDir = useTempDirs()
  const openCore = useCores()

  async function till(config: Partial<HubbleSimConfig> = {}) {
    let clock = new Date('2026-11-22T08:00:00Z')
    let monotonic = 1_000_000
    const core = openCore({ dataDir: tempDir(), now: () => clock, monotonic: () => monotonic, startWorker: false, training: { hubble: config }, env: { TILL_HUBBLE_TIMEOUT_MS: '1000' } })
    await staffedTill(core)
    const hubble = hubbleOf(core)
    const sim = await hubble.connection.simulator()
    sim.clock.set(clock)
    /** Time passes: every clock moves. */
    const advance = (ms: number) => {
      clock = new Date(clock.getTime() + ms)
      monotonic += ms
      sim.clock.set(clock)
    }
    /** The computer's clock is set forward (or back); no time passes. */
    const jumpWall = (ms: number) => {
      clock = new Date(clock.getTime() + ms)
    }
    valueOf(await core.call('settings:setStore', { idleLockSeconds: 0 }))
    valueOf(await core.call('giftcards:sync', {}))
    return { core, hubble, sim, advance, jumpWall }
  }

  const sell = (core: Awaited<ReturnType<typeof till>>['core'], productId: string, lines: { denomination: number; quantity: number }[]) => core.call('giftcards:sell', { productId, lines, customer })

  it('keeps the active brands of the catalogue and finds them by name and category, offline too', async () => {
    const { core, sim } = await till()
    const all = valueOf(await core.call('giftcards:brands', {}))
    expect(all.map((b) => b.title)).not.toContain('Swiggy')
    expect(all.find((b) => b.id === B.amazon)).toMatchObject({
      denominationType: 'FIXED',
      rules: { denominations: [{ amount: 50000, currency: 'INR' }, { amount: 100000 }, { amount: 200000 }, { amount: 500000 }] }
    })
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
    const everything = JSON.stringify([
      core.context.db.prepare('SELECT * FROM gift_orders').all(),
      core.context.db.prepare('SELECT * FROM provider_calls').all(),
      core.context.db.prepare('SELECT * FROM journal').all(),
      core.context.db.prepare('SELECT * FROM audit_log').all()
    ])
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
    await until(async () => valueOf(await core.call('callbacks:status', {})).listening, Boolean, 'the callback receiver to listen')
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
    const settledSale = await until(
      async () => valueOf(await core.call('giftcards:order', { referenceId: sale.order.referenceId })),
      (o) => o.status === 'succeeded',
      'the callback to settle the sale'
    )
    expect(settledSale).toMatchObject({ status: 'succeeded', cards: [{ hasPin: true }] })
    const outcomes = valueOf(await core.call('callbacks:status', {}))
      .deliveries.slice(0, 2)
      .map((d) => d.outcome)
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
      headers: {
        Authorization: `Bearer ${((await (await fetch(`${sim.url}/v1/partners/auth/login`, { method: 'POST', body: JSON.stringify({ clientId: sim.clientId, clientSecret: sim.clientSecret }) })).json()) as { token: string }).token}`
      },
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
    expect(
      await reason(B.amazon, [
        { denomination: 50000, quantity: 1 },
        { denomination: 100000, quantity: 1 },
        { denomination: 200000, quantity: 1 }
      ])
    ).toBe('gift_denominations_per_order')
    expect(await reason(B.zomato, [{ denomination: 20000, quantity: 1 }])).toBe('gift_voucher_range')
    expect(await reason(B.zomato, [{ denomination: 50000, quantity: 5 }])).toBe('gift_per_order')
    expect(await reason(B.flipkart, [{ denomination: 600000, quantity: 1 }])).toBe('gift_voucher_range')
    expect(await reason(B.amazon, [{ denomination: 500000, quantity: 5 }])).toBe('gift_order_max')
    expect(
      await reason(B.zomato, [
        { denomination: 50000, quantity: 1 },
        { denomination: 50000, quantity: 1 }
      ])
    ).toBe('gift_duplicate_denomination')
    expect(errorOf(await sell(core, B.swiggyInactive, [{ denomination: 10000, quantity: 1 }])).code).toBe('not_found')
    expect(sim.requests.filter((r) => r.route === 'placeOrder')).toHaveLength(0)
  })

  describe('Hubble’s word outranks a guess the till made on a timer', () => {
    /** A sale Hubble finishes only after 20 minutes: the till has failed it on its own side at 15 (polled every minute meanwhile). */
    async function failedByTheTill(core: Core, hubble: ReturnType<typeof hubbleOf>, sim: Awaited<ReturnType<typeof till>>['sim'], advance: (ms: number) => void) {
      const brand = sim.sim.brands.get(B.bigbasketSlow)
      if (brand) brand.outcome = { kind: 'processing', settleAfterMs: 20 * 60_000, then: 'success' }
      const sale = valueOf(await sell(core, B.bigbasketSlow, [{ denomination: 20000, quantity: 1 }]))
      for (let minute = 1; minute <= 15; minute++) {
        advance(60_000)
        await hubble.sales.followUp()
      }
      return sale
    }

    async function withCallbacks(config: Partial<HubbleSimConfig> = {}) {
      const t = await till(config)
      const port = await freePort()
      valueOf(await t.core.call('settings:setStore', { callbacks: { enabled: true, host: '127.0.0.1', port } }))
      await until(async () => valueOf(await t.core.call('callbacks:status', {})).listening, Boolean, 'the callback receiver to listen')
      t.sim.sim.config.webhookUrl = `http://127.0.0.1:${port}/hubble`
      const order = async (referenceId: string) => valueOf(await t.core.call('giftcards:order', { referenceId }))
      const settles = (referenceId: string, status: string) =>
        until(
          () => order(referenceId),
          (o) => o.status === status,
          `order ${referenceId} to be ${status}`
        )
      return { ...t, order, settles }
    }

    it('a clock set 16 minutes forward does not fail a sale Hubble is still processing: ages are measured on a clock that does not jump', async () => {
      const { core, hubble, sim, advance, jumpWall } = await till()
      const sale = valueOf(await sell(core, B.bigbasketSlow, [{ denomination: 20000, quantity: 1 }]))
      expect(sale.order.status).toBe('processing')
      jumpWall(16 * 60_000)
      advance(60_000)
      await hubble.sales.followUp()
      // One minute has passed, not sixteen: the first poll goes out, and the order is still Hubble's to settle.
      expect([...sim.sim.orders.values()][0]?.reads).toBe(1)
      advance(60_000)
      await hubble.sales.followUp()
      advance(60_000)
      await hubble.sales.followUp()
      expect(valueOf(await core.call('giftcards:order', { referenceId: sale.order.referenceId }))).toMatchObject({ status: 'succeeded', failure: null, correctedFrom: null })
    })

    it('an order the till failed after 15 minutes becomes what Hubble says when its callback comes, in History and the audit log', async () => {
      const { core, hubble, sim, advance, settles } = await withCallbacks()
      const sale = await failedByTheTill(core, hubble, sim, advance)
      const failed = valueOf(await core.call('giftcards:order', { referenceId: sale.order.referenceId }))
      expect(failed).toMatchObject({ status: 'failed', failure: { code: 'NO_ANSWER' } })
      // Hubble completes it later, and says so: the callback is confirmed by asking Hubble, then it counts.
      advance(5 * 60_000)
      expect(await sim.sim.deliverDue()).toBe(1)
      const corrected = await settles(sale.order.referenceId, 'succeeded')
      expect(corrected).toMatchObject({ failure: null, correctedFrom: 'failed', cards: [{ hasPin: true }] })
      const history = valueOf(await core.call('history:list', { limit: 10 })).entries.find((e) => e.ref === sale.order.referenceId)
      expect(history).toMatchObject({ status: 'done', detailStatus: 'succeeded, corrected by Hubble (the till had it failed)' })
      const audit = valueOf(await core.call('audit:list', { limit: 5 })).find((e) => e.action === 'provider_corrected')
      expect(audit).toMatchObject({ subject: sale.order.referenceId, detail: { provider: 'hubble', now: 'succeeded', hubbleStatus: 'SUCCESS', learntFrom: 'callback' } })
      expect(valueOf(await core.call('callbacks:status', {})).deliveries[0]).toMatchObject({ status: 200, outcome: 'accepted' })
    })

    it('a lookup corrects a till-side failure the same way', async () => {
      const { core, hubble, sim, advance } = await till()
      const sale = await failedByTheTill(core, hubble, sim, advance)
      advance(6 * 60_000)
      const looked = valueOf(await core.call('giftcards:lookup', { referenceId: sale.order.referenceId }))
      expect(looked).toMatchObject({ hubbleStatus: 'SUCCESS', local: { status: 'succeeded', correctedFrom: 'failed' } })
      expect(valueOf(await core.call('audit:list', { limit: 5 })).find((e) => e.action === 'provider_corrected')).toMatchObject({ detail: { learntFrom: 'lookup' } })
    })

    it('a sold order Hubble reverses is reversed on every screen: the order, History (not counted as done), the audit log', async () => {
      const { core, sim, settles } = await withCallbacks()
      const sale = valueOf(await sell(core, B.zomato, [{ denomination: 50000, quantity: 1 }]))
      expect(sale.order.status).toBe('succeeded')
      await sim.sim.reverse(sale.order.orderId ?? '')
      const reversed = await settles(sale.order.referenceId, 'reversed')
      expect(reversed.correctedFrom).toBeNull()
      const history = valueOf(await core.call('history:list', { limit: 10 })).entries.find((e) => e.ref === sale.order.referenceId)
      expect(history).toMatchObject({ status: 'reversed', detailStatus: 'reversed' })
      const day = valueOf(await core.call('history:day', { day: '2026-11-22' }))
      expect(day.counts).toMatchObject({ done: 0, reversed: 1 })
      expect(day.totals.filter((t) => t.provider === 'hubble')).toEqual([])
      expect(valueOf(await core.call('audit:list', { limit: 5 })).find((e) => e.action === 'gift_card_sale_reversed')).toMatchObject({
        subject: sale.order.referenceId,
        detail: { amount: 50000, currency: 'INR', learntFrom: 'callback' }
      })
      expect(valueOf(await core.call('giftcards:lookup', { referenceId: sale.order.referenceId }))).toMatchObject({ hubbleStatus: 'REVERSED', local: { status: 'reversed' } })
      expect(errorOf(await core.call('giftcards:showAgain', { referenceId: sale.order.referenceId }))).toMatchObject({ params: { reason: 'gift_no_cards' } })
    })

    it('after a sale recovered from a lost answer, the cashier gets the cards as with a plain success, without a second fetch', async () => {
      const { core, hubble, sim } = await till()
      sim.faults.add({ route: 'placeOrder', kind: 'reset-after', times: 1 })
      const sale = valueOf(await sell(core, B.zomato, [{ denomination: 50000, quantity: 1 }]))
      expect(sale.order.status).toBe('verifying')
      expect(sale.cards).toEqual([])
      await core.context.worker.runNow(core.context.db.prepare('SELECT id FROM journal WHERE subject = ?').pluck().get(sale.order.referenceId) as number)
      expect(valueOf(await core.call('giftcards:order', { referenceId: sale.order.referenceId })).status).toBe('succeeded')
      const reads = sim.requests.length
      const cards = valueOf(await core.call('giftcards:cards', { referenceId: sale.order.referenceId }))
      expect(cards.cards).toHaveLength(1)
      expect(cards.cards[0]?.cardPin).toMatch(/^\d{6}$/)
      expect(sim.requests.length).toBe(reads)
      expect(valueOf(await core.call('audit:list', { limit: 5 })).map((e) => e.action)).not.toContain('gift_cards_shown')
      // Once: asked again, the cards come from Hubble, and the audit log says who asked.
      valueOf(await core.call('giftcards:cards', { referenceId: sale.order.referenceId }))
      expect(valueOf(await core.call('audit:list', { limit: 1 }))[0]?.action).toBe('gift_cards_shown')
      void hubble
    })

    it('keeps the low-balance alert Hubble raised until the balance is above Hubble’s threshold, not only the till’s', async () => {
      const { core, hubble } = await till({ walletRupees: 8000 })
      valueOf(await core.call('settings:setProvider', { provider: 'hubble', values: { lowBalanceRupees: '1000' } }))
      // Hubble says its threshold is ₹10,000 and the balance ₹8,000.
      hubble.sales.noteBalance(800_000, 1_000_000)
      const low = async () => valueOf(await core.call('app:alerts', {})).filter((a) => a.kind === 'wallet_low')
      expect(await low()).toHaveLength(1)
      valueOf(await core.call('giftcards:wallet', {}))
      expect(await low()).toEqual([expect.objectContaining({ params: { balance: '8000.00', threshold: '10000.00' } })])
      hubble.sales.noteBalance(1_200_000)
      expect(await low()).toEqual([])
    })

    it('keeps no digit of the PIN of a card that has only a PIN, and shows none', async () => {
      const { core } = await till()
      const sale = valueOf(await sell(core, B.shoppersStopPinOnly, [{ denomination: 50000, quantity: 1 }]))
      const pin = sale.cards[0]?.cardPin ?? ''
      expect(pin).toMatch(/^\d{6}$/)
      expect(sale.cards[0]?.cardNumber).toBeNull()
      expect(sale.order.cards).toEqual([expect.objectContaining({ last4: null, hasPin: true })])
      const everything = JSON.stringify([
        core.context.db.prepare('SELECT * FROM gift_orders').all(),
        core.context.db.prepare('SELECT * FROM history').all(),
        core.context.db.prepare('SELECT * FROM history_terms').all()
      ])
      expect(everything).not.toContain(pin.slice(-4))
    })
  })
})
