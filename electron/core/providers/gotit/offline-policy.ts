import type { z } from 'zod'
import { TillError } from '../../../../shared/errors'
import type { OfflineAcceptInputSchema, OfflineExposure, Redemption } from '../../../../shared/domain/redeem'
import { isGotItCodeFormat, maskCode, normalizeCode } from '../../../../shared/domain/voucher-code'
import type { StaffSummary } from '../../../../shared/domain/staff'
import { vnd } from '../../../../shared/money'
import { readPreferences } from '../../db/repos/preferences-repo'
import type { ProviderContext } from '../module'
import type { BillsRepo } from './bills-repo'
import { MARK_USE, type MarkUsePayload } from './payloads'
import type { RedeemService } from './redeem-service'

/**
 * Accepting Got It vouchers that cannot be checked because Got It is unreachable: off by
 * default; within a per-voucher and a per-shift cap and with a manager's PIN, the mark use is
 * queued and verified when Got It is back. If Got It then refuses a voucher, the operation waits
 * in the Queue for a manager.
 */
export class OfflinePolicy {
  constructor(
    private readonly ctx: ProviderContext,
    private readonly bills: BillsRepo,
    private readonly redeem: RedeemService
  ) {}

  async accept(input: z.infer<typeof OfflineAcceptInputSchema>, actor: StaffSummary | null): Promise<Redemption> {
    const policy = readPreferences(this.ctx.db).offlinePolicy
    if (!policy.enabled) throw new TillError('forbidden', 'Accepting vouchers offline is off at this store; a manager can turn it on in Settings.')
    if (this.ctx.connectivity.of('gotit') !== 'offline') throw new TillError('conflict', 'Got It can be reached: check the vouchers instead of accepting them offline.')
    const vouchers = input.vouchers.map((v) => ({ code: normalizeCode(v.code), amount: v.value }))
    if (new Set(vouchers.map((v) => v.code)).size !== vouchers.length) throw new TillError('invalid_input', 'A code is on the bill twice.')
    for (const v of vouchers) {
      if (!isGotItCodeFormat(v.code)) throw new TillError('invalid_input', `${maskCode(v.code)} is not a Got It code.`)
      if (v.amount > policy.perVoucherCap) {
        throw new TillError('invalid_input', `A voucher of ${v.amount} ₫ is above the offline limit of ${policy.perVoucherCap} ₫ per voucher.`, { params: { cap: policy.perVoucherCap } })
      }
    }
    const total = vouchers.reduce((sum, v) => sum + v.amount, 0)
    const shiftTotal = this.exposure().shiftTotal.amount
    if (shiftTotal + total > policy.perShiftCap) {
      throw new TillError('conflict', `Accepting ${total} ₫ more offline would pass this shift's limit of ${policy.perShiftCap} ₫ (${shiftTotal} ₫ already).`, {
        params: { cap: policy.perShiftCap, used: shiftTotal }
      })
    }
    const manager = await this.ctx.auth.approveAsManager(input.managerId, input.managerPin)
    const { billNumber } = this.ctx.db
      .transaction(() => {
        const queued = this.enqueueMarkUse(vouchers, actor, manager)
        this.ctx.audit.append({
          actor,
          action: 'offline_accepted',
          subject: queued.billNumber,
          outcome: 'ok',
          detail: { approvedBy: manager.name, total, codes: vouchers.map((v) => maskCode(v.code)).join(' ') }
        })
        return queued
      })
      .immediate()
    void this.ctx.worker.drain()
    return this.redeem.view(billNumber)
  }

  /**
   * Writes a bill and its mark use to the journal for the worker to send when Got It is
   * reachable (the queued path: offline acceptance, benchmarks). Returns the journal row id.
   */
  enqueueMarkUse(codes: { code: string; amount: number }[], actor: StaffSummary | null, approvedBy: StaffSummary | null = null): { billNumber: string; journalId: number } {
    return this.ctx.db
      .transaction(() => {
        const billNumber = this.ctx.identity.nextBillNumber()
        const bill = this.bills.insert({ billNumber, status: 'verifying', flow: 'direct', staffId: actor?.id ?? null, at: this.ctx.now().toISOString(), offlineApprovedBy: approvedBy?.id ?? null })
        this.bills.insertVouchers(
          bill.id,
          codes.map((c) => ({ code: c.code, valueVnd: c.amount, amountVnd: c.amount }))
        )
        const payload: MarkUsePayload = { billNumber, codes: codes.map((c) => c.code), queueWhenOffline: true, flow: 'direct' }
        const journalId = this.ctx.journal.insert({ key: `${MARK_USE}:${billNumber}:1`, provider: 'gotit', operation: MARK_USE, subject: billNumber, payload })
        return { billNumber, journalId }
      })
      .immediate()
  }

  /** What was accepted offline and is not settled yet, and this shift's offline total. */
  exposure(): OfflineExposure {
    const open = this.bills.offlineOpen()
    const shiftStart = this.ctx.audit.lastAt('shift_closed') ?? ''
    return { count: open.count, amount: vnd(open.amount), shiftTotal: vnd(this.bills.offlineSince(shiftStart).amount) }
  }
}
