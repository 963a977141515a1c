import { z } from 'zod'
import { ProviderIdSchema, ProviderModeSchema, type ProviderId } from './providers'

export interface ProviderFieldSpec {
  key: string
  /** Secrets never leave the core: the renderer only learns whether one is set. */
  secret: boolean
  /** Environment variable that overrides the stored value. */
  env: string
  /** Needed before the provider can run in sandbox or production. */
  required: boolean
  pattern?: { regex: RegExp; message: string }
  defaultValue?: string
}

/** The credentials and identifiers each provider's API needs (see ../shared/providers/*.md). */
export const providerFieldSpecs: Record<ProviderId, readonly ProviderFieldSpec[]> = {
  gotit: [
    { key: 'storePin', secret: true, env: 'TILL_GOTIT_PIN', required: true },
    {
      key: 'pathPrefix',
      secret: false,
      env: 'TILL_GOTIT_PATH_PREFIX',
      required: false,
      defaultValue: '/merchant/v6.0',
      pattern: { regex: /^\/[\w./-]*$/, message: 'The path prefix starts with / (for example /merchant/v6.0)' }
    },
    {
      key: 'timeoutMs',
      secret: false,
      env: 'TILL_GOTIT_TIMEOUT_MS',
      required: false,
      defaultValue: '30000',
      pattern: { regex: /^([1-9]\d{2,5})$/, message: 'The timeout is in milliseconds, from 100 to 999999' }
    }
  ],
  hubble: [
    { key: 'clientId', secret: false, env: 'TILL_HUBBLE_CLIENT_ID', required: true },
    { key: 'clientSecret', secret: true, env: 'TILL_HUBBLE_CLIENT_SECRET', required: true }
  ],
  vipps: [
    { key: 'clientId', secret: false, env: 'TILL_VIPPS_CLIENT_ID', required: true },
    { key: 'clientSecret', secret: true, env: 'TILL_VIPPS_CLIENT_SECRET', required: true },
    { key: 'subscriptionKey', secret: true, env: 'TILL_VIPPS_SUBSCRIPTION_KEY', required: true },
    {
      key: 'merchantSerialNumber',
      secret: false,
      env: 'TILL_VIPPS_MSN',
      required: true,
      pattern: { regex: /^\d{4,6}$/, message: 'The merchant serial number (MSN) is 4 to 6 digits' }
    },
    { key: 'systemName', secret: false, env: 'TILL_VIPPS_SYSTEM_NAME', required: true, defaultValue: 'till' },
    { key: 'systemVersion', secret: false, env: 'TILL_VIPPS_SYSTEM_VERSION', required: true, defaultValue: '1.0.0' },
    { key: 'pluginName', secret: false, env: 'TILL_VIPPS_PLUGIN_NAME', required: true, defaultValue: 'till-pos' },
    { key: 'pluginVersion', secret: false, env: 'TILL_VIPPS_PLUGIN_VERSION', required: true, defaultValue: '1.0.0' }
  ],
  juspay: [
    { key: 'merchantId', secret: false, env: 'TILL_JUSPAY_MERCHANT_ID', required: true },
    { key: 'apiKey', secret: true, env: 'TILL_JUSPAY_API_KEY', required: true }
  ]
}

export const defaultBaseUrls: Record<ProviderId, { sandbox: string; production: string }> = {
  gotit: { sandbox: 'https://openapi-stg.gotit.vn', production: 'https://openapi.gotit.vn' },
  hubble: { sandbox: 'https://api.dev.myhubble.money', production: 'https://api.myhubble.money' },
  vipps: { sandbox: 'https://apitest.vipps.no', production: 'https://api.vipps.no' },
  juspay: { sandbox: 'https://sandbox.juspay.in', production: 'https://api.juspay.in' }
}

export function providerEnvName(provider: ProviderId, what: 'MODE' | 'BASE_URL'): string {
  return `TILL_${provider.toUpperCase()}_${what}`
}

/** Every environment variable the till reads for providers, for the README and for tests. */
export function providerEnvironmentVariables(): string[] {
  return ProviderIdSchema.options.flatMap((provider) => [
    providerEnvName(provider, 'MODE'),
    providerEnvName(provider, 'BASE_URL'),
    ...providerFieldSpecs[provider].map((field) => field.env)
  ])
}

export const SecretProtectionSchema = z.enum(['os', 'weak', 'environment-only'])
export type SecretProtection = z.infer<typeof SecretProtectionSchema>

export const ProviderFieldViewSchema = z.object({
  key: z.string(),
  secret: z.boolean(),
  required: z.boolean(),
  /** Null for secrets, always. */
  value: z.string().nullable(),
  isSet: z.boolean(),
  fromEnvironment: z.boolean()
})

export const ProviderSettingsViewSchema = z.object({
  provider: ProviderIdSchema,
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
    baseUrl: z.string().trim().nullable().optional(),
    /** Non-secret fields; null clears one. */
    values: z.record(z.string(), z.string().trim().nullable()).optional(),
    /** Secret fields; null clears one. Never echoed back. */
    secrets: z.record(z.string(), z.string().nullable()).optional()
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
