import { timeoutOf } from '../timeout-setting'
import { createHash } from 'node:crypto'
import type { ProviderContext } from '../module'
import { startTrainingHubble, type RunningHubbleSimulator, type HubbleSimConfig } from '../../training/simulators'
import { HubbleClient } from './client'

/**
 * The Hubble client for the current settings, kept while they stay the same so its token lives
 * on; the in-process simulator in training mode.
 */
export class HubbleConnection {
  private training: Promise<RunningHubbleSimulator> | null = null
  private cached: { key: string; client: HubbleClient } | null = null

  constructor(
    private readonly ctx: ProviderContext,
    private readonly simConfig: Partial<HubbleSimConfig> = {}
  ) {}

  simulator(): Promise<RunningHubbleSimulator> {
    this.training ??= startTrainingHubble(this.simConfig)
    return this.training
  }

  async client(): Promise<HubbleClient> {
    const config = this.ctx.settings.resolve()
    const timeoutMs = timeoutOf(config.values)
    const target =
      config.mode === 'training'
        ? await this.simulator().then((sim) => ({ baseUrl: sim.url, clientId: sim.clientId, clientSecret: sim.clientSecret }))
        : { baseUrl: config.baseUrl, clientId: config.values['clientId'] ?? '', clientSecret: config.secrets['clientSecret'] ?? '' }
    const key = createHash('sha256')
      .update(JSON.stringify([target, timeoutMs]))
      .digest('hex')
    if (this.cached?.key !== key) this.cached = { key, client: new HubbleClient({ ...target, timeoutMs }, this.ctx.http, this.ctx.now) }
    return this.cached.client
  }

  /** The wallet balance is the lightest call that proves Hubble answers (and our token works). */
  async probe(): Promise<void> {
    await (await this.client()).wallet()
  }

  async close(): Promise<void> {
    const running = this.training
    this.training = null
    if (running) await (await running).close()
  }
}
