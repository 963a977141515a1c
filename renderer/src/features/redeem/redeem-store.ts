import { create } from 'zustand'
import { isGotItCodeFormat } from '../../../../shared/domain/voucher-code'

export const MAX_CODES_PER_BILL = 20

export type AddCodeProblem = 'code.empty' | 'code.format' | 'code.duplicate' | 'code.tooMany'

interface RedeemState {
  codes: string[]
  addCode(code: string): AddCodeProblem | null
  removeCode(code: string): void
  clear(): void
}

/** The codes the cashier has put on the current bill, before they are checked. */
export const useRedeemStore = create<RedeemState>()((set, get) => ({
  codes: [],
  addCode(code) {
    const { codes } = get()
    if (code === '') return 'code.empty'
    if (!isGotItCodeFormat(code)) return 'code.format'
    if (codes.includes(code)) return 'code.duplicate'
    if (codes.length >= MAX_CODES_PER_BILL) return 'code.tooMany'
    set({ codes: [...codes, code] })
    return null
  },
  removeCode: (code) => set({ codes: get().codes.filter((c) => c !== code) }),
  clear: () => set({ codes: [] })
}))
