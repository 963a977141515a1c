import { timeoutOf } from '../timeout-setting'
import { createHash } from 'node:crypto'
import type { ProviderContext } from '../module'
import { startTrainingVipps, type RunningVippsSimulator, type VippsSimConfig } from '../../training/simulators'
import { VippsClient } from './client'

/** The Vipps MobilePay client for the current settings (kept while they stay the same, so its token lives on); the simulator in training. */
export class VippsConnection {
  private training: Promise<RunningVippsSimulator> | null = null
  private cached: { key: string; client: VippsClient; msn: string } | null = null

  constructor(
    private readonly ctx: ProviderContext,
    private readonly version: string,
    private readonly simConfig: Partial<VippsSimConfig> = {}
  ) {}

  simulator(): Promise<RunningVippsSimulator> {
    this.training ??= startTrainingVipps(this.simConfig)
    return this.training
  }

  async client(): Promise<{ client: VippsClient; msn: string }> {
    const config = this.ctx.settings.resolve()
    const v = config.values
    const sim = config.mode === 'training' ? await this.simulator() : null
    const target = sim
      ? { baseUrl: sim.url, clientId: sim.clientId, clientSecret: sim.clientSecret, subscriptionKey: sim.subscriptionKey, msn: sim.msn }
      : {
          baseUrl: config.baseUrl,
          clientId: v['clientId'] ?? '',
          clientSecret: config.secrets['clientSecret'] ?? '',
          subscriptionKey: config.secrets['subscriptionKey'] ?? '',
          msn: v['merchantSerialNumber'] ?? ''
        }
    // The system headers as set in Settings (Vipps asks for them as configured); the till's own version where none is set.
    const system = { name: v['systemName'] || 'till', version: v['systemVersion'] || this.version, pluginName: v['pluginName'] || 'till-pos', pluginVersion: v['pluginVersion'] || this.version }
    const timeoutMs = timeoutOf(v)
    const key = createHash('sha256')
      .update(JSON.stringify([target, system, timeoutMs]))
      .digest('hex')
    if (this.cached?.key !== key) this.cached = { key, msn: target.msn, client: new VippsClient({ ...target, system, timeoutMs }, this.ctx.http, this.ctx.now) }
    return { client: this.cached.client, msn: this.cached.msn }
  }

  async close(): Promise<void> {
    const running = this.training
    this.training = null
    if (running) await (await running).close()
  }
}
