import { TillError } from '../../../../shared/errors'
import type { BillInput } from '../../../../shared/domain/redeem'
import type { JournalRow } from '../../journal/journal-store'
import type { AttemptResult, OperationHandler } from '../../journal/worker'
import type { JournalOperation } from '../../journal/journal-operation'
import type { ProviderContext } from '../module'
import type { BillRow, BillsRepo } from './bills-repo'
import type { GotItConnection } from './connection'
import { usedBillNumber } from './map'
import { RESERVE, ReservationPayloadSchema, UNRESERVE } from './payloads'

/**
 * RESERVE_FLOW: a checked bill's codes are reserved for it until it is redeemed or given up.
 * Reserve and release are journal rows, sent once and verified by a check of each code.
 */
export class Reservations {
  readonly reserve: JournalOperation
  readonly release: JournalOperation

  constructor(
    private readonly ctx: ProviderContext,
    private readonly connection: GotItConnection
  ) {
    // A reservation is Got It's own state: a manager's settlement has no bill to change.
    this.reserve = { label: { en: 'Got It reservation', vi: 'Giữ chỗ Got It' }, handler: this.handler(RESERVE), settleByHand: () => undefined }
    this.release = { label: { en: 'Got It release', vi: 'Trả giữ chỗ Got It' }, handler: this.handler(UNRESERVE), settleByHand: () => undefined }
  }

  /** Reserves the checked codes for the bill and waits for Got It's answer. */
  async hold(bill: BillRow, codes: string[], input: BillInput): Promise<void> {
    const id = this.ctx.db
      .transaction(() =>
        this.ctx.journal.insert({
          key: `${RESERVE}:${bill.bill_number}:${this.ctx.journal.countBySubject(bill.bill_number) + 1}`,
          provider: 'gotit',
          operation: RESERVE,
          subject: bill.bill_number,
          payload: {
            billNumber: bill.bill_number,
            codes,
            billCreatedAt: bill.created_at,
            ...(input.billTotal === undefined ? {} : { totalBill: input.billTotal }),
            ...(input.skus ? { skus: input.skus } : {})
          }
        })
      )
      .immediate()
    const row = await this.ctx.worker.runNow(id)
    if (row?.state !== 'succeeded') {
      throw new TillError('provider_unreachable', `The vouchers could not be reserved for this bill: ${row?.last_error ?? 'no answer'}.`, { params: { reason: 'unreachable', provider: 'Got It' } })
    }
  }

  /** Journals the release of what the bill holds; call inside the transaction that gives the bill up. Returns the row id, or null when nothing is held. */
  releaseAll(bill: BillRow): number | null {
    const held = this.heldCodes(bill.bill_number)
    if (held.length === 0) return null
    return this.ctx.journal.insert({
      key: `${UNRESERVE}:${bill.bill_number}:${this.ctx.journal.countBySubject(bill.bill_number) + 1}`,
      provider: 'gotit',
      operation: UNRESERVE,
      subject: bill.bill_number,
      payload: { billNumber: bill.bill_number, codes: held, billCreatedAt: bill.created_at }
    })
  }

  /**
   * Releases what is held at Got It for bills that will not be redeemed: refused or given-up bills,
   * and open bills nobody touched for `staleAfterMs` (a cashier walked away, the till restarted,
   * or a reservation was committed though its answer was lost). An open bill swept this way is given
   * up. Returns how many releases were journaled; the worker sends and verifies them.
   */
  sweep(bills: BillsRepo, staleAfterMs: number): number {
    const staleBefore = new Date(this.ctx.now().getTime() - staleAfterMs).toISOString()
    let released = 0
    for (const bill of bills.mayHoldReservations(staleBefore, RESERVE)) {
      // Releases still on their way count as done: their codes are no longer in heldCodes.
      if (this.heldCodes(bill.bill_number).length === 0) continue
      this.ctx.db
        .transaction(() => {
          if (bill.status === 'open') bills.setStatus(bill.bill_number, 'abandoned', this.ctx.now().toISOString())
          if (this.releaseAll(bill) !== null) released += 1
        })
        .immediate()
    }
    if (released > 0) {
      this.ctx.log.info('released reservations of bills that will not be redeemed', { bills: released })
      void this.ctx.worker.drain()
    }
    return released
  }

