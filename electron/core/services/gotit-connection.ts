import type { CoreContext } from '../context'
import { CallLog } from '../providers/call-log'
import { GotItClient } from '../providers/gotit/client'
import { GOTIT_PATH_PREFIX } from '../sandbox/gotit'

/**
 * The Got It client for the current settings: the in-process simulator in training mode, the
 * configured environment otherwise. Built per use, so a settings change applies at once.
 */
export async function gotItClient(ctx: CoreContext, log: CallLog): Promise<GotItClient> {
  const config = ctx.providerSettings.resolve('gotit')
  const timeoutMs = Number(config.values['timeoutMs'] ?? 30_000)
  const http = { provider: 'gotit' as const, log, connectivity: ctx.connectivity }
  if (config.mode === 'training') {
    const sim = await ctx.training.gotit()
    return new GotItClient({ baseUrl: sim.url, pathPrefix: GOTIT_PATH_PREFIX, pin: sim.pin, timeoutMs }, http)
  }
  return new GotItClient(
    { baseUrl: config.baseUrl, pathPrefix: config.values['pathPrefix'] ?? GOTIT_PATH_PREFIX, pin: config.secrets['storePin'] ?? '', timeoutMs },
    http
  )
}

/**
 * Got It has no health endpoint; a check of a code that cannot exist is the lightest request
 * that gets an answer from it [ASSUMED harmless]. The HTTP layer reports the outcome.
 */
export async function probeGotIt(ctx: CoreContext, log: CallLog): Promise<void> {
  const client = await gotItClient(ctx, log)
  await client.check({ codes: ['0000000000'] })
}
