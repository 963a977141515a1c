import { z } from 'zod'
import { ProviderIdSchema, ProviderModeSchema, type ProviderId } from './providers'

export interface ProviderFieldSpec {
  key: string
  /** In the till's English sentences (the screen has its own words per language). */
  label: string
  /** Secrets never leave the core: the renderer only learns whether one is set. */
  secret: boolean
  /** Environment variable that overrides the stored value. */
  env: string
  /** Needed before the provider can run in sandbox or production. */
  required: boolean
  pattern?: { regex: RegExp; message: string }
  defaultValue?: string
}

export function providerEnvName(provider: ProviderId, what: 'MODE' | 'BASE_URL'): string {
  return `TILL_${provider.toUpperCase()}_${what}`
}

export const SecretProtectionSchema = z.enum(['os', 'weak', 'environment-only'])
export type SecretProtection = z.infer<typeof SecretProtectionSchema>

export const ProviderFieldViewSchema = z.object({
  key: z.string(),
  /** The manifest's English words for it, shown where the screen has none of its own (a provider added later). */
  label: z.string(),
  secret: z.boolean(),
  required: z.boolean(),
  /** Null for secrets, always. */
  value: z.string().nullable(),
  isSet: z.boolean(),
  fromEnvironment: z.boolean()
})

export const ProviderSettingsViewSchema = z.object({
  provider: ProviderIdSchema,
  /** As the provider wants to be named. */
  name: z.string(),
  mode: ProviderModeSchema,
  modeFromEnvironment: z.boolean(),
  /** The URL used in sandbox and production; the provider's own unless overridden. */
  baseUrl: z.string(),
  baseUrlOverridden: z.boolean(),
  baseUrlFromEnvironment: z.boolean(),
  fields: z.array(ProviderFieldViewSchema),
  /** What stops this provider from running in its mode, in sentences; empty when ready. */
  problems: z.array(z.string())
})
export type ProviderSettingsView = z.infer<typeof ProviderSettingsViewSchema>

export const ProviderSettingsPatchSchema = z
  .object({
    provider: ProviderIdSchema,
    mode: ProviderModeSchema.optional(),
    /** Null goes back to the provider's own URL. */
    baseUrl: z.string().trim().max(2048).nullable().optional(),
    /** Non-secret fields; null clears one. */
    values: z.record(z.string().max(64), z.string().trim().max(500).nullable()).optional(),
    /** Secret fields; null clears one. Never echoed back. */
    secrets: z.record(z.string().max(64), z.string().max(4096).nullable()).optional()
  })
  .strict()
export type ProviderSettingsPatch = z.infer<typeof ProviderSettingsPatchSchema>

export const SettingsViewSchema = z.object({
  providers: z.array(ProviderSettingsViewSchema),
  secretProtection: SecretProtectionSchema
})
export type SettingsView = z.infer<typeof SettingsViewSchema>

const LOOPBACK_HOSTS = new Set(['localhost', '[::1]'])

export function isLoopbackHost(hostname: string): boolean {
  return LOOPBACK_HOSTS.has(hostname) || /^127(\.\d{1,3}){3}$/.test(hostname)
}

/** A problem with a base URL in words, or null when it is acceptable. */
export function baseUrlProblem(value: string): string | null {
  let url: URL
  try {
    url = new URL(value)
  } catch {
    return `"${value}" is not a web address; it should look like https://api.example.com`
  }
  if (url.protocol === 'https:') return null
  if (url.protocol === 'http:' && isLoopbackHost(url.hostname)) return null
  if (url.protocol === 'http:') return `Plain http:// is allowed only for this computer (127.0.0.1 or localhost); use https:// for ${url.host}`
  return `Only https:// addresses are allowed, not ${url.protocol}`
}
