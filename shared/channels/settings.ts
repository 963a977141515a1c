import { PreferencesSchema, StoreSettingsPatchSchema } from '../domain/preferences'
import { ProviderSettingsPatchSchema, ProviderSettingsViewSchema, SettingsViewSchema } from '../domain/provider-settings'
import { z } from 'zod'
import { defineFeature } from '../ipc/channel-table'
import { NoInput } from './common'

export const CallbackStatusSchema = z.object({
  listening: z.boolean(),
  url: z.string().nullable(),
  /** Why it does not listen although it is on (the port is taken, say). */
  problem: z.string().nullable(),
  deliveries: z.array(
    z.object({
      at: z.iso.datetime(),
      provider: z.string().nullable(),
      route: z.string(),
      deliveryKey: z.string().nullable(),
      remote: z.string().nullable(),
      status: z.number().int(),
      outcome: z.string()
    })
  )
})

/** A manager's settings: the store and each provider. */
export const settingsFeature = defineFeature({
  channels: {
    'settings:get': {
      summary: 'Provider modes, base URLs and which credentials are set (never their values), and how secrets are protected.',
      access: 'manager',
      input: NoInput,
      output: SettingsViewSchema
    },
    'settings:setStore': {
      summary: 'Changes the store time zone or the idle lock; emits prefs:changed.',
      access: 'manager',
      input: StoreSettingsPatchSchema,
      output: PreferencesSchema
    },
    'callbacks:status': {
      summary: 'Whether the callback receiver listens (it is off by default; Settings → Store turns it on with its address and port), and the latest deliveries: accepted, duplicate or refused.',
      access: 'manager',
      input: z.object({ limit: z.number().int().min(1).max(200).default(50) }).strict(),
      output: CallbackStatusSchema
    },
    'settings:setProvider': {
      summary: "Changes one provider's mode, base URL or credentials. Secrets are write-only.",
      access: 'manager',
      input: ProviderSettingsPatchSchema,
      output: ProviderSettingsViewSchema
    }
  }
})
