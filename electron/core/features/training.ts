import type { trainingFeature } from '../../../shared/channels/training'
import { TillError } from '../../../shared/errors'
import type { HandlersOf } from '../dispatch'
import type { ModuleContext, ProviderRuntime } from '../providers/module'

/** Practice lists and a simulated outage per provider: training mode only, never a provider in sandbox or production. */
export function trainingHandlers(ctx: ModuleContext, providers: ReadonlyMap<string, ProviderRuntime>): HandlersOf<typeof trainingFeature> {
  const training = (provider: string): ProviderRuntime | null => {
    const runtime = providers.get(provider)
    if (!runtime) throw new TillError('not_found', `There is no provider called ${provider}.`)
    return ctx.settings.mode(provider) === 'training' ? runtime : null
  }
  return {
    'training:practice': async ({ provider }) => {
      const runtime = training(provider)
      return runtime ? (await runtime.startTraining()).practice() : []
    },
    'training:outages': async () =>
      Promise.all([...providers].filter(([id]) => ctx.settings.mode(id) === 'training').map(async ([provider, runtime]) => ({ provider, on: (await runtime.startTraining()).outageOn() }))),
    'training:statement': async ({ provider }) => {
      const runtime = training(provider)
      if (!runtime) throw new TillError('conflict', `${provider} is not in training mode, so it has no practice statement.`, { params: { reason: 'not_training' } })
      const statement = (await runtime.startTraining()).statement()
      if (!statement) throw new TillError('not_found', `${provider}'s simulator writes no statement.`)
      return { ...statement, lines: Math.max(0, statement.csv.split('\r\n').filter(Boolean).length - 1) }
    },
    'training:outage': async ({ provider, on }) => {
      const runtime = training(provider)
      if (!runtime) throw new TillError('conflict', `${provider} is not in training mode, so there is no outage to practise.`, { params: { reason: 'not_training' } })
      ;(await runtime.startTraining()).outage(on)
      ctx.log.info('training: a provider pretends to be down', { provider, on })
      return { provider, on }
    }
  }
}
