import { TillError } from '../../../../shared/errors'
import { VippsProblemSchema, type Attachment, type JobResult, type Receipt, type VippsOrderView } from '../../../../shared/domain/receipts'
import { SET_CATEGORY, UPLOAD_IMAGE } from './category-and-image'
import { imageProblem } from './image-check'
import type { ModuleContext } from '../module'
import type { AttachmentsRepo } from './attachments-repo'
import { ATTACH_RECEIPT } from './attach-receipt'
import type { VippsConnection } from './connection'

/** Looking a payment's receipt and category up, and attaching the till's receipt to it. */
export class ReceiptsService {
  constructor(
    private readonly ctx: ModuleContext,
    private readonly connection: VippsConnection,
    private readonly attachments: AttachmentsRepo
  ) {}

  async lookup(paymentType: 'ECOM' | 'RECURRING', orderId: string): Promise<VippsOrderView> {
    const { client, msn } = await this.connection.client()
    const answer = await client.order(paymentType, orderId)
    if (answer.kind === 'problem' && answer.status === 404) {
      throw new TillError('not_found', `Vipps MobilePay has no receipt or category for ${paymentType} ${orderId}.`, { requestId: answer.requestId, params: { reason: 'vipps_unknown_order' } })
    }
    if (answer.kind === 'problem') throw new TillError('provider_rejected', `Vipps MobilePay refused the lookup (${answer.status}): ${answer.problem.title ?? answer.problem.message ?? ''}`, { requestId: answer.requestId })
    if (answer.kind !== 'ok') {
      throw new TillError('provider_unreachable', `Vipps MobilePay could not be asked (${answer.kind}).`, { requestId: answer.requestId, params: { reason: answer.kind === 'auth_failed' ? 'credentials_refused' : 'unreachable', provider: 'Vipps MobilePay' } })
    }
    const category = answer.value.category ? { category: answer.value.category.category, orderDetailsUrl: answer.value.category.orderDetailsUrl, imageId: answer.value.category.imageId ?? null } : null
    return { paymentType, orderId, msn, category, receipt: answer.value.receipt ?? null, requestId: answer.requestId }
  }

  /** Journals a category (or an image) before the call and makes the first attempt. */
  async journaled(operation: string, subject: string, payload: unknown, imageId: string | null = null): Promise<JobResult> {
    const id = this.ctx.db
      .transaction(() => this.ctx.journal.insert({ key: `${operation}:${subject}:${this.ctx.journal.countBySubject(subject) + 1}`, provider: 'vipps', operation, subject, payload }))
      .immediate()
    const row = await this.ctx.worker.runNow(id)
    const problem = row?.state === 'rejected' ? (VippsProblemSchema.safeParse(JSON.parse(row.result ?? 'null')).data ?? null) : null
    const state = row?.state === 'succeeded' ? 'done' : row?.state === 'rejected' ? 'refused' : row?.state === 'unknown' ? 'verifying' : row?.state === 'needs_review' ? 'needs_review' : 'queued'
    return { state, problem, imageId }
  }

  async setCategory(input: { paymentType: 'ECOM' | 'RECURRING'; orderId: string; category: string; orderDetailsUrl: string; imageId: string | null }): Promise<JobResult> {
    return this.journaled(SET_CATEGORY, `${input.paymentType}:${input.orderId}`, { paymentType: input.paymentType, orderId: input.orderId, category: { category: input.category, orderDetailsUrl: input.orderDetailsUrl, imageId: input.imageId } })
  }

  /** Checks the image as Vipps would, then uploads it under an id the till makes (unique across tills). */
  async uploadImage(base64: string): Promise<JobResult> {
    const why = imageProblem(Buffer.from(base64, 'base64'))
    if (why) throw new TillError('invalid_input', `The image cannot be used: ${why}.`, { params: { reason: 'vipps_image', why } })
    const imageId = this.ctx.db.transaction(() => this.ctx.identity.nextReference('image')).immediate()
    return this.journaled(UPLOAD_IMAGE, `image:${imageId}`, { imageId, base64 }, imageId)
  }

  /** Journals the receipt before the call, then sends it; offline it waits in the journal and goes when Vipps is back. */
  async attach(paymentType: 'ECOM' | 'RECURRING', orderId: string, receipt: Receipt): Promise<Attachment> {
    const { msn } = await this.connection.client()
    const at = this.ctx.now().toISOString()
    const id = this.ctx.db
      .transaction(() => {
        if (!this.attachments.insert({ msn, paymentType, orderId, at })) {
          const existing = this.attachments.get(msn, paymentType, orderId)
          if (existing?.status !== 'refused') throw new TillError('conflict', `A receipt for ${paymentType} ${orderId} was attached already (${existing?.status ?? 'unknown'}); Vipps keeps one per payment.`, { params: { reason: 'vipps_receipt_exists' } })
          this.attachments.reopen(msn, paymentType, orderId, at)
        }
        const attempt = this.ctx.journal.countBySubject(`${paymentType}:${orderId}`) + 1
        return this.ctx.journal.insert({ key: `${ATTACH_RECEIPT}:${msn}:${paymentType}:${orderId}:${attempt}`, provider: 'vipps', operation: ATTACH_RECEIPT, subject: `${paymentType}:${orderId}`, payload: { msn, paymentType, orderId, receipt } })
      })
      .immediate()
    await this.ctx.worker.runNow(id)
    const view = this.attachments.get(msn, paymentType, orderId)
    if (!view) throw new TillError('internal', 'The receipt was not recorded.')
    return view
  }
}
