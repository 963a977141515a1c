/** Rupees as Hubble sends them (JSON numbers, possibly with paise). */
export interface SimAmountRestrictions {
  minOrderAmount: number
  maxOrderAmount: number
  minVoucherAmount: number
  maxVoucherAmount: number
  maxVouchersPerOrder: number
  maxVouchersPerDenomination: number | null
  maxDenominationsPerOrder: number | null
  denominations: number[] | null
}

/** What happens to an order of this brand: at once, after a while, or never. */
export type SimOutcome = { kind: 'success' } | { kind: 'failed'; reason: string } | { kind: 'processing'; settleAfterMs: number | null; then: 'success' | 'failed' }

export interface SimBrand {
  id: string
  status: 'ACTIVE' | 'INACTIVE'
  title: string
  category: string[]
  tags: string[]
  denominationType: 'FIXED' | 'FLEXIBLE'
  cardType: string
  amountRestrictions: SimAmountRestrictions
  /** Not enabled for this partner (E101), or disabled by its own provider for now (E100). */
  enabled: boolean
  providerUp: boolean
  outcome: SimOutcome
}

const flexible = (min: number, max: number, perOrder: number): SimAmountRestrictions => ({
  minOrderAmount: min,
  maxOrderAmount: max * perOrder,
  minVoucherAmount: min,
  maxVoucherAmount: max,
  maxVouchersPerOrder: perOrder,
  maxVouchersPerDenomination: null,
  maxDenominationsPerOrder: null,
  denominations: null
})

/** Named brands, one per lesson (ULID-like ids, as Hubble's). */
export const brandIds = {
  zomato: '01GMAW822RPDJ5C50XK24QC2C4',
  amazon: '01GMMNJECTDZAG2YS61K58HVG8',
  flipkart: '01GMMNK0Q3Y2Q6X7Z8W9V0T1R2',
  swiggyInactive: '01GMMNM4B6C7D8E9F0G1H2J3K4',
  myntraDisabled: '01GMMNP5L6M7N8P9Q0R1S2T3U4',
  bigbasketSlow: '01GMMNQ6V7W8X9Y0Z1A2B3C4D5',
  nykaaFails: '01GMMNR7E8F9G0H1J2K3M4N5P6',
  croma: '01GMMNS8Q9R0S1T2V3W4X5Y6Z7',
  shoppersStopPinOnly: '01GMMNT9A0B1C2D3E4F5G6H7J8'
} as const

export function seedBrands(): SimBrand[] {
  const b = brandIds
  const base = { category: ['POPULAR_BRANDS'], tags: [] as string[], cardType: 'CARD_AND_PIN_NO_SECURED', enabled: true, providerUp: true, outcome: { kind: 'success' } as SimOutcome }
  return [
    { ...base, id: b.zomato, status: 'ACTIVE', title: 'Zomato', category: ['POPULAR_BRANDS', 'FOOD'], tags: ['Food'], denominationType: 'FLEXIBLE', amountRestrictions: flexible(250, 10000, 4) },
    {
      ...base,
      id: b.amazon,
      status: 'ACTIVE',
      title: 'Amazon Pay',
      category: ['TOP_BRANDS', 'SHOPPING'],
      tags: ['Shopping'],
      denominationType: 'FIXED',
      cardType: 'CARD_NUMBER_SECURED',
      amountRestrictions: {
        minOrderAmount: 500,
        maxOrderAmount: 20000,
        minVoucherAmount: 500,
        maxVoucherAmount: 5000,
        maxVouchersPerOrder: 10,
        maxVouchersPerDenomination: 5,
        maxDenominationsPerOrder: 2,
        denominations: [500, 1000, 2000, 5000]
      }
    },
    {
      ...base,
      id: b.flipkart,
      status: 'ACTIVE',
      title: 'Flipkart',
      category: ['SHOPPING'],
      tags: ['Shopping', 'Electronics'],
      denominationType: 'FLEXIBLE',
      amountRestrictions: flexible(100, 5000, 2)
    },
    { ...base, id: b.swiggyInactive, status: 'INACTIVE', title: 'Swiggy', category: ['FOOD'], denominationType: 'FLEXIBLE', amountRestrictions: flexible(100, 5000, 2) },
    { ...base, id: b.myntraDisabled, status: 'ACTIVE', title: 'Myntra', category: ['FASHION'], denominationType: 'FLEXIBLE', amountRestrictions: flexible(500, 10000, 2), providerUp: false },
    {
      ...base,
      id: b.bigbasketSlow,
      status: 'ACTIVE',
      title: 'BigBasket',
      category: ['GROCERY'],
      denominationType: 'FLEXIBLE',
      amountRestrictions: flexible(100, 10000, 2),
      outcome: { kind: 'processing', settleAfterMs: 90_000, then: 'success' }
    },
    {
      ...base,
      id: b.nykaaFails,
      status: 'ACTIVE',
      title: 'Nykaa',
      category: ['BEAUTY'],
      denominationType: 'FLEXIBLE',
      amountRestrictions: flexible(100, 10000, 2),
      outcome: { kind: 'failed', reason: 'Brand provider could not issue the voucher' }
    },
    { ...base, id: b.croma, status: 'ACTIVE', title: 'Croma', category: ['ELECTRONICS'], denominationType: 'FLEXIBLE', amountRestrictions: flexible(1000, 50000, 1), enabled: false },
    // A card with a PIN and no number: the till keeps no digit of it.
    {
      ...base,
      id: b.shoppersStopPinOnly,
      status: 'ACTIVE',
      title: 'Shoppers Stop',
      category: ['FASHION'],
      denominationType: 'FLEXIBLE',
      amountRestrictions: flexible(100, 10000, 2),
      cardType: 'PIN_NO_SECURED'
    }
  ]
}

export const HUBBLE_CLIENT_ID = 'till-training'
export const HUBBLE_CLIENT_SECRET = 'training-secret'
export const HUBBLE_WALLET_RUPEES = 100_000
