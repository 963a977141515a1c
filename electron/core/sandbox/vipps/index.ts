import { SimClock } from '../framework/clock'
import { OpenApiValidator } from '../framework/openapi-validator'
import { startSimulator, type RunningSimulator, type SimRoute } from '../framework/sim-server'
import { VIPPS_MSN, seedOrders } from './fixtures'
import specText from './vipps-order-management.yaml?raw'
import { VippsSimulator, type VippsSimConfig } from './vipps-simulator'

export interface RunningVippsSimulator extends RunningSimulator {
  sim: VippsSimulator
  clientId: string
  clientSecret: string
  subscriptionKey: string
  msn: string
}

let validator: OpenApiValidator | null = null

/** The official spec, read once per process: building its checks takes a moment. */
export function vippsSpecValidator(): OpenApiValidator {
  validator ??= new OpenApiValidator(specText)
  return validator
}

export async function startVippsSimulator(options: { port?: number; config?: Partial<VippsSimConfig>; clock?: SimClock; controls?: boolean } = {}): Promise<RunningVippsSimulator> {
  const clock = options.clock ?? new SimClock()
  const sim = new VippsSimulator(clock, vippsSpecValidator(), options.config)
  const om = /^\/order-management(\/.*)$/
  const routes: SimRoute[] = [
    { name: 'token', method: 'POST', path: '/accesstoken/get', handle: (request) => sim.token(request) },
    ...['GET', 'POST', 'PUT', 'DELETE'].map((method) => ({ name: `om-${method.toLowerCase()}`, method, path: om, handle: (request: Parameters<SimRoute['handle']>[0]) => sim.handle(request) }))
  ]
  const practice = () =>
    seedOrders()
      .filter((o) => o.msn === VIPPS_MSN)
      .map((o) => ({ id: o.order.orderId, kind: o.order.paymentType }))
  const running = await startSimulator(
    { provider: 'vipps', routes, clock, inspect: () => sim.inspect(), reset: () => sim.reset(), practice, statement: () => sim.statement(), controls: options.controls ?? true },
    options.port ?? 0
  )
  return { ...running, sim, clientId: sim.config.clientId, clientSecret: sim.config.clientSecret, subscriptionKey: sim.config.subscriptionKey, msn: VIPPS_MSN }
}
