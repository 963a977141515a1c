import { timeoutOf } from '../timeout-setting'
import { createHash } from 'node:crypto'
import type { ProviderContext } from '../module'
import { startTrainingJuspay, type RunningJuspaySimulator, type JuspaySimConfig } from '../../training/simulators'
import { JuspayClient } from './client'

import { DEFAULT_API_VERSION, DEFAULT_EXECUTION_PATH } from '../../../../shared/providers/juspay'

/** The Juspay client for the current settings; the in-process simulator in training mode. */
export class JuspayConnection {
  private training: Promise<RunningJuspaySimulator> | null = null
  private cached: { key: string; client: JuspayClient } | null = null

  constructor(
    private readonly ctx: ProviderContext,
    private readonly simConfig: Partial<JuspaySimConfig> = {}
  ) {}

  simulator(): Promise<RunningJuspaySimulator> {
    this.training ??= startTrainingJuspay(this.simConfig)
    return this.training
  }

  async client(): Promise<JuspayClient> {
    const config = this.ctx.settings.resolve()
    const v = config.values
    const sim = config.mode === 'training' ? await this.simulator() : null
    const target = sim ? { baseUrl: sim.url, merchantId: sim.merchantId, apiKey: sim.apiKey } : { baseUrl: config.baseUrl, merchantId: v['merchantId'] ?? '', apiKey: config.secrets['apiKey'] ?? '' }
    const options = { apiVersion: v['apiVersion'] ?? DEFAULT_API_VERSION, executionPath: v['executionPath'] ?? DEFAULT_EXECUTION_PATH, timeoutMs: timeoutOf(v) }
    const key = createHash('sha256')
      .update(JSON.stringify([target, options]))
      .digest('hex')
    if (this.cached?.key !== key) this.cached = { key, client: new JuspayClient({ ...target, ...options }, this.ctx.http) }
    return this.cached.client
  }

  async close(): Promise<void> {
    const running = this.training
    this.training = null
    if (running) await (await running).close()
  }
}
