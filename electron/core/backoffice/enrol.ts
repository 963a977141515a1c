import ky from 'ky'
import { EnrolAnswerSchema, RefusalSchema } from '../../../shared/backoffice/protocol'
import { baseUrlProblem } from '../../../shared/domain/provider-settings'
import { TillError } from '../../../shared/errors'
import type { BackofficeLink } from './link'
import type { Outbox } from './outbox'

/**
 * Trades a one-time enrolment code for this till's own key. The back office binds the key to
 * this till id, the sequence number the till will start from and the hash its audit chain
 * continues from, so it can check both from the first batch on.
 */
export async function enrolTill(input: { url: string; code: string; name?: string }, deps: { tillId: string; outbox: Outbox; link: BackofficeLink; timeoutMs?: number }): Promise<void> {
  const problem = baseUrlProblem(input.url)
  if (problem) throw new TillError('invalid_input', `${problem}.`, { params: { reason: 'backoffice_address' } })
  const url = input.url.replace(/\/+$/, '')
  let response: Response
  try {
    response = await ky.post(new URL('/api/v1/enrol', url), {
      json: { code: input.code, tillId: deps.tillId, fromSeq: deps.outbox.nextSeq(), auditHead: deps.outbox.auditHead(), ...(input.name ? { name: input.name } : {}) },
      retry: 0,
      throwHttpErrors: false,
      timeout: deps.timeoutMs ?? 15_000
    })
  } catch (error) {
    throw new TillError('provider_unreachable', `The back office at ${url} could not be reached (${error instanceof Error ? error.message : String(error)}).`, {
      params: { reason: 'backoffice_unreachable', url }
    })
  }
  const body: unknown = await response.json().catch(() => null)
  if (!response.ok) {
    const refusal = RefusalSchema.safeParse(body)
    throw new TillError('provider_rejected', refusal.success ? refusal.data.message : `The back office refused the enrolment (${response.status}).`, {
      params: { reason: 'backoffice_refused', detail: refusal.success ? refusal.data.message : String(response.status) }
    })
  }
  const answer = EnrolAnswerSchema.safeParse(body)
  if (!answer.success || answer.data.tillId !== deps.tillId)
    throw new TillError('provider_rejected', 'The back office answered the enrolment with something the till cannot use.', { params: { reason: 'backoffice_refused', detail: 'unreadable answer' } })
  deps.link.save({ url, tillId: deps.tillId, store: { id: answer.data.storeId, name: answer.data.storeName }, key: answer.data.tillKey })
}
