import { z } from 'zod'
import type { ProviderContext } from '../module'
import { bodyKey, sameSecret, type WebhookRoute } from '../../webhooks/receiver'
import { trainingCredentials } from '../../training/simulators'
import type { PaymentsService } from './payments-service'

const EventSchema = z
  .object({
    id: z.string().min(1).max(200).optional(),
    event_name: z.string().max(100),
    content: z
      .object({
        order: z
          .object({ order_id: z.string().min(1).max(64) })
          .loose()
          .optional(),
        mandate: z
          .object({ mandate_id: z.string().min(1).max(64), customer_id: z.string().max(128).nullish() })
          .loose()
          .optional()
      })
      .loose()
  })
  .loose()

/**
 * Juspay's webhooks at `/juspay`: HTTP Basic with the user name and password set in Juspay's
 * dashboard, compared in constant time. Deduplicated by the event id; an order event is
 * confirmed by asking Juspay for the order before anything changes (docs/providers/juspay.md §5).
 */
export function juspayWebhook(ctx: ProviderContext, payments: PaymentsService): WebhookRoute {
  const credentials = (): { user: string; password: string } | null => {
    if (ctx.settings.mode() === 'training') return { user: trainingCredentials.juspay.webhookUser, password: trainingCredentials.juspay.webhookPassword }
    const user = ctx.settings.values()['webhookUsername']
    const password = ctx.settings.secret('webhookPassword')
    return user && password ? { user, password } : null
  }
  return {
    provider: 'juspay',
    path: '/juspay',
    authenticate: (delivery) => {
      const expected = credentials()
      if (!expected) return { ok: false, reason: 'no webhook user name and password are set for Juspay' }
      const header = delivery.headers['authorization']
      const given = typeof header === 'string' && header.startsWith('Basic ') ? Buffer.from(header.slice(6), 'base64').toString('utf8') : ''
      return sameSecret(given, `${expected.user}:${expected.password}`) ? { ok: true } : { ok: false, reason: 'wrong Basic credentials' }
    },
    deliveryKey: (delivery) => {
      try {
        const id = EventSchema.safeParse(JSON.parse(delivery.rawBody.toString('utf8'))).data?.id
        return id ? `event:${id}` : bodyKey(delivery.rawBody)
      } catch {
        return bodyKey(delivery.rawBody)
      }
    },
    process: async (body) => {
      const event = EventSchema.safeParse(JSON.parse(body))
      if (!event.success) return 'ignored: not a Juspay event'
      const orderId = event.data.content.order?.order_id
      if (orderId) return `${event.data.event_name}: ${await payments.confirmOrder(orderId)}`
      const mandate = event.data.content.mandate
      if (mandate?.customer_id) {
        const now = await payments.mandate(mandate.mandate_id, mandate.customer_id)
        return `${event.data.event_name}: mandate ${mandate.mandate_id} is ${now.rawStatus} when asked`
      }
      return `ignored: ${event.data.event_name} names nothing the till follows`
    }
  }
}
