import { TillError } from '../../../shared/errors'
import { baseUrlProblem, providerEnvName, type ProviderFieldSpec, type ProviderSettingsPatch, type ProviderSettingsView, type SettingsView } from '../../../shared/domain/provider-settings'
import { ProviderModeSchema, type ProviderId, type ProviderMode } from '../../../shared/domain/providers'
import { z } from 'zod'
import type { AuditDetail } from '../audit/audit-log'
import type { Db } from '../db/connection'
import { ProviderSettingsRepo } from '../db/repos/provider-settings-repo'
import type { SecretVault } from './secret-vault'

interface StoredSettings {
  mode: ProviderMode
  baseUrl: string | null
  values: Record<string, string>
  secrets: Record<string, string>
}

/** What a provider client needs to run; it holds secrets and never leaves the core. */
export interface ResolvedProviderConfig {
  provider: ProviderId
  mode: ProviderMode
  baseUrl: string
  values: Record<string, string>
  secrets: Record<string, string>
}

const StringMapSchema = z.record(z.string(), z.string())

/** What the settings need to know of a provider: its name, fields and the base URLs of its environments. */
export interface ProviderSettingsSpec {
  id: ProviderId
  name: string
  settings: { fields: readonly ProviderFieldSpec[]; baseUrls: { sandbox: string; production: string } }
}

/** Every environment variable the till reads for these providers, for the README and for tests. */
export function providerEnvironmentVariables(providers: readonly ProviderSettingsSpec[]): string[] {
  return providers.flatMap((p) => [providerEnvName(p.id, 'MODE'), providerEnvName(p.id, 'BASE_URL'), ...p.settings.fields.map((field) => field.env)])
}

/** A provider's settings in effect: each from the environment, or stored, or its default. */
interface Effective {
  mode: { value: ProviderMode; fromEnv: boolean }
  baseUrl: { value: string; overridden: boolean; fromEnv: boolean }
  fields: Map<string, { value: string | undefined; fromEnv: boolean }>
}

/**
 * Provider modes, base URLs and credentials: stored values (secrets sealed by the vault),
 * overridden by environment variables. A bad stored or environment value never crashes the
 * till: it is reported as a problem and the provider stays out of service until it is fixed.
 */
export class ProviderSettings {
  private readonly envProblems = new Map<ProviderId, string[]>()
  private readonly specs: Map<ProviderId, ProviderSettingsSpec>
  private readonly repo: ProviderSettingsRepo
  private readonly storedCache = new Map<ProviderId, StoredSettings>()
  /** What `resolve` made of them, kept and forgotten with them; a client call resolves its provider every time. */
  private readonly resolvedCache = new Map<ProviderId, Readonly<ResolvedProviderConfig>>()
  /** Stored values with the environment laid over them, kept and forgotten with them: a redemption read them four times. */
  private readonly effectiveCache = new Map<ProviderId, Effective>()

  constructor(
    providers: readonly ProviderSettingsSpec[],
    private readonly db: Db,
    private readonly vault: SecretVault,
    private readonly env: NodeJS.ProcessEnv,
    private readonly now: () => Date
  ) {
    this.specs = new Map(providers.map((p) => [p.id, p]))
    this.repo = new ProviderSettingsRepo(db)
  }

  /** The provider's spec, or an invalid_input error for an id the till does not know. */
  spec(provider: ProviderId): ProviderSettingsSpec {
    const spec = this.specs.get(provider)
    if (!spec) throw new TillError('invalid_input', `The till has no provider called "${provider}".`)
    return spec
  }

  private fields(provider: ProviderId): readonly ProviderFieldSpec[] {
    return this.spec(provider).settings.fields
  }

  get protection(): SettingsView['secretProtection'] {
    return this.vault.protection
  }

  mode(provider: ProviderId): ProviderMode {
    return this.effective(provider).mode.value
  }

  view(): SettingsView {
    return { providers: [...this.specs.keys()].map((id) => this.viewOf(id)), secretProtection: this.vault.protection }
  }

  viewOf(provider: ProviderId): ProviderSettingsView {
    const e = this.effective(provider)
    return {
      provider,
      name: this.spec(provider).name,
      mode: e.mode.value,
      modeFromEnvironment: e.mode.fromEnv,
      baseUrl: e.baseUrl.value,
      baseUrlOverridden: e.baseUrl.overridden,
      baseUrlFromEnvironment: e.baseUrl.fromEnv,
      fields: this.fields(provider).map((spec) => {
        const field = e.fields.get(spec.key)
        return {
          key: spec.key,
          label: spec.label,
          secret: spec.secret,
          required: spec.required,
          value: spec.secret ? null : (field?.value ?? null),
          isSet: field?.value !== undefined,
          fromEnvironment: field?.fromEnv ?? false
        }
      }),
      problems: this.problems(provider, e)
    }
  }

  /** A provider's non-secret values as they are in effect (defaults included), whatever its mode and problems. */
  values(provider: ProviderId): Record<string, string> {
    const e = this.effective(provider)
    const values: Record<string, string> = {}
    for (const spec of this.fields(provider)) {
      const value = e.fields.get(spec.key)?.value
      if (!spec.secret && value !== undefined) values[spec.key] = value
    }
    return values
  }

