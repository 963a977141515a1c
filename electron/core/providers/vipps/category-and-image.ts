import { isDeepStrictEqual } from 'node:util'
import { z } from 'zod'
import type { StaffSummary } from '../../../../shared/domain/staff'
import type { JournalRow } from '../../journal/journal-store'
import type { AttemptResult, OperationHandler } from '../../journal/worker'
import type { JournalOperation } from '../../journal/journal-operation'
import { credentialsProblem, problemOf, VIPPS, type VippsAnswer } from './client'
import { credentialsRefused, refusesCredentials } from '../../journal/credentials-refused'
import type { VippsConnection } from './connection'

export const SET_CATEGORY = 'vipps.setCategory'
export const UPLOAD_IMAGE = 'vipps.uploadImage'

export const CategoryPayloadSchema = z.object({
  paymentType: z.string(),
  orderId: z.string(),
  category: z.object({ category: z.string(), orderDetailsUrl: z.string(), imageId: z.string().nullable() })
})
export const ImagePayloadSchema = z.object({ imageId: z.string(), base64: z.string() })

function refusal(answer: Extract<VippsAnswer<unknown>, { kind: 'problem' }>): AttemptResult {
  const problem = problemOf(answer.problem, answer.status)
  return { to: 'rejected', requestId: answer.requestId, note: `Vipps refused it (${answer.status}): ${problem.title} ${problem.detail}`.trim(), result: problem }
}

/** The answer to one attempt in the journal's terms; a 409 is left to the caller. */
function attempt(answer: VippsAnswer<unknown>): AttemptResult | 'conflict' {
  if (answer.kind === 'auth_failed' && refusesCredentials(answer)) return credentialsRefused(VIPPS, answer.requestId, answer.message, credentialsProblem(answer.message))
  if (answer.kind === 'not_sent' || answer.kind === 'auth_failed')
    return { to: 'pending', requestId: answer.requestId, note: answer.kind === 'not_sent' ? `not sent: ${answer.reason}` : `not sent: ${answer.message}` }
  if (answer.kind === 'no_answer') return { to: 'unknown', requestId: answer.requestId, note: `no usable answer: ${answer.reason}` }
  if (answer.kind === 'ok') return { to: 'succeeded', requestId: answer.requestId, result: { done: true } }
  if (answer.status === 409) return 'conflict'
  if (answer.status === 429 || answer.status === 423) return { to: 'pending', requestId: answer.requestId, note: `Vipps asked us to wait (${answer.status})` }
  return refusal(answer)
}

/** Setting a payment's category: a full overwrite at Vipps, journaled; an unknown outcome is checked with a GET, then sent again if it is not there. */
export class SetCategoryOperation implements JournalOperation {
  readonly label = { en: 'Vipps MobilePay category', vi: 'Danh mục Vipps MobilePay' }
  readonly handler: OperationHandler

  constructor(private readonly connection: VippsConnection) {
    this.handler = {
      send: async (row) => {
        const p = CategoryPayloadSchema.parse(JSON.parse(row.payload))
        const result = attempt(await (await this.connection.client()).client.putCategory(p.paymentType, p.orderId, p.category))
        return result === 'conflict' ? { to: 'needs_review', requestId: null, note: 'Vipps refused to replace the category (409)' } : result
      },
      verify: async (row) => {
        const p = CategoryPayloadSchema.parse(JSON.parse(row.payload))
        const answer = await (await this.connection.client()).client.order(p.paymentType, p.orderId)
        if (answer.kind === 'ok' && isDeepStrictEqual({ ...answer.value.category, imageId: answer.value.category?.imageId ?? null }, p.category)) {
          return { to: 'succeeded', requestId: answer.requestId, note: 'verified: the category is ours', result: { done: true } }
        }
        if (answer.kind === 'ok' || (answer.kind === 'problem' && answer.status === 404))
          return { to: 'pending', requestId: answer.requestId, note: 'verified: not set yet, safe to send again', retryAfterMs: 0 }
        return { to: 'unknown', requestId: answer.requestId, note: `could not ask Vipps yet (${answer.kind})` }
      }
    }
  }

  settleByHand(_row: JournalRow, _outcome: 'succeeded' | 'rejected', _actor: StaffSummary): void {
    // A category is Vipps's own record: the till keeps nothing else about it.
  }
}

/** Uploading an image: image ids are made unique by the till, so a 409 after a lost answer means the image is ours already. */
export class UploadImageOperation implements JournalOperation {
  readonly label = { en: 'Vipps MobilePay image', vi: 'Hình ảnh Vipps MobilePay' }
  readonly handler: OperationHandler

  constructor(private readonly connection: VippsConnection) {
    const send = async (row: JournalRow): Promise<AttemptResult> => {
      const p = ImagePayloadSchema.parse(JSON.parse(row.payload))
      const result = attempt(await (await this.connection.client()).client.uploadImage(p.imageId, p.base64))
      return result === 'conflict' ? { to: 'succeeded', requestId: null, note: 'the image id is taken: it is ours from the attempt whose answer was lost', result: { done: true } } : result
    }
    // There is no GET for images: sending again is the check, and a 409 answers it.
    this.handler = { send, verify: send }
  }

  settleByHand(_row: JournalRow, _outcome: 'succeeded' | 'rejected', _actor: StaffSummary): void {
    // An image is Vipps's own record: the till keeps nothing else about it.
  }
}
