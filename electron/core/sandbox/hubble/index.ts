import { SimClock } from '../framework/clock'
import { startSimulator, type RunningSimulator, type SimRequest, type SimResponse, type SimRoute } from '../framework/sim-server'
import { brandIds } from './fixtures'
import { HubbleSimulator, type HubbleSimConfig } from './hubble-simulator'

export interface RunningHubbleSimulator extends RunningSimulator {
  sim: HubbleSimulator
  clientId: string
  clientSecret: string
}

const P = '/v1/partners'

export async function startHubbleSimulator(options: { port?: number; config?: Partial<HubbleSimConfig>; clock?: SimClock; controls?: boolean } = {}): Promise<RunningHubbleSimulator> {
  const clock = options.clock ?? new SimClock()
  const sim = new HubbleSimulator(clock, options.config)
  /** Every route but login needs a live token. */
  const guarded = (handle: (request: SimRequest, params: string[]) => SimResponse) => (request: SimRequest, params: string[]) => sim.unauthorized(request) ?? handle(request, params)
  const routes: SimRoute[] = [
    { name: 'login', method: 'POST', path: `${P}/auth/login`, handle: (request) => sim.login(request) },
    { name: 'products', method: 'GET', path: `${P}/products`, handle: guarded((request) => sim.products(request.query)) },
    { name: 'product', method: 'GET', path: new RegExp(`^${P}/products/([^/]+)$`), handle: guarded((request, [id]) => sim.product(id ?? '', request)) },
    { name: 'placeOrder', method: 'POST', path: `${P}/orders`, handle: guarded((request) => sim.placeOrder(request)) },
    { name: 'orderByReference', method: 'GET', path: new RegExp(`^${P}/orders/by-reference/([^/]+)$`), handle: guarded((request, [ref]) => sim.orderByReference(ref ?? '', request)) },
    { name: 'order', method: 'GET', path: new RegExp(`^${P}/orders/([^/]+)$`), handle: guarded((request, [id]) => sim.order(id ?? '', request)) },
    { name: 'wallet', method: 'GET', path: `${P}/wallet/balance`, handle: guarded(() => sim.wallet()) }
  ]
  const running = await startSimulator(
    {
      // The orders placed on this simulator (by this till or a script): each can be looked up.
      practice: () => [...sim.orders.values()].map((o) => ({ id: o.referenceId, kind: o.status })),
      statement: () => sim.statement(),
      provider: 'hubble',
      routes,
      clock,
      inspect: () => sim.inspect(),
      reset: () => sim.reset(),
      controls: options.controls ?? true,
      notFound: (request) => ({ status: 404, body: { id: 'E001', code: 'RESOURCE_NOT_FOUND', message: `No route ${request.method} ${request.path}`, requestId: '', subErrors: [] } })
    },
    options.port ?? 0
  )
  return { ...running, sim, clientId: sim.config.clientId, clientSecret: sim.config.clientSecret }
}

/** The line `npm run sandbox` prints for Hubble. */
export function hubbleAnnouncement(running: RunningHubbleSimulator) {
  return { provider: 'hubble', url: running.url, clientId: running.clientId, clientSecret: running.clientSecret, brands: brandIds, control: `${running.url}/__sim/` }
}
