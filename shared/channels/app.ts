import { z } from 'zod'
import { AppInfoSchema } from '../domain/app-info'
import { LanguageInputSchema, PreferencesSchema } from '../domain/preferences'
import { ProviderStatusListSchema } from '../domain/providers'
import { defineFeature } from '../ipc/channel-table'

export const AlertSchema = z.object({
  provider: z.string(),
  name: z.string(),
  kind: z.enum(['error_rate', 'wallet_low']),
  params: z.record(z.string(), z.union([z.string(), z.number()]))
})
export type Alert = z.infer<typeof AlertSchema>

const WindowSchema = z.object({ calls: z.number().int(), failed: z.number().int() })
export const ErrorRateSchema = z.object({ provider: z.string(), name: z.string(), hour: WindowSchema, day: WindowSchema })
import { NoInput } from './common'

/** The shell: what the till is, its preferences and its providers' state. */
export const appFeature = defineFeature({
  /** Why any provider's call can fail, and why the core could not do something at all. */
  reasons: z.enum(['unreachable', 'credentials_refused', 'not_set_up', 'database_damaged', 'core_stopped', 'core_restarting', 'core_closing']),
  channels: {
    'app:info': {
      summary: 'Version, till id, host, whether training mode is on, and the current preferences.',
      access: 'public',
      input: NoInput,
      output: AppInfoSchema
    },
    'prefs:get': {
      summary: 'The till preferences: interface language, store time zone and idle lock.',
      access: 'public',
      input: NoInput,
      output: PreferencesSchema
    },
    'prefs:setLanguage': {
      summary: 'Switches the interface language (anyone may, even before signing in); emits prefs:changed.',
      access: 'public',
      input: LanguageInputSchema,
      output: PreferencesSchema
    },
    'app:alerts': {
      summary: 'What the top bar warns about now: a provider failing often (its error rate in the last hour above the store’s threshold), a gift card wallet running low.',
      access: 'staff',
      input: NoInput,
      output: z.array(AlertSchema)
    },
    'providers:errorRates': {
      summary: 'Each provider’s calls and failed calls (no answer, refused or a 4xx/5xx status) over the last hour and the last day.',
      access: 'manager',
      input: NoInput,
      output: z.array(ErrorRateSchema)
    },
    'providers:status': {
      summary: 'Each provider with its mode and whether it is reachable, as last seen by a real call or probe.',
      access: 'public',
      input: NoInput,
      output: ProviderStatusListSchema
    }
  },
  events: {
    'prefs:changed': { summary: 'The preferences after a change.', payload: PreferencesSchema },
    'providers:changed': {
      summary: 'The status of every provider after any of them changed.',
      payload: ProviderStatusListSchema
    },
    'core:changed': {
      summary: 'Sent by the shell, not the core: the core’s process stopped and is starting again, is running again, or could not start again.',
      payload: z.object({ state: z.enum(['running', 'restarting', 'failed']), restarts: z.number().int().nonnegative() })
    }
  }
})

export type { z }
