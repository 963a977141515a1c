import { randomUUID } from 'node:crypto'
import type { z } from 'zod'
import { TillError } from '../../shared/errors'
import { isStorageFailure, storageFailed } from './db/storage-errors'
import { databaseDamaged, isDamagedDatabase } from './db/integrity'
import { channelNames, contract, isChannelName, type Access, type ChannelName, type ChannelOutput, type ChannelParsedInput } from '../../shared/ipc/contract'
import type { FeatureContract } from '../../shared/ipc/channel-table'
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

export type Handler<C extends ChannelName> = (input: ChannelParsedInput<C>, call: CallContext) => ChannelOutput<C> | Promise<ChannelOutput<C>>

export type Handlers = { [C in ChannelName]: Handler<C> }

/** The handlers of one feature's channels. */
export type HandlersOf<F extends FeatureContract> = { [C in keyof F['channels'] & ChannelName]: Handler<C> }

/** Some of the contract's handlers, as a feature or provider module provides them. */
export type FeatureHandlers = Partial<Handlers>

/**
 * Every feature's handlers as one table. A channel with no handler, or with two, stops the till
 * at start: the contract and the code must agree.
 */
export function combineHandlers(...tables: FeatureHandlers[]): Handlers {
  const combined: Partial<Record<ChannelName, unknown>> = {}
  for (const table of tables) {
    for (const name of Object.keys(table) as ChannelName[]) {
      if (!isChannelName(name)) throw new Error(`A handler is given for "${name}", which is not in the contract.`)
      if (combined[name]) throw new Error(`Two features handle the channel "${name}".`)
      combined[name] = table[name]
    }
  }
  const missing = channelNames.filter((name) => !combined[name])
  if (missing.length > 0) throw new Error(`No handler for ${missing.join(', ')}.`)
  return combined as Handlers
}

export type Dispatch = (channel: string, input: unknown) => Promise<Result<unknown>>

export interface DispatchLog {
  error(message: string, detail: Record<string, unknown>): void
}

/** Half of a UTF-16 surrogate pair: text no provider, URL or UTF-8 encoder can take. */
const LONE_SURROGATE = /[\uD800-\uDBFF](?![\uDC00-\uDFFF])|(?<![\uD800-\uDBFF])[\uDC00-\uDFFF]/

/** Where in an input (as a dotted path, '' for the whole) a string or key holds a lone surrogate; null when nowhere. */
export function brokenTextAt(value: unknown, path = ''): string | null {
  if (typeof value === 'string') return LONE_SURROGATE.test(value) ? path : null
  if (Array.isArray(value)) {
    for (let i = 0; i < value.length; i += 1) {
      const found = brokenTextAt(value[i], `${path}${path ? '.' : ''}${i}`)
      if (found !== null) return found
    }
    return null
  }
  if (value && typeof value === 'object') {
    for (const [key, item] of Object.entries(value)) {
      const at = `${path}${path ? '.' : ''}${LONE_SURROGATE.test(key) ? '?' : key}`
      if (LONE_SURROGATE.test(key)) return at
      const found = brokenTextAt(item, at)
      if (found !== null) return found
    }
  }
  return null
}

export function describeIssues(error: z.ZodError): string {
  return error.issues.map((issue) => (issue.path.length > 0 ? `${issue.path.join('.')}: ${issue.message}` : issue.message)).join('; ')
}

/**
 * The one entrance to the core for every host. Input is untrusted and validated here, output is
 * validated too, and no exception escapes: everything becomes a result envelope.
 */
export function createDispatcher(handlers: Handlers, log: DispatchLog, authorize: Authorize, databaseFile = 'till.sqlite'): Dispatch {
  return async (channel, rawInput) => {
    const requestId = randomUUID()
    if (!isChannelName(channel)) {
      const shown = channel.length > 60 ? `${channel.slice(0, 60)}…` : channel
      return fail({ code: 'unknown_channel', message: `There is no channel named "${shown}".`, requestId })
    }
    const spec = contract[channel]
    try {
      // Who may call comes first: a caller without the right learns nothing about the input.
      const actor = authorize(spec.access, channel)
      const broken = brokenTextAt(rawInput)
      if (broken !== null) {
        return fail({ code: 'invalid_input', message: `${broken || 'The input'}: the text has a broken character (half of a UTF-16 pair) and cannot be sent anywhere.`, requestId })
      }
      const input = spec.input.safeParse(rawInput ?? {})
      if (!input.success) {
        // What was wrong travels as a parameter too, so the sentence shown can say it (nothing on screen is highlighted).
        const detail = input.error.issues[0]?.message ?? 'the input does not fit'
        return fail({ code: 'invalid_input', message: describeIssues(input.error), requestId, params: { detail: detail.slice(0, 200) } })
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
      if (isDamagedDatabase(error)) {
        log.error('the database is damaged', { channel, requestId, file: databaseFile, error: error instanceof Error ? error.message : String(error) })
        return fail(databaseDamaged(databaseFile, requestId).toData())
      }
      if (isStorageFailure(error)) {
        log.error('storage failed', { channel, requestId, error: error instanceof Error ? error.message : String(error) })
        return fail(storageFailed(requestId).toData())
      }
      log.error('handler failed', { channel, requestId, error: error instanceof Error ? (error.stack ?? error.message) : String(error) })
      return fail({ code: 'internal', message: 'Something went wrong inside the till.', requestId })
    }
  }
}