  /** One secret as it is in effect (stored or from the environment), or undefined; it never leaves the core. */
  secret(provider: ProviderId, key: string): string | undefined {
    const spec = this.fields(provider).find((f) => f.key === key && f.secret)
    return spec ? this.effective(provider).fields.get(key)?.value : undefined
  }

  /** The configuration a client runs with, or a provider_unreachable error saying what is missing. */
  resolve(provider: ProviderId): ResolvedProviderConfig {
    const kept = this.resolvedCache.get(provider)
    if (kept) return kept
    const now = this.resolveNow(provider)
    // Handed to every caller: frozen, so nobody changes it for the others.
    const resolved = Object.freeze({ ...now, values: Object.freeze(now.values), secrets: Object.freeze(now.secrets) })
    if (this.storedCache.has(provider)) this.resolvedCache.set(provider, resolved)
    return resolved
  }

  private resolveNow(provider: ProviderId): ResolvedProviderConfig {
    const e = this.effective(provider)
    const problems = this.problems(provider, e)
    if (problems.length > 0) {
      const name = this.spec(provider).name
      throw new TillError('provider_unreachable', `${name} is not set up: ${problems.join(' ')}`, { params: { reason: 'not_set_up', provider: name, missing: problems.join(' ') } })
    }
    const values: Record<string, string> = {}
    const secrets: Record<string, string> = {}
    for (const spec of this.fields(provider)) {
      const value = e.fields.get(spec.key)?.value
      if (value !== undefined) (spec.secret ? secrets : values)[spec.key] = value
    }
    return { provider, mode: e.mode.value, baseUrl: e.baseUrl.value, values, secrets }
  }

  /** Validates and saves a change; returns what changed for the audit log, with no secret in it. */
  apply(patch: ProviderSettingsPatch): AuditDetail {
    const { provider } = patch
    const name = this.spec(provider).name
    const specs = new Map(this.fields(provider).map((spec) => [spec.key, spec]))
    const stored = this.stored(provider)
    const next: StoredSettings = { ...stored, values: { ...stored.values }, secrets: { ...stored.secrets } }
    const detail: AuditDetail = { provider }

    const checkKey = (key: string, secret: boolean): ProviderFieldSpec => {
      const spec = specs.get(key)
      if (!spec) throw new TillError('invalid_input', `${name} has no setting called "${key}".`)
      if (spec.secret !== secret) {
        throw new TillError('invalid_input', `The ${spec.label} of ${name} ${spec.secret ? 'is a secret and goes with the secrets' : 'is not a secret'}.`)
      }
      return spec
    }

    if (patch.mode !== undefined && patch.mode !== stored.mode) {
      detail['mode'] = `${stored.mode} -> ${patch.mode}`
      next.mode = patch.mode
    }
    if (patch.baseUrl !== undefined) {
      const value = patch.baseUrl === null || patch.baseUrl === '' ? null : patch.baseUrl
      if (value !== null) {
        const problem = baseUrlProblem(value)
        if (problem) throw new TillError('invalid_input', `${name} base URL: ${problem}.`)
      }
      if (value !== stored.baseUrl) {
        detail['baseUrl'] = value ?? 'provider default'
        next.baseUrl = value
      }
    }
    for (const [key, value] of Object.entries(patch.values ?? {})) {
      const spec = checkKey(key, false)
      if (value === null || value === '') {
        if (key in next.values) detail[`values.${key}`] = 'cleared'
        next.values = without(next.values, key)
        continue
      }
      if (spec.pattern && !spec.pattern.regex.test(value)) throw new TillError('invalid_input', `${name}: ${spec.pattern.message}.`)
      if (next.values[key] !== value) detail[`values.${key}`] = value
      next.values[key] = value
    }
    for (const [key, value] of Object.entries(patch.secrets ?? {})) {
      checkKey(key, true)
      if (value === null || value === '') {
        if (key in next.secrets) detail[`secrets.${key}`] = 'cleared'
        next.secrets = without(next.secrets, key)
      } else {
        detail[`secrets.${key}`] = 'set'
        next.secrets[key] = value
      }
    }

    const problems = this.problems(provider, this.effective(provider, next))
    if (next.mode !== 'training' && problems.length > 0) {
      throw new TillError('invalid_input', `${name} cannot run in ${next.mode} mode yet: ${problems.join(' ')}`)
    }
    const secretsChanged = Object.keys(detail).some((key) => key.startsWith('secrets.'))
    const sealed = secretsChanged ? (Object.keys(next.secrets).length > 0 ? this.vault.seal(JSON.stringify(next.secrets)) : null) : undefined
    this.storedCache.delete(provider)
    this.resolvedCache.delete(provider)
    this.effectiveCache.delete(provider)
    this.repo.save({ provider, mode: next.mode, baseUrl: next.baseUrl, values: JSON.stringify(next.values), secrets: sealed, at: this.now().toISOString() })
    return detail
  }

