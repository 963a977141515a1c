import { TillError } from '../../../../shared/errors'
import type { BillInput, CheckedVoucher, CheckResult, Redemption } from '../../../../shared/domain/redeem'
import { isGotItCodeFormat, maskCode, normalizeCode } from '../../../../shared/domain/voucher-code'
import type { StaffSummary } from '../../../../shared/domain/staff'
import { sumMoney, vnd } from '../../../../shared/money'
import { commitLightly, immediately } from '../../db/connection'
import { phaseEnd, phaseStart } from '../../perf/phase-times'
import { readPreferences } from '../../db/repos/preferences-repo'
import { crashPoint } from '../../journal/crash-points'
import { lastRequestId, readJson } from '../../journal/journal-store'
import type { ProviderContext } from '../module'
import { gmt7Today, isRequestRefusal, requestFailure, unreachable } from './answers'
import type { RefusalClassifier } from './classify'
import type { WireResponse } from './wire'
import type { BillRow, BillsRepo } from './bills-repo'
import type { GotItConnection } from './connection'
import { toCheckedVoucher } from './map'
import { MARK_USE, MarkUseResultSchema, type MarkUsePayload } from './payloads'
import type { Reservations } from './reservations'

export const DEFAULT_MAX_CODES_PER_BILL = 20
const UNNAMED = '\u0000unnamed'

/**
 * Got It checks a conditional voucher without the bill's items and says yes, then refuses the
 * mark use. Such a voucher is shown as needing the items (or the bill total) before anything is redeemed.
 */
function needsItems(voucher: CheckedVoucher, input: BillInput): CheckedVoucher {
  if (voucher.problem !== null || !voucher.conditions) return voucher
  const missingSkus = voucher.conditions.redeemableSkus.length > 0 && (input.skus ?? []).length === 0
  const missingTotal = voucher.conditions.minimumBill !== null && input.billTotal === undefined
  return missingSkus || missingTotal ? { ...voucher, problem: 'needs_items', amountToApply: null } : voucher
}

function providerMessageOf(response: WireResponse): CheckedVoucher['providerMessage'] {
  return { en: response.message_en ?? '', vi: response.message_vi ?? '', code: response.return_code ?? null }
}

function unchecked(code: string, problem: CheckedVoucher['problem']): CheckedVoucher {
  return {
    code,
    problem,
    state: null,
    value: null,
    amountToApply: null,
    voucherType: null,
    expiryDate: null,
    expiresAt: null,
    conditions: null,
    used: null,
    checked: problem !== 'refused',
    providerMessage: null
  }
}

/**
 * Checking and redeeming Got It vouchers against a bill. The mark use is a journal row written
 * with the bill before the call (see MarkUseOperation for how it is sent and verified).
 */
export class RedeemService {
  constructor(
    private readonly ctx: ProviderContext,
    private readonly connection: GotItConnection,
    private readonly bills: BillsRepo,
    private readonly reservations: Reservations,
    private readonly classifier: RefusalClassifier
  ) {}

  async check(input: BillInput, actor: StaffSummary | null): Promise<CheckResult> {
    const codes = input.codes.map(normalizeCode)
    if (new Set(codes).size !== codes.length) throw new TillError('invalid_input', 'A code is on the bill twice.')
    if (codes.length > DEFAULT_MAX_CODES_PER_BILL) {
      throw new TillError('too_many_codes', `A bill takes at most ${DEFAULT_MAX_CODES_PER_BILL} codes.`, { params: { max: DEFAULT_MAX_CODES_PER_BILL } })
    }
    // A new bill is written with the check's answer, in one transaction; until then only its number exists.
    const existing = input.billNumber === undefined ? null : this.changeable(this.bill(input.billNumber))
    const asked = existing ?? { bill_number: this.ctx.identity.reserveBillNumber(), flow: readPreferences(this.ctx.db).gotitFlow }
    const results = new Map<string, CheckedVoucher>()
    for (const code of codes.filter((c) => !isGotItCodeFormat(c))) results.set(code, unchecked(code, 'invalid_format'))
    const asking = phaseStart()
    const requestId = await this.checkCodes(codes.filter(isGotItCodeFormat), asked, input, results)
    const vouchers = codes.map((code) => needsItems(results.get(code) ?? unchecked(code, 'refused'), input))
    phaseEnd('check_ask', asking)
    const storing = phaseStart()
    // A check moves no money, so its answer need not wait for the disk: the redemption's own commit, durable, carries it there.
    const bill = commitLightly(this.ctx.db, () => {
      const at = this.ctx.now().toISOString()
      // Got It took its time: the bill may have gone to redemption meanwhile, and is then not ours to change.
      const row = existing ? this.changeable(this.bill(existing.bill_number)) : this.newBill(asked.bill_number, asked.flow, actor, at)
      this.bills.replaceChecked(
        row.id,
        { totalVnd: input.billTotal ?? null, skus: input.skus ?? [], at },
        vouchers.map((v) => ({ code: v.code, valueVnd: v.value?.amount ?? null, amountVnd: v.amountToApply?.amount ?? 0 }))
      )
      return row
    })
    phaseEnd('check_store', storing)
    const allRedeemable = vouchers.every((v) => v.problem === null && v.amountToApply !== null)
    if (bill.flow === 'reserve' && allRedeemable) await this.reservations.hold(bill, codes, input)
    return {
      billNumber: bill.bill_number,
      vouchers,
      allRedeemable,
      totalToApply: sumMoney(
        'VND',
        vouchers.flatMap((v) => (v.amountToApply ? [v.amountToApply] : []))
      ),
      requestId
    }
  }

