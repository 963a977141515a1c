import { create } from 'zustand'
import type { CheckResult, Redemption, SkuLine } from '../../../../shared/domain/redeem'
import { isGotItCodeFormat } from '../../../../shared/domain/voucher-code'
import type { TillErrorData } from '../../../../shared/errors'
import type { TillClient } from '../../client/till-client'

export const MAX_CODES_PER_BILL = 20

export type AddCodeProblem = 'code.empty' | 'code.format' | 'code.duplicate' | 'code.tooMany'

interface RedeemState {
  codes: string[]
  billTotal: string
  skus: SkuLine[]
  billNumber: string | null
  check: CheckResult | null
  redemption: Redemption | null
  busy: 'checking' | 'redeeming' | null
  error: TillErrorData | null
  /** Counts the answers that came (a check, a redemption, a settlement): the code field takes the focus back at each, and only then. */
  answers: number
  addCode(code: string): AddCodeProblem | null
  removeCode(code: string): void
  setBillTotal(total: string): void
  setSkus(skus: SkuLine[]): void
  runCheck(client: TillClient): Promise<void>
  redeem(client: TillClient): Promise<void>
  /** A redemption moved on elsewhere (the journal settled a verifying bill). */
  update(redemption: Redemption): void
  newBill(client: TillClient): Promise<void>
  /** After a refused redemption: back to the same bill and codes, to change what was refused and check again. */
  fixBill(): void
  clear(): void
}

const empty = { codes: [], billTotal: '', skus: [], billNumber: null, check: null, redemption: null, busy: null, error: null }
const answered = (state: { answers: number }) => ({ answers: state.answers + 1 })

/** The bill at the till: its codes, what Got It said of them, and the redemption. */
export const useRedeemStore = create<RedeemState>()((set, get) => ({
  ...empty,
  answers: 0,
  addCode(code) {
    const { codes, redemption } = get()
    if (redemption) return 'code.tooMany'
    if (code === '') return 'code.empty'
    if (!isGotItCodeFormat(code)) return 'code.format'
    if (codes.includes(code)) return 'code.duplicate'
    if (codes.length >= MAX_CODES_PER_BILL) return 'code.tooMany'
    set({ codes: [...codes, code], check: null })
    return null
  },
  removeCode: (code) => set({ codes: get().codes.filter((c) => c !== code), check: null }),
  setBillTotal: (billTotal) => set({ billTotal, check: null }),
  setSkus: (skus) => set({ skus, check: null }),
  async runCheck(client) {
    const { codes, billTotal, skus, billNumber } = get()
    set({ busy: 'checking', error: null })
    const total = billTotal.trim() === '' ? undefined : Number(billTotal)
    const result = await client.call('redeem:check', {
      codes,
      ...(billNumber ? { billNumber } : {}),
      ...(total === undefined || !Number.isInteger(total) ? {} : { billTotal: total }),
      ...(skus.length > 0 ? { skus } : {})
    })
    if (result.ok) set({ check: result.value, billNumber: result.value.billNumber, busy: null, ...answered(get()) })
    else set({ error: result.error, busy: null, ...answered(get()) })
  },
  async redeem(client) {
    const { billNumber } = get()
    if (!billNumber) return
    set({ busy: 'redeeming', error: null })
    const result = await client.call('redeem:redeem', { billNumber })
    if (result.ok) set({ redemption: result.value, busy: null, ...answered(get()) })
    else set({ error: result.error, busy: null, ...answered(get()) })
  },
  update(redemption) {
    if (redemption.billNumber === get().billNumber) set({ redemption, ...answered(get()) })
  },
  async newBill(client) {
    const { billNumber, redemption } = get()
    // A bill that was checked but never redeemed is given up, so its number is not left open.
    if (billNumber && (!redemption || redemption.status === 'rejected')) await client.call('redeem:abandon', { billNumber })
    set({ ...empty, ...answered(get()) })
  },
  fixBill: () => set({ redemption: null, check: null, error: null }),
  clear: () => set({ ...empty })
}))
