import type { Db } from '../connection'

export interface ProviderSettingsRow {
  mode: string
  base_url: string | null
  values: string
  secrets: Buffer | null
}

/** All SQL on stored provider settings; the service validates what it reads back. */
export class ProviderSettingsRepo {
  constructor(private readonly db: Db) {}

  get(provider: string): ProviderSettingsRow | undefined {
    return this.db.prepare<[string], ProviderSettingsRow>('SELECT mode, base_url, "values", secrets FROM provider_settings WHERE provider = ?').get(provider)
  }

  /** Saves a provider's settings; `secrets: undefined` keeps the sealed secrets already stored. */
  save(row: { provider: string; mode: string; baseUrl: string | null; values: string; secrets: Buffer | null | undefined; at: string }): void {
    this.db
      .prepare(
        `INSERT INTO provider_settings (provider, mode, base_url, "values", secrets, updated_at) VALUES (@provider, @mode, @baseUrl, @values, @secrets, @at)
         ON CONFLICT(provider) DO UPDATE SET mode = excluded.mode, base_url = excluded.base_url, "values" = excluded."values",
           secrets = CASE WHEN @keepSecrets THEN provider_settings.secrets ELSE excluded.secrets END, updated_at = excluded.updated_at`
      )
      .run({ provider: row.provider, mode: row.mode, baseUrl: row.baseUrl, values: row.values, secrets: row.secrets ?? null, keepSecrets: row.secrets === undefined ? 1 : 0, at: row.at })
  }
}