  /**
   * Asks Got It about the codes: all in one request first. Got It names only the first code that
   * fails, so when one does, the others are asked one per request, several at once, within the
   * check's time budget; codes with no answer by then come back unchecked. Returns the last request id.
   */
  private async checkCodes(codes: string[], bill: Pick<BillRow, 'bill_number' | 'flow'>, input: BillInput, results: Map<string, CheckedVoucher>): Promise<string> {
    if (codes.length === 0) return ''
    const started = Date.now()
    const client = await this.connection.client()
    const { concurrency, budgetMs } = this.connection.checkLimits()
    const ask = (some: string[]) =>
      client.check({
        codes: some,
        billNumber: bill.bill_number,
        ...(input.billTotal === undefined ? {} : { totalBill: input.billTotal }),
        ...(input.skus === undefined ? {} : { skus: input.skus }),
        direct: bill.flow === 'direct'
      })
    /** Records what one answer says; returns the code that failed, `unnamed` when a refusal names none, or null. */
    const record = (asked: string[], answer: Awaited<ReturnType<typeof ask>>): string | null => {
      if (answer.kind !== 'response') throw unreachable(answer)
      const response = answer.response
      if (response.success) {
        for (const item of response.data ?? []) if (asked.includes(item.code)) results.set(item.code, toCheckedVoucher(item, null, null))
        for (const code of asked) if (!results.has(code)) results.set(code, { ...unchecked(code, 'refused'), checked: false })
        return null
      }
      const listed = response.data?.[0]
      const item = listed && asked.includes(listed.code) ? listed : undefined
      const { refusal } = this.classifier.classify(response, item, gmt7Today(this.ctx.now()))
      if (isRequestRefusal(refusal)) throw requestFailure(refusal, response, answer.requestId)
      const code = item?.code ?? (asked.length === 1 ? asked[0] : undefined)
      if (code === undefined) return UNNAMED
      results.set(code, item ? toCheckedVoucher(item, refusal, response) : { ...unchecked(code, refusal), checked: true, providerMessage: providerMessageOf(response) })
      return code
    }
    const first = await ask(codes)
    const failed = record(codes, first)
    let requestId = first.requestId
    // A refusal that names no code: each code is asked on its own.
    const rest = failed === null ? [] : codes.filter((code) => code !== failed)
    if (rest.length === 0) return requestId

    let cursor = 0
    const lane = async (): Promise<void> => {
      while (cursor < rest.length) {
        const code = rest[cursor++]
        if (code === undefined) return
        const answer = await ask([code])
        requestId = answer.requestId
        record([code], answer)
      }
    }
    const lanes = Promise.all(Array.from({ length: Math.min(concurrency, rest.length) }, lane))
    let timer: NodeJS.Timeout | undefined
    const budget = new Promise<'late'>((resolve) => {
      timer = setTimeout(() => resolve('late'), Math.max(1000, budgetMs - (Date.now() - started)))
    })
    try {
      await Promise.race([lanes, budget])
    } finally {
      clearTimeout(timer)
      // What is still on its way is left to finish; its answer is no longer waited for.
      cursor = rest.length
      lanes.catch(() => undefined)
    }
    return requestId
  }

