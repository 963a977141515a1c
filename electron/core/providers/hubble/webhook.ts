import { createHmac } from 'node:crypto'
import { z } from 'zod'
import type { ProviderContext } from '../module'
import { bodyKey, sameSecret, type WebhookRoute } from '../../webhooks/receiver'
import { trainingCredentials } from '../../training/simulators'
import { paiseOf } from './map'
import type { GiftCardSales } from './sales'

const OrderEventSchema = z.object({ id: z.string().min(1), status: z.string() })
const LowBalanceSchema = z.object({ balance: z.union([z.number(), z.string()]), threshold: z.union([z.number(), z.string()]) })

/**
 * Hubble's callbacks at `/hubble`: X-Verify is Base64(HMAC-SHA256(raw body, secret)), compared in
 * constant time. Payloads carry no event type, so the shape decides (docs/providers/hubble.md §8).
 */
export function hubbleWebhook(ctx: ProviderContext, sales: GiftCardSales): WebhookRoute {
  return {
    provider: 'hubble',
    path: '/hubble',
    authenticate: (delivery) => {
      const secret = ctx.settings.mode() === 'training' ? trainingCredentials.hubble.webhookSecret : ctx.settings.secret('webhookSecret')
      if (!secret) return { ok: false, reason: 'no callback secret is set for Hubble' }
      const given = delivery.headers['x-verify']
      const expected = createHmac('sha256', secret).update(delivery.rawBody).digest('base64')
      return typeof given === 'string' && sameSecret(given, expected) ? { ok: true } : { ok: false, reason: 'bad X-Verify signature' }
    },
    deliveryKey: (delivery) => bodyKey(delivery.rawBody),
    process: async (body) => {
      const json: unknown = JSON.parse(body)
      const low = LowBalanceSchema.safeParse(json)
      if (low.success) {
        ctx.log.warn('Hubble says the wallet balance is low', { balance: String(low.data.balance), threshold: String(low.data.threshold) })
        const balance = paiseOf(low.data.balance) ?? 0
        sales.noteBalance(balance, Math.max(paiseOf(low.data.threshold) ?? 0, balance + 1))
        return 'wallet low'
      }
      if (json && typeof json === 'object' && ('amountRestrictions' in json || 'denominationType' in json)) {
        await sales.syncCatalogue()
        return 'catalogue synced'
      }
      const order = OrderEventSchema.safeParse(json)
      if (order.success) return sales.confirmOrder(order.data.id)
      return 'ignored: unknown shape'
    }
  }
}
