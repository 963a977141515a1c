import { randomUUID } from 'node:crypto'
import type { z } from 'zod'
import { TillError } from '../../shared/errors'
import { isChannelName, type ChannelName } from '../../shared/ipc/channels'
import { contract, type Access, type ChannelOutput, type ChannelParsedInput } from '../../shared/ipc/contract'
import type { StaffSummary } from '../../shared/domain/staff'
import { fail, ok, type Result } from '../../shared/ipc/result'

export interface CallContext {
  /** A new id for each call; errors carry it so support can find the call in the logs. */
  requestId: string
  /** Who is calling: null for public channels called with nobody signed in. */
  actor: StaffSummary | null
}

/** Decides whether a call may go ahead; throws the TillError to answer with. */
export type Authorize = (access: Access, channel: ChannelName) => StaffSummary | null

export type Handler<C extends ChannelName> = (
  input: ChannelParsedInput<C>,
  call: CallContext
) => ChannelOutput<C> | Promise<ChannelOutput<C>>

export type Handlers = { [C in ChannelName]: Handler<C> }

export type Dispatch = (channel: string, input: unknown) => Promise<Result<unknown>>

export interface DispatchLog {
  error(message: string, detail: Record<string, unknown>): void
}

export function describeIssues(error: z.ZodError): string {
  return error.issues
    .map((issue) => (issue.path.length > 0 ? `${issue.path.join('.')}: ${issue.message}` : issue.message))
    .join('; ')
}

/**
 * The one entrance to the core for every host. Input is untrusted and validated here, output is
 * validated too, and no exception escapes: everything becomes a result envelope.
 */
export function createDispatcher(handlers: Handlers, log: DispatchLog, authorize: Authorize): Dispatch {
  return async (channel, rawInput) => {
    const requestId = randomUUID()
    if (!isChannelName(channel)) {
      return fail({ code: 'unknown_channel', message: `There is no channel named "${channel}".`, requestId })
    }
    const spec = contract[channel]
    try {
      // Who may call comes first: a caller without the right learns nothing about the input.
      const actor = authorize(spec.access, channel)
      const input = spec.input.safeParse(rawInput ?? {})
      if (!input.success) {
        return fail({ code: 'invalid_input', message: describeIssues(input.error), requestId })
      }
      const handler = handlers[channel] as Handler<typeof channel>
      const value: unknown = await handler(input.data as never, { requestId, actor })
      const output = spec.output.safeParse(value)
      if (!output.success) {
        log.error('handler returned output outside its contract', { channel, requestId, issues: describeIssues(output.error) })
        return fail({ code: 'internal', message: 'The till produced an answer it could not check.', requestId })
      }
      return ok(output.data)
    } catch (error) {
      if (error instanceof TillError) return fail({ ...error.toData(), requestId: error.requestId ?? requestId })
      log.error('handler failed', { channel, requestId, error: error instanceof Error ? (error.stack ?? error.message) : String(error) })
      return fail({ code: 'internal', message: 'Something went wrong inside the till.', requestId })
    }
  }
}
