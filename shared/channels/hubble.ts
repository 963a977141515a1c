import { z } from 'zod'
import { BrandSchema, GiftOrderLookupSchema, GiftOrderSchema, GiftOrderStatusSchema, GiftSaleSchema, SellInputSchema } from '../domain/giftcards'
import { defineFeature } from '../ipc/channel-table'
import { MoneySchema } from '../money'
import { NoInput, ReferenceSchema } from './common'

/** Hubble gift cards at the till: the catalogue, selling, looking orders up, the wallet. */
export const hubbleFeature = defineFeature({
  /** Why a gift card sale or lookup was refused. */
  reasons: z.enum([
    'gift_brand_unknown',
    'gift_denomination',
    'gift_denominations_per_order',
    'gift_duplicate_denomination',
    'gift_no_cards',
    'gift_order_max',
    'gift_order_min',
    'gift_order_unknown',
    'gift_per_denomination',
    'gift_per_order',
    'gift_voucher_range'
  ]),
  channels: {
    'giftcards:brands': {
      summary: 'Active gift card brands from the till’s copy of the catalogue (works offline), searched by name and category.',
      access: 'staff',
      input: z.object({ query: z.string().trim().max(60).optional(), category: z.string().trim().max(60).optional() }).strict(),
      output: z.array(BrandSchema)
    },
    'giftcards:sync': {
      summary: 'Fetches the whole catalogue from Hubble now and keeps it; inactive brands are hidden.',
      access: 'manager',
      input: NoInput,
      output: z.object({ brands: z.number().int(), active: z.number().int() })
    },
    'giftcards:sell': {
      summary:
        'Sells gift cards: checks every amount rule of the brand, then places one order with a referenceId made once, journaled before the call. Answers with the cards (shown whole once) or processing; never two orders for one sale.',
      access: 'staff',
      input: SellInputSchema,
      output: GiftSaleSchema
    },
    'giftcards:order': {
      summary: 'A gift card order of this till by its reference id: status, amount, brand, customer, masked cards and the request ids.',
      access: 'staff',
      input: z.object({ referenceId: ReferenceSchema }).strict(),
      output: GiftOrderSchema
    },
    'giftcards:lookup': {
      summary: 'A gift card order by Hubble order id or by reference id, asked of Hubble, so orders placed by another till or system are found too: status, amount, masked cards.',
      access: 'staff',
      input: z.union([z.object({ orderId: ReferenceSchema }).strict(), z.object({ referenceId: ReferenceSchema }).strict()]),
      output: GiftOrderLookupSchema
    },
    'giftcards:orders': {
      summary: 'This till’s gift card orders, newest first, optionally of one status and one day (YYYY-MM-DD, in the store’s zone).',
      access: 'staff',
      input: z.object({ status: GiftOrderStatusSchema.optional(), day: z.iso.date().optional(), limit: z.number().int().min(1).max(200).default(50) }).strict(),
      output: z.array(GiftOrderSchema)
    },
    'giftcards:showAgain': {
      summary: 'Shows the cards of one of this till’s issued orders whole again (fetched from Hubble, never kept); who did it goes to the audit log.',
      access: 'staff',
      input: z.object({ referenceId: ReferenceSchema }).strict(),
      output: GiftSaleSchema
    },
    'giftcards:cards': {
      summary:
        'The cards of a sale that settled after its first answer (recovered from a lost answer, or finished by Hubble later), whole, for the cashier who is waiting: as a plain success shows them, or fetched again from Hubble (audited) when the till no longer holds them.',
      access: 'staff',
      input: z.object({ referenceId: ReferenceSchema }).strict(),
      output: GiftSaleSchema
    },
    'giftcards:wallet': {
      summary: 'The balance of the store’s Hubble wallet, which every sale is paid from.',
      access: 'manager',
      input: NoInput,
      output: z.object({ balance: MoneySchema })
    }
  },
  events: {
    'giftcards:changed': { summary: 'A gift card order moved on (placed, settled after processing, failed).', payload: GiftOrderSchema }
  }
})
