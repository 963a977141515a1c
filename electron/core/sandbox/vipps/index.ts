import { SimClock } from '../framework/clock'
import { OpenApiValidator } from '../framework/openapi-validator'
import { startSimulator, type RunningSimulator, type SimRoute } from '../framework/sim-server'
import { VIPPS_CLIENT_ID, VIPPS_CLIENT_SECRET, VIPPS_MSN, VIPPS_SUBSCRIPTION_KEY, seedOrders } from './fixtures'
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

export async function startVippsSimulator(options: { port?: number; config?: Partial<VippsSimConfig>; clock?: SimClock } = {}): Promise<RunningVippsSimulator> {
  const clock = options.clock ?? new SimClock()
  const sim = new VippsSimulator(clock, vippsSpecValidator(), options.config)
  const om = /^\/order-management(\/.*)$/
  const routes: SimRoute[] = [
    { name: 'token', method: 'POST', path: '/accesstoken/get', handle: (request) => sim.token(request) },
    ...['GET', 'POST', 'PUT', 'DELETE'].map((method) => ({ name: `om-${method.toLowerCase()}`, method, path: om, handle: (request: Parameters<SimRoute['handle']>[0]) => sim.handle(request) }))
  ]
  const practice = () => seedOrders().filter((o) => o.msn === VIPPS_MSN).map((o) => ({ id: o.order.orderId, kind: o.order.paymentType }))
  const running = await startSimulator({ provider: 'vipps', routes, clock, inspect: () => sim.inspect(), reset: () => sim.reset(), practice, statement: () => sim.statement() }, options.port ?? 0)
  return { ...running, sim, clientId: VIPPS_CLIENT_ID, clientSecret: VIPPS_CLIENT_SECRET, subscriptionKey: VIPPS_SUBSCRIPTION_KEY, msn: VIPPS_MSN }
}
