import { z } from 'zod'

/** Who may call a channel: anyone, a signed-in person on an unlocked till, or a manager. */
export type Access = 'public' | 'staff' | 'manager'

export interface ChannelSpec {
  summary: string
  access: Access
  input: z.ZodType
  output: z.ZodType
  /** The largest request body this channel takes, when its largest legal input is over DEFAULT_MAX_INPUT_BYTES (an image, say). */
  maxInputBytes?: number
}

/** What a channel's request body may weigh unless the channel says more: every input but an image's fits in it. */
export const DEFAULT_MAX_INPUT_BYTES = 1024 * 1024

export interface EventSpec {
  summary: string
  payload: z.ZodType
}

/**
 * Why a feature's calls can fail, beyond the error's code: each feature declares its reasons, and
 * the renderer's sentences are typed by them, so a reason without words in every language does not
 * compile.
 */
export type ReasonEnum = z.ZodEnum<Readonly<Record<string, string>>>

/** What one feature adds to the contract: its channels, the events it emits and the reasons its errors carry. */
export interface FeatureContract {
  channels: Record<string, ChannelSpec>
  events: Record<string, EventSpec>
  reasons: ReasonEnum | null
}

/** Checks a feature's table against the shape without widening its literal types. */
export function defineFeature<const C extends Record<string, ChannelSpec>, const E extends Record<string, EventSpec> = Record<never, EventSpec>, const R extends ReasonEnum | null = null>(feature: {
  channels: C
  events?: E
  reasons?: R
}): { channels: C; events: E; reasons: R } {
  return { channels: feature.channels, events: feature.events ?? ({} as E), reasons: feature.reasons ?? (null as R) }
}

/** Every reason the features declare, as one union. */
export type ReasonsOf<T extends readonly FeatureContract[]> = { [I in keyof T]: T[I]['reasons'] extends z.ZodEnum<infer O> ? O[keyof O] : never }[number]

/** The features' reasons as one list; a reason two features declare is one reason (unreachable, say). */
export function mergeReasons(features: readonly FeatureContract[]): string[] {
  return [...new Set(features.flatMap((f) => (f.reasons ? f.reasons.options.map(String) : [])))]
}

type Intersect<T extends readonly FeatureContract[], K extends 'channels' | 'events'> = T extends readonly [infer H extends FeatureContract, ...infer R extends readonly FeatureContract[]]
  ? H[K] & Intersect<R, K>
  : unknown

export class DuplicateChannelError extends Error {}

function mergeTables<T>(tables: readonly Record<string, T>[], what: string): Record<string, T> {
  const merged: Record<string, T> = {}
  for (const table of tables) {
    for (const [name, spec] of Object.entries(table)) {
      if (Object.hasOwn(merged, name)) throw new DuplicateChannelError(`Two features define the ${what} "${name}".`)
      merged[name] = spec
    }
  }
  return merged
}

/** The app's contract: every feature's channels and events, a name defined twice being an error. */
export function mergeFeatures<const T extends readonly FeatureContract[]>(...features: T): { channels: Intersect<T, 'channels'>; events: Intersect<T, 'events'> } {
  return {
    channels: mergeTables(
      features.map((f) => f.channels),
      'channel'
    ) as Intersect<T, 'channels'>,
    events: mergeTables(
      features.map((f) => f.events),
      'event'
    ) as Intersect<T, 'events'>
  }
}