  /** Codes this bill holds reserved at Got It: reserved by a journal row and not released since. */
  heldCodes(billNumber: string): string[] {
    const held = new Set<string>()
    for (const row of this.ctx.journal.bySubject(billNumber, [RESERVE, UNRESERVE])) {
      const codes = ReservationPayloadSchema.parse(JSON.parse(row.payload)).codes
      if (row.operation === RESERVE && row.state !== 'rejected') codes.forEach((c) => held.add(c))
      if (row.operation === UNRESERVE) codes.forEach((c) => held.delete(c))
    }
    return [...held]
  }

  private handler(operation: typeof RESERVE | typeof UNRESERVE): OperationHandler {
    const reserving = operation === RESERVE
    return {
      send: (row) => this.send(row, reserving),
      verify: (row) => this.verify(row, reserving)
    }
  }

  private async send(row: JournalRow, reserving: boolean): Promise<AttemptResult> {
    const payload = ReservationPayloadSchema.parse(JSON.parse(row.payload))
    const client = await this.connection.client()
    const request = {
      codes: payload.codes,
      billNumber: payload.billNumber,
      billCreatedAt: new Date(payload.billCreatedAt),
      ...(payload.totalBill === undefined ? {} : { totalBill: payload.totalBill }),
      ...(payload.skus === undefined ? {} : { skus: payload.skus })
    }
    const answer = reserving ? await client.reserve(request) : await client.unreserve(request)
    if (answer.kind === 'not_sent' || answer.kind === 'auth_failed') {
      const note = `not sent: ${answer.kind === 'not_sent' ? answer.reason : answer.message}`
      return reserving ? { to: 'rejected', requestId: answer.requestId, note, result: {} } : { to: 'pending', requestId: answer.requestId, note }
    }
    if (answer.kind !== 'response') return { to: 'unknown', requestId: answer.requestId, note: `no usable answer (${answer.kind})` }
    if (answer.response.success) return { to: 'succeeded', requestId: answer.requestId, result: {} }
    const item = answer.response.data?.[0]
    // Releasing what is no longer reserved (used, or released before) has nothing left to do.
    if (!reserving && item && item.state !== 11) return { to: 'succeeded', requestId: answer.requestId, result: {}, note: 'already released' }
    return { to: 'rejected', requestId: answer.requestId, note: `Got It refused: ${answer.response.message_en ?? answer.response.return_code ?? ''}`, result: {} }
  }

  private async verify(row: JournalRow, reserving: boolean): Promise<AttemptResult> {
    const payload = ReservationPayloadSchema.parse(JSON.parse(row.payload))
    const client = await this.connection.client()
    let ours = 0
    let requestId: string | null = null
    for (const code of payload.codes) {
      const answer = await client.check({ codes: [code], billNumber: payload.billNumber })
      if (answer.kind !== 'response') return { to: 'unknown', requestId: answer.requestId, note: `could not verify yet: ${answer.kind}` }
      requestId = answer.requestId
      const item = answer.response.data?.[0]
      if (item?.state === 11 && usedBillNumber(item) === payload.billNumber) ours += 1
    }
    if (reserving) {
      return ours === payload.codes.length
        ? { to: 'succeeded', requestId, result: {}, note: 'verified: reserved for this bill' }
        : { to: 'pending', requestId, note: 'verified: not reserved, safe to send again', retryAfterMs: 0 }
    }
    return ours === 0 ? { to: 'succeeded', requestId, result: {}, note: 'verified: released' } : { to: 'pending', requestId, note: 'verified: still reserved', retryAfterMs: 0 }
  }
}
