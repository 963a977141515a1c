import { TillError } from '../../../../shared/errors'
import { receiptProblems, receiptTotal } from '../../../../shared/domain/receipt-lines'
import { VippsProblemSchema, type Attachment, type JobResult, type Receipt, type VippsOrderView } from '../../../../shared/domain/receipts'
import { minorToDecimal } from '../../../../shared/money'
import { SET_CATEGORY, UPLOAD_IMAGE } from './category-and-image'
import { imageProblem } from './image-check'
import type { ProviderContext } from '../module'
import type { AttachmentsRepo } from './attachments-repo'
import { ATTACH_RECEIPT } from './attach-receipt'
import { problemOf, subjectOf, VIPPS, type VippsAnswer } from './client'
import type { VippsConnection } from './connection'

/** An answer that is not a usable one, as an error a person can read: the reason picks the sentence, the message keeps Vipps's words for support. */
export function vippsFailure(answer: Exclude<VippsAnswer<unknown>, { kind: 'ok' }>, what: string): TillError {
  if (answer.kind === 'problem') {
    const problem = problemOf(answer.problem, answer.status)
    const message = `Vipps MobilePay refused ${what} (${answer.status}): ${[problem.title, problem.detail].filter(Boolean).join(': ')}${problem.trace ? ` [trace ${problem.trace}]` : ''}`
    const reason =
      answer.status === 400
        ? 'vipps_invalid'
        : answer.status === 401
          ? 'credentials_refused'
          : answer.status === 403
            ? 'vipps_forbidden'
            : answer.status === 423 || answer.status === 429
              ? 'vipps_busy'
              : 'vipps_refused'
    return new TillError(answer.status === 401 ? 'provider_unreachable' : 'provider_rejected', message, {
      requestId: answer.requestId,
      params: { reason, provider: VIPPS, detail: problem.detail || problem.title, status: answer.status }
    })
  }
  const reason = answer.kind === 'auth_failed' ? 'credentials_refused' : 'unreachable'
  return new TillError('provider_unreachable', `Vipps MobilePay could not be asked about ${what} (${answer.kind}${answer.kind === 'auth_failed' ? `: ${answer.message}` : ''}).`, {
    requestId: answer.requestId,
    params: { reason, provider: VIPPS }
  })
}

/** Looking a payment's receipt and category up, and attaching the till's receipt to it. */
export class ReceiptsService {
  constructor(
    private readonly ctx: ProviderContext,
    private readonly connection: VippsConnection,
    private readonly attachments: AttachmentsRepo
  ) {}

  async lookup(paymentType: 'ECOM' | 'RECURRING', orderId: string): Promise<VippsOrderView> {
    const { client, msn } = await this.connection.client()
    const answer = await client.order(paymentType, orderId)
    if (answer.kind === 'problem' && answer.status === 404) {
      throw new TillError('not_found', `Vipps MobilePay has no receipt or category for ${paymentType} ${orderId}.`, { requestId: answer.requestId, params: { reason: 'vipps_unknown_order' } })
    }
    if (answer.kind !== 'ok') throw vippsFailure(answer, `the lookup of ${paymentType} ${orderId}`)
    const category = answer.value.category ? { category: answer.value.category.category, orderDetailsUrl: answer.value.category.orderDetailsUrl, imageId: answer.value.category.imageId ?? null } : null
    return {
      paymentType,
      orderId,
      msn,
      category,
      receipt: answer.value.receipt ?? null,
      requestId: answer.requestId,
      attachment: this.attachments.get(msn, paymentType, orderId) ?? null,
      calls: this.ctx.http.log.about('vipps', subjectOf(paymentType, orderId))
    }
  }