  /** Marks the checked vouchers of a bill used. Answers once Got It has, or when the outcome is being verified. */
  async redeem(billNumber: string, actor: StaffSummary | null): Promise<Redemption> {
    // Not set up (a missing store PIN, say) is said as such, before anything is written.
    this.ctx.settings.resolve()
    const claiming = phaseStart()
    const claimed = immediately(this.ctx.db, () => {
      const bill = this.bill(billNumber)
      if (bill.status !== 'open') throw new TillError('conflict', `Bill ${billNumber} is ${bill.status}; it cannot be redeemed again.`)
      const vouchers = this.bills.vouchers(bill.id)
      if (vouchers.length === 0 || vouchers.some((v) => v.amount_vnd <= 0)) {
        throw new TillError('conflict', 'Check the vouchers first: every voucher on the bill must be valid.')
      }
      const payload: MarkUsePayload = {
        billNumber,
        codes: vouchers.map((v) => v.code),
        ...(bill.total_vnd === null ? {} : { totalBill: bill.total_vnd }),
        skus: this.bills.skus(bill),
        queueWhenOffline: false,
        flow: bill.flow
      }
      const id = this.ctx.journal.insert({ key: `${MARK_USE}:${billNumber}:${this.ctx.journal.countBySubject(billNumber) + 1}`, provider: 'gotit', operation: MARK_USE, subject: billNumber, payload })
      this.bills.markRedeeming(bill.id, actor?.id ?? null, this.ctx.now().toISOString())
      this.ctx.audit.append({
        actor,
        action: 'redemption_requested',
        subject: billNumber,
        outcome: 'ok',
        detail: { vouchers: vouchers.length, amount: vouchers.reduce((sum, v) => sum + v.amount_vnd, 0), currency: 'VND', codes: vouchers.map((v) => maskCode(v.code)).join(' ') }
      })
      return this.ctx.worker.claimInside(id)
    })
    phaseEnd('claim', claiming)
    crashPoint('after-journal-write')
    const row = await this.ctx.worker.runClaimed(claimed)
    if (row?.state === 'rejected' && readJson(row.result, MarkUseResultSchema)?.reason === 'provider_unreachable') {
      throw new TillError('provider_unreachable', `Nothing was redeemed: ${row.last_error ?? 'Got It could not be reached'}.`, {
        requestId: lastRequestId(row) ?? undefined,
        params: { reason: 'unreachable', provider: 'Got It' }
      })
    }
    const answering = phaseStart()
    const view = this.view(billNumber)
    phaseEnd('answer', answering)
    return view
  }

  /** Gives up a bill; in RESERVE_FLOW its reservations are released (journaled, so a release is never lost). */
  async abandon(billNumber: string): Promise<Redemption> {
    const bill = this.bill(billNumber)
    if (bill.status !== 'open' && bill.status !== 'rejected') return this.view(billNumber)
    const release = this.ctx.db
      .transaction(() => {
        this.bills.setStatus(billNumber, 'abandoned', this.ctx.now().toISOString())
        return this.reservations.releaseAll(bill)
      })
      .immediate()
    if (release !== null) await this.ctx.worker.runNow(release)
    return this.view(billNumber)
  }

  view(billNumber: string): Redemption {
    const bill = this.bill(billNumber)
    const vouchers = this.bills.vouchers(bill.id)
    return {
      billNumber,
      status: bill.status,
      flow: bill.flow,
      vouchers: vouchers.map((v) => ({ code: v.code, amount: vnd(v.amount_vnd) })),
      total: sumMoney(
        'VND',
        vouchers.map((v) => vnd(v.amount_vnd))
      ),
      transactionId: bill.transaction_id,
      problem: this.bills.problem(bill),
      createdAt: bill.created_at,
      settledAt: bill.settled_at,
      requestId: this.ctx.journal.latestRequestIdOf(billNumber)
    }
  }

  bill(billNumber: string): BillRow {
    const bill = this.bills.get(billNumber)
    if (!bill) throw new TillError('not_found', `There is no bill ${billNumber} on this till.`)
    return bill
  }

  /** A bill can be checked again only while it is open or was refused; one being redeemed is left alone. */
  private changeable(bill: BillRow): BillRow {
    if (bill.status === 'open' || bill.status === 'rejected') return bill
    const why = bill.status === 'redeeming' || bill.status === 'verifying' ? 'is being redeemed right now, so it cannot be changed' : `is ${bill.status.replace('_', ' ')}`
    throw new TillError('conflict', `Bill ${bill.bill_number} ${why}; start a new bill for other vouchers.`, { params: { bill: bill.bill_number, status: bill.status } })
  }

  /** Writes a new bill under the number its check was asked with; run inside the transaction that stores the check. */
  private newBill(billNumber: string, flow: BillRow['flow'], actor: StaffSummary | null, at: string): BillRow {
    this.ctx.identity.keepBillNumber(billNumber)
    return this.bills.insert({ billNumber, status: 'open', flow, staffId: actor?.id ?? null, at })
  }
}
