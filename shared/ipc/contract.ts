import { z } from 'zod'
import { AppInfoSchema } from '../domain/app-info'
import { PreferencesPatchSchema, PreferencesSchema } from '../domain/preferences'
import { ProviderStatusListSchema } from '../domain/providers'
import type { ChannelName, EventName } from './channels'

const NoInput = z.object({}).strict()

export interface ChannelSpec {
  summary: string
  input: z.ZodType
  output: z.ZodType
}

export interface EventSpec {
  summary: string
  payload: z.ZodType
}

/** Every call the renderer (or an operator's script through the web host) may make. */
export const contract = {
  'app:info': {
    summary: 'Version, till id, host, whether training mode is on, and the current preferences.',
    input: NoInput,
    output: AppInfoSchema
  },
  'prefs:get': {
    summary: 'The till preferences: interface language and the store time zone.',
    input: NoInput,
    output: PreferencesSchema
  },
  'prefs:set': {
    summary: 'Changes one or more preferences and returns all of them; emits prefs:changed.',
    input: PreferencesPatchSchema,
    output: PreferencesSchema
  },
  'providers:status': {
    summary: 'Each provider with its mode and whether it is reachable, as last seen by a real call or probe.',
    input: NoInput,
    output: ProviderStatusListSchema
  }
} as const satisfies Record<ChannelName, ChannelSpec>

export const events = {
  'prefs:changed': { summary: 'The preferences after a change.', payload: PreferencesSchema },
  'providers:changed': {
    summary: 'The status of every provider after any of them changed.',
    payload: ProviderStatusListSchema
  }
} as const satisfies Record<EventName, EventSpec>

export type Contract = typeof contract
export type ChannelInput<C extends ChannelName> = z.input<Contract[C]['input']>
export type ChannelParsedInput<C extends ChannelName> = z.output<Contract[C]['input']>
export type ChannelOutput<C extends ChannelName> = z.output<Contract[C]['output']>
export type EventPayload<E extends EventName> = z.output<(typeof events)[E]['payload']>
