import { hubbleManifest } from '../../../../shared/providers/hubble'
import { z } from 'zod'
import type { hubbleFeature } from '../../../../shared/channels/hubble'
import type { HandlersOf } from '../../dispatch'
import { readPreferences } from '../../db/repos/preferences-repo'
import { runtimeAccessor, type ProviderContext, type ProviderModule, type ProviderRuntime } from '../module'
import { HubbleConnection } from './connection'
import { GiftOrdersRepo } from './orders-repo'
import { PLACE_ORDER, PlaceOrderOperation } from './place-order'
import { GiftCardSales } from './sales'
import { hubbleWebhook } from './webhook'

/** How the in-process training simulator is set up (tests shorten the token's life). */
export const HubbleTrainingOptionsSchema = z.object({ tokenTtlSecs: z.number().int().positive(), walletRupees: z.number().min(0), duplicateReference: z.enum(['existing', 'error']) }).partial()

export interface HubbleRuntime extends ProviderRuntime {
  connection: HubbleConnection
  sales: GiftCardSales
}

const accessor = runtimeAccessor<HubbleRuntime>('hubble', 'Hubble')

/** The Hubble part of a running core, for tests, benchmarks and scripts in the same process. */
export const hubbleOf = accessor.of

function createHubble(ctx: ProviderContext, training: unknown): HubbleRuntime {
  const connection = new HubbleConnection(ctx, HubbleTrainingOptionsSchema.parse(training ?? {}))
  const orders = new GiftOrdersRepo(ctx.db, ctx.history)
  let following: Promise<unknown> | null = null
  const followUp = (): void => {
    // One round at a time: polls go out while nothing else of ours is on the way.
    following ??= sales
      .followUp()
      .catch((error: unknown) => ctx.log.warn('gift card orders could not be followed up; they are tried again later', { error: error instanceof Error ? error.message : String(error) }))
      .finally(() => {
        following = null
      })
  }
  const placeOrder = new PlaceOrderOperation(ctx, connection, orders, (referenceId) => {
    sales.noteOrder(referenceId)
    const order = orders.get(referenceId)
    if (order) ctx.events.emit('giftcards:changed', order)
  })
  const sales: GiftCardSales = new GiftCardSales(ctx, connection, orders, placeOrder, followUp)
  const handlers: HandlersOf<typeof hubbleFeature> = {
    'giftcards:brands': async ({ query, category }) => {
      // The first use on a new till fetches the catalogue; after that the till's copy answers, offline too.
      if (!orders.lastSync()) await sales.syncCatalogue().catch(() => undefined)
      return orders.brands(query, category)
    },
    'giftcards:sync': () => sales.syncCatalogue(),
    'giftcards:sell': (input, call) => sales.sell(input, call.actor),
    'giftcards:order': ({ referenceId }) => sales.view(referenceId),
    'giftcards:lookup': (input) => sales.lookup(input),
    'giftcards:orders': ({ status, day, limit }) => sales.list({ ...(status ? { status } : {}), ...(day ? { day } : {}), limit }, readPreferences(ctx.db).timeZone),
    'giftcards:showAgain': ({ referenceId }, call) => sales.showAgain(referenceId, call.actor),
    'giftcards:cards': ({ referenceId }, call) => sales.cardsOfSale(referenceId, call.actor),
    'giftcards:wallet': () => sales.wallet()
  }
  const runtime: HubbleRuntime = {
    connection,
    sales,
    operations: { [PLACE_ORDER]: placeOrder },
    handlers,
    probe: () => connection.probe(),
    // Issued cards count; an order Hubble reversed or failed does not (History holds where each stands).
    shiftSummary: (since) =>
      ctx.history
        .doneSince('hubble', 'gift_sale', since)
        .map((line) => ({ label: { en: 'Gift cards sold', vi: 'Thẻ quà tặng đã bán' }, count: line.count, amount: { amount: line.amount, currency: line.currency } })),
    alerts: () => {
      const low = sales.walletLow()
      return low ? [{ kind: 'wallet_low' as const, params: { balance: low.balance, threshold: low.threshold } }] : []
    },
    webhooks: [hubbleWebhook(ctx, sales)],
    maintain: () => {
      followUp()
      void sales.syncIfStale().catch((error: unknown) => ctx.log.warn('the daily catalogue sync failed; it is tried again later', { error: error instanceof Error ? error.message : String(error) }))
    },
    startTraining: () => connection.simulator(),
    close: async () => {
      sales.polls.stop()
      await following
      await connection.close()
    }
  }
  return accessor.register(runtime)
}

/** Hubble gift cards (India, INR): sell brand gift cards from the store's partner wallet, look orders up. */
export const hubbleModule: ProviderModule<HubbleRuntime> = { manifest: hubbleManifest, create: createHubble }
