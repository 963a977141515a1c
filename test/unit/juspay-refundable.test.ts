import { describe, expect, it } from 'vitest'
import { orderView, refundableOf } from '../../electron/core/providers/juspay/map'
import type { WireOrder } from '../../electron/core/providers/juspay/wire'

const now = new Date('2026-12-05T08:00:00Z')
const order = (fields: Partial<WireOrder>): WireOrder => ({ order_id: 'JP-1', status: 'CHARGED', amount: 1000, refunds: [], ...fields }) as WireOrder
const refund = (id: string, amount: number, status: string) => ({ unique_request_id: id, amount, status })
const refundable = (o: WireOrder, ourOpen: { uniqueRequestId: string; amountPaise: number }[] = []) => orderView(o, new Set(), ourOpen, now).refundable.amount

describe('what can still be refunded of a Juspay order', () => {
  it('counts a pending refund once when Juspay’s amount_refunded already includes it', () => {
    // ₹1,000 paid, ₹100 refunded and ₹200 pending; Juspay says ₹300 refunded (the pending one included).
    const o = order({ amount_refunded: 300, refunds: [refund('R1', 100, 'SUCCESS'), refund('R2', 200, 'PENDING')] } as Partial<WireOrder>)
    expect(refundable(o)).toBe(70_000)
  })

  it('takes a pending refund off when amount_refunded does not include it yet', () => {
    const o = order({ amount_refunded: 100, refunds: [refund('R1', 100, 'SUCCESS'), refund('R2', 200, 'MANUAL_REVIEW')] } as Partial<WireOrder>)
    expect(refundable(o)).toBe(70_000)
  })

  it('uses maximum_eligible_refund_amount when Juspay sends it', () => {
    const o = order({ amount_refunded: 300, maximum_eligible_refund_amount: 650, refunds: [refund('R1', 100, 'SUCCESS'), refund('R2', 200, 'PENDING')] } as Partial<WireOrder>)
    expect(refundable(o)).toBe(65_000)
  })

  it('takes off this till’s refunds on their way that Juspay does not list yet, and not those it lists', () => {
    const o = order({ amount_refunded: 200, refunds: [refund('OURS1', 200, 'PENDING')] } as Partial<WireOrder>)
    expect(
      refundable(o, [
        { uniqueRequestId: 'OURS1', amountPaise: 20_000 },
        { uniqueRequestId: 'OURS2', amountPaise: 5_000 }
      ])
    ).toBe(75_000)
  })

  it('releases a failed refund', () => {
    const o = order({ amount_refunded: 0, refunds: [refund('R1', 400, 'FAILURE')] } as Partial<WireOrder>)
    expect(refundableOf(o, orderView(o, new Set(), [], now).refunds, [])).toBe(100_000)
  })
})