  /** Journals a category (or an image) before the call and makes the first attempt. */
  async journaled(operation: string, subject: string, payload: unknown, imageId: string | null = null): Promise<JobResult> {
    const claimed = this.ctx.db
      .transaction(() =>
        this.ctx.worker.claimInside(this.ctx.journal.insert({ key: `${operation}:${subject}:${this.ctx.journal.countBySubject(subject) + 1}`, provider: 'vipps', operation, subject, payload }))
      )
      .immediate()
    const row = await this.ctx.worker.runClaimed(claimed)
    const problem = row?.state === 'rejected' ? (VippsProblemSchema.safeParse(JSON.parse(row.result ?? 'null')).data ?? null) : null
    const state = row?.state === 'succeeded' ? 'done' : row?.state === 'rejected' ? 'refused' : row?.state === 'unknown' ? 'verifying' : row?.state === 'needs_review' ? 'needs_review' : 'queued'
    return { state, problem, imageId }
  }

  async setCategory(input: { paymentType: 'ECOM' | 'RECURRING'; orderId: string; category: string; orderDetailsUrl: string; imageId: string | null }): Promise<JobResult> {
    return this.journaled(SET_CATEGORY, subjectOf(input.paymentType, input.orderId), {
      paymentType: input.paymentType,
      orderId: input.orderId,
      category: { category: input.category, orderDetailsUrl: input.orderDetailsUrl, imageId: input.imageId }
    })
  }

  /** Checks the image as Vipps would, then uploads it under an id the till makes (unique across tills). */
  async uploadImage(base64: string): Promise<JobResult> {
    const why = imageProblem(Buffer.from(base64, 'base64'))
    if (why) throw new TillError('invalid_input', `The image cannot be used: ${why}.`, { params: { reason: 'vipps_image', why } })
    const imageId = this.ctx.db.transaction(() => this.ctx.identity.nextReference('image')).immediate()
    return this.journaled(UPLOAD_IMAGE, `image:${imageId}`, { imageId, base64 }, imageId)
  }

  /** Checks the receipt's arithmetic, journals it before the call, then sends it; offline it waits in the journal and goes when Vipps is back. */
  async attach(paymentType: 'ECOM' | 'RECURRING', orderId: string, receipt: Receipt, staffId: string | null = null): Promise<Attachment> {
    const problems = receiptProblems(receipt)
    const first = problems[0]
    if (first) {
      const { reason, ...numbers } = first
      const params = Object.fromEntries(Object.entries(numbers).map(([k, v]) => [k, k === 'line' ? v : minorToDecimal(v).toFixed(2)]))
      throw new TillError('invalid_input', `The receipt was not sent: ${problems.map((p) => JSON.stringify(p)).join('; ')}`, {
        params: { reason, currency: receipt.bottomLine.currency, ...params, problems: problems.length }
      })
    }
    const { msn } = await this.connection.client()
    const at = this.ctx.now().toISOString()
    const subject = subjectOf(paymentType, orderId)
    const claimed = this.ctx.db
      .transaction(() => {
        const about = { amount: { amount: receiptTotal(receipt).total, currency: receipt.bottomLine.currency }, staffId, receiptNumber: receipt.bottomLine.receiptNumber ?? null }
        if (!this.attachments.insert({ msn, paymentType, orderId, at, ...about })) {
          const existing = this.attachments.get(msn, paymentType, orderId)
          if (existing?.status !== 'refused')
            throw new TillError('conflict', `A receipt for ${paymentType} ${orderId} was attached already (${existing?.status ?? 'unknown'}); Vipps keeps one per payment.`, {
              params: { reason: 'vipps_receipt_exists' }
            })
          this.attachments.reopen(msn, paymentType, orderId, at, about)
        }
        const attempt = this.ctx.journal.countBySubject(subject) + 1
        return this.ctx.worker.claimInside(
          this.ctx.journal.insert({
            key: `${ATTACH_RECEIPT}:${msn}:${paymentType}:${orderId}:${attempt}`,
            provider: 'vipps',
            operation: ATTACH_RECEIPT,
            subject,
            payload: { msn, paymentType, orderId, receipt }
          })
        )
      })
      .immediate()
    await this.ctx.worker.runClaimed(claimed)
    const view = this.attachments.get(msn, paymentType, orderId)
    if (!view) throw new TillError('internal', 'The receipt was not recorded.')
    return view
  }
}