  /**
   * What is stored, kept per provider: each call to a provider resolves its settings, and reading
   * and unsealing them every time was a measurable part of a redemption. `apply` is the only
   * writer, and it forgets them (also when its transaction is rolled back: it forgets first).
   */
  private stored(provider: ProviderId): StoredSettings {
    let stored = this.storedCache.get(provider)
    if (!stored) {
      stored = this.readStored(provider)
      if (!this.db.inTransaction) this.storedCache.set(provider, stored)
    }
    return stored
  }

  private readStored(provider: ProviderId): StoredSettings {
    const row = this.repo.get(provider)
    if (!row) return { mode: 'training', baseUrl: null, values: {}, secrets: {} }
    const mode = ProviderModeSchema.safeParse(row.mode)
    const values = StringMapSchema.safeParse(safeJson(row.values))
    let secrets: Record<string, string> = {}
    if (row.secrets && this.vault.protection !== 'environment-only') {
      try {
        const parsed = StringMapSchema.safeParse(safeJson(this.vault.open(row.secrets)))
        if (parsed.success) secrets = parsed.data
      } catch {
        // Sealed on another machine or by another OS account: the manager re-enters them.
      }
    }
    return { mode: mode.success ? mode.data : 'training', baseUrl: row.base_url, values: values.success ? values.data : {}, secrets }
  }

  /** The settings in effect; `given` (a change being checked) is never kept. */
  private effective(provider: ProviderId, given?: StoredSettings): Effective {
    if (!given) {
      const kept = this.effectiveCache.get(provider)
      if (kept) return kept
    }
    const stored = given ?? this.stored(provider)
    const envProblems: string[] = []
    const modeEnv = this.envValue(providerEnvName(provider, 'MODE'))
    const parsedMode = modeEnv === undefined ? undefined : ProviderModeSchema.safeParse(modeEnv)
    if (parsedMode && !parsedMode.success) {
      envProblems.push(`${providerEnvName(provider, 'MODE')} is "${modeEnv}", which is not training, sandbox or production; it is ignored.`)
    }
    const mode = parsedMode?.success ? { value: parsedMode.data, fromEnv: true } : { value: stored.mode, fromEnv: false }

    const urlEnv = this.envValue(providerEnvName(provider, 'BASE_URL'))
    const urlEnvProblem = urlEnv === undefined ? null : baseUrlProblem(urlEnv)
    if (urlEnv !== undefined && urlEnvProblem) envProblems.push(`${providerEnvName(provider, 'BASE_URL')}: ${urlEnvProblem}; it is ignored.`)
    const defaults = this.spec(provider).settings.baseUrls
    const fallback = mode.value === 'production' ? defaults.production : defaults.sandbox
    const baseUrl =
      urlEnv !== undefined && !urlEnvProblem ? { value: urlEnv, overridden: true, fromEnv: true } : { value: stored.baseUrl ?? fallback, overridden: stored.baseUrl !== null, fromEnv: false }

    const fields = new Map<string, { value: string | undefined; fromEnv: boolean }>()
    for (const spec of this.fields(provider)) {
      const fromEnv = this.envValue(spec.env)
      if (fromEnv !== undefined && spec.pattern && !spec.pattern.regex.test(fromEnv)) {
        envProblems.push(`${spec.env}: ${spec.pattern.message}; it is ignored.`)
      }
      const envOk = fromEnv !== undefined && !(spec.pattern && !spec.pattern.regex.test(fromEnv))
      const storedValue = spec.secret ? stored.secrets[spec.key] : stored.values[spec.key]
      fields.set(spec.key, envOk ? { value: fromEnv, fromEnv: true } : { value: storedValue ?? spec.defaultValue, fromEnv: false })
    }
    this.envProblems.set(provider, envProblems)
    const effective: Effective = { mode, baseUrl, fields }
    // Kept only when what it stands on is kept (outside a transaction that may still roll back).
    if (!given && this.storedCache.has(provider)) this.effectiveCache.set(provider, effective)
    return effective
  }

  private problems(provider: ProviderId, e: Effective): string[] {
    const problems = [...(this.envProblems.get(provider) ?? [])]
    if (e.mode.value === 'training') return problems
    const missing = this.fields(provider).filter((spec) => spec.required && e.fields.get(spec.key)?.value === undefined)
    if (missing.length > 0) problems.push(`Missing ${missing.map((spec) => spec.label).join(', ')}.`)
    const urlProblem = baseUrlProblem(e.baseUrl.value)
    if (urlProblem) problems.push(`Base URL: ${urlProblem}.`)
    return problems
  }

  private envValue(name: string): string | undefined {
    const value = this.env[name]?.trim()
    return value === undefined || value === '' ? undefined : value
  }
}

function without(map: Record<string, string>, key: string): Record<string, string> {
  return Object.fromEntries(Object.entries(map).filter(([k]) => k !== key))
}

function safeJson(text: string): unknown {
  try {
    return JSON.parse(text)
  } catch {
    return undefined
  }
}
