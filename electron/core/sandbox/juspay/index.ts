import { z } from 'zod'
import { SimClock } from '../framework/clock'
import { startSimulator, type RunningSimulator, type SimRoute } from '../framework/sim-server'
import { seedOrders } from './fixtures'
import { JuspaySimulator, type JuspaySimConfig } from './juspay-simulator'

export interface RunningJuspaySimulator extends RunningSimulator {
  sim: JuspaySimulator
  merchantId: string
  apiKey: string
  webhookUser: string
  webhookPassword: string
}

const ControlSchema = z.union([
  z.object({ status: z.string().min(1).max(40), statusId: z.number().int() }).strict(),
  z.object({ refundsEndAs: z.enum(['SUCCESS', 'FAILURE', 'MANUAL_REVIEW']) }).strict()
])

const ConfigSchema = z
  .object({
    webhookUrl: z.url().nullable(),
    webhookMode: z.enum(['normal', 'wrong-credentials', 'duplicate', 'out-of-order', 'none']),
    refundSettleMs: z.number().int().min(0),
    requireRoutingId: z.boolean()
  })
  .partial()
  .strict()

export async function startJuspaySimulator(options: { port?: number; config?: Partial<JuspaySimConfig>; clock?: SimClock; controls?: boolean } = {}): Promise<RunningJuspaySimulator> {
  const clock = options.clock ?? new SimClock()
  const sim = new JuspaySimulator(clock, options.config)
  const id = '([^/]+)'
  const controls = options.controls ?? true
  const routes: SimRoute[] = [
    { name: 'orderStatus', method: 'GET', path: new RegExp(`^/orders/${id}$`), handle: (request, [orderId]) => sim.orderStatus(request, decodeURIComponent(orderId ?? '')) },
    { name: 'refund', method: 'POST', path: new RegExp(`^/orders/${id}/refunds$`), handle: (request, [orderId]) => sim.refund(request, decodeURIComponent(orderId ?? '')) },
    { name: 'refundEncrypted', method: 'POST', path: new RegExp(`^/v4/orders/${id}/refunds$`), handle: (request, [orderId]) => sim.refundEncrypted(request, decodeURIComponent(orderId ?? '')) },
    { name: 'updateOrder', method: 'POST', path: new RegExp(`^/orders/${id}$`), handle: (request, [orderId]) => sim.update(request, decodeURIComponent(orderId ?? '')) },
    { name: 'mandates', method: 'GET', path: new RegExp(`^/customers/${id}/mandates$`), handle: (request, [customerId]) => sim.mandatesOf(request, decodeURIComponent(customerId ?? '')) },
    { name: 'mandate', method: 'POST', path: new RegExp(`^/mandates/${id}$`), handle: (request, [mandateId]) => sim.mandateCommand(request, decodeURIComponent(mandateId ?? '')) },
    { name: 'txns', method: 'POST', path: '/txns', handle: (request) => sim.execute(request) }
  ]
  if (controls) {
    routes.push(
      // The simulator's own controls (not Juspay's): move an order on, script refunds, deliver webhooks now, set webhooks up.
      {
        name: 'control-order',
        method: 'POST',
        path: new RegExp(`^/__juspay/orders/${id}$`),
        handle: (request, [orderId]) => {
          const input = ControlSchema.safeParse(request.body)
          if (!input.success) return { status: 400, body: { message: input.error.message } }
          const key = decodeURIComponent(orderId ?? '')
          if ('refundsEndAs' in input.data) sim.refundsOf(key, input.data.refundsEndAs)
          else if (!sim.setStatus(key, input.data.status, input.data.statusId)) return { status: 404, body: { message: 'no such order' } }
          return { status: 200, body: { ok: true } }
        }
      },
      { name: 'control-deliver', method: 'POST', path: '/__juspay/deliver', handle: async () => ({ status: 200, body: { sent: await sim.deliverDue() } }) },
      {
        name: 'control-config',
        method: 'POST',
        path: '/__juspay/config',
        handle: (request) => {
          const input = ConfigSchema.safeParse(request.body)
          if (!input.success) return { status: 400, body: { message: input.error.message } }
          for (const [key, value] of Object.entries(input.data)) if (value !== undefined) Object.assign(sim.config, { [key]: value })
          return { status: 200, body: { ok: true } }
        }
      }
    )
  }
  const running = await startSimulator(
    {
      practice: () => seedOrders().map((o) => ({ id: o.orderId, kind: o.status })),
      statement: () => sim.statement(),
      provider: 'juspay',
      routes,
      clock,
      inspect: () => sim.inspect(),
      reset: () => sim.reset(),
      controls,
      notFound: () => ({ status: 404, body: { status: 'error', error_code: 'RESOURCE_NOT_FOUND', error_message: 'Not found' } })
    },
    options.port ?? 0
  )
  return { ...running, sim, merchantId: sim.config.merchantId, apiKey: sim.config.apiKey, webhookUser: sim.config.webhookUser, webhookPassword: sim.config.webhookPassword }
}

/** The line `npm run sandbox` prints for Juspay. */
export function juspayAnnouncement(running: RunningJuspaySimulator) {
  return {
    provider: 'juspay',
    url: running.url,
    merchantId: running.merchantId,
    apiKey: running.apiKey,
    webhookUser: running.webhookUser,
    webhookPassword: running.webhookPassword,
    orders: [
      'JP-CHARGED-UPI',
      'JP-PARTLY-REFUNDED',
      'JP-FULLY-REFUNDED',
      'JP-PENDING-AUTH',
      'JP-FAILED',
      'JP-NEW-1',
      'JP-AUTO-REFUNDED',
      'JP-REFUND-FAILS',
      'JP-REFUND-REVIEW',
      'JP-REFUND-TOO-LATE',
      'JP-MANDATE-DEBIT-1'
    ],
    customers: ['cust_asha', 'cust_ravi'],
    control: `${running.url}/__sim/ and ${running.url}/__juspay/`
  }
}
