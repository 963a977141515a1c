import { timeoutOf } from '../timeout-setting'
import type { ProviderContext } from '../module'
import { bodyFieldAuth } from '../auth'
import { ProviderHttp } from '../http'
import { startTrainingGotIt, type GotItSimConfig, type RunningGotItSimulator } from '../../training/simulators'
import { GotItClient } from './client'
import { DEFAULT_CHECK_BUDGET_MS, DEFAULT_CHECK_CONCURRENCY } from '../../../../shared/providers/gotit'
import { GOTIT_PATH_PREFIX } from '../../../../shared/wire/gotit'

/**
 * The Got It client for the current settings: the in-process simulator in training mode (started
 * on loopback the first time it is needed), the configured environment otherwise. Built per use,
 * so a settings change applies at once; the keep-alive sockets are shared.
 */
export class GotItConnection {
  private training: Promise<RunningGotItSimulator> | null = null

  constructor(
    private readonly ctx: ProviderContext,
    private readonly simConfig: Partial<GotItSimConfig> = {}
  ) {}

  /** The training simulator, started once. */
  simulator(): Promise<RunningGotItSimulator> {
    this.training ??= startTrainingGotIt(this.simConfig)
    return this.training
  }

  async client(): Promise<GotItClient> {
    const config = this.ctx.settings.resolve()
    const timeoutMs = timeoutOf(config.values)
    if (config.mode === 'training') {
      const sim = await this.simulator()
      return this.build(sim.url, GOTIT_PATH_PREFIX, sim.pin, timeoutMs)
    }
    return this.build(config.baseUrl, config.values['pathPrefix'] ?? GOTIT_PATH_PREFIX, config.secrets['storePin'] ?? '', timeoutMs)
  }

  /** How many single-code checks go at once, and the most one check of a bill may take. */
  checkLimits(): { concurrency: number; budgetMs: number } {
    const values = this.ctx.settings.values()
    return {
      concurrency: Number(values['checkConcurrency'] ?? DEFAULT_CHECK_CONCURRENCY) || DEFAULT_CHECK_CONCURRENCY,
      budgetMs: Number(values['checkBudgetMs'] ?? DEFAULT_CHECK_BUDGET_MS) || DEFAULT_CHECK_BUDGET_MS
    }
  }

  /**
   * Got It has no health endpoint; a check of a code that cannot exist is the lightest request
   * that gets an answer from it [ASSUMED harmless]. The HTTP layer reports the outcome.
   */
  async probe(): Promise<void> {
    const client = await this.client()
    await client.check({ codes: ['0000000000'] })
  }

  async close(): Promise<void> {
    const running = this.training
    this.training = null
    if (running) await (await running).close()
  }

  private build(baseUrl: string, pathPrefix: string, pin: string, timeoutMs: number): GotItClient {
    const http = new ProviderHttp({ provider: 'gotit', baseUrl, requestIdHeader: 'X-Request-Id', timeoutMs, auth: bodyFieldAuth({ pin }) }, this.ctx.http)
    return new GotItClient({ pathPrefix }, http)
  }
}
