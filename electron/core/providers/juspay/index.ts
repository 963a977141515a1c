import { juspayManifest } from '../../../../shared/providers/juspay'
import { z } from 'zod'
import type { juspayFeature } from '../../../../shared/channels/juspay'
import { inr } from '../../../../shared/money'
import type { HandlersOf } from '../../dispatch'
import { who } from '../../features/who'
import { runtimeAccessor, type ProviderContext, type ProviderModule, type ProviderRuntime } from '../module'
import { JuspayConnection } from './connection'
import { PaymentsService } from './payments-service'
import { REFUND, RefundOperation } from './refund-operation'
import { RefundsRepo } from './refunds-repo'
import { REVOKE_MANDATE, RevokeMandateOperation } from './revoke-operation'
import { juspayWebhook } from './webhook'

/** How tests set the in-process training simulator up (refunds that settle sooner or later, say). */
export const JuspayTrainingOptionsSchema = z
  .object({
    refundSettleMs: z.number().int().min(0),
    requireRoutingId: z.boolean(),
    maxRefundsPerOrder: z.number().int().positive(),
    bulkOrders: z.number().int().min(0).max(1_000_000),
    webhookUrl: z.string().nullable(),
    webhookMode: z.enum(['normal', 'wrong-credentials', 'duplicate', 'out-of-order', 'none'])
  })
  .partial()

export interface JuspayRuntime extends ProviderRuntime {
  connection: JuspayConnection
  payments: PaymentsService
}

const accessor = runtimeAccessor<JuspayRuntime>('juspay', 'Juspay')

/** The Juspay part of a running core, for tests, benchmarks and scripts in the same process. */
export const juspayOf = accessor.of

function createJuspay(ctx: ProviderContext, training: unknown): JuspayRuntime {
  const connection = new JuspayConnection(ctx, JuspayTrainingOptionsSchema.parse(training ?? {}))
  const refunds = new RefundsRepo(ctx.db, ctx.history)
  const payments = new PaymentsService(ctx, connection, refunds)
  const refundOperation = new RefundOperation(ctx, connection, refunds, (uid) => ctx.events.emit('payments:changed', payments.tillRefund(uid)))
  let following: Promise<unknown> | null = null
  const handlers: HandlersOf<typeof juspayFeature> = {
    'payments:order': ({ orderId }) => payments.order(orderId),
    'payments:refund': (input, call) => payments.refund(input, who(call.actor)),
    'payments:refunds': ({ orderId, limit }) => payments.list({ orderId, limit }),
    'payments:update': (input) => payments.update(input),
    'payments:mandates': ({ customerId }) => payments.mandates(customerId),
    'payments:mandate': ({ mandateId, customerId }) => payments.mandate(mandateId, customerId),
    'payments:execution': ({ orderId }) => payments.execution(orderId),
    'payments:revoke': ({ mandateId, customerId }, call) => payments.revoke(mandateId, customerId, who(call.actor)),
    'payments:options': () => ({ cashierRefundLimit: inr(payments.cashierLimit()) })
  }
  return accessor.register({
    connection,
    payments,
    operations: { [REFUND]: refundOperation, [REVOKE_MANDATE]: new RevokeMandateOperation(connection, ctx) },
    handlers,
    // An order that cannot exist: any answer, 404 included, shows Juspay is there and takes our key.
    probe: async () => {
      await (await connection.client()).order('tillprobe0')
    },
    shiftSummary: (since) => {
      const done = payments.shiftSummary(since)
      return [{ label: { en: 'Juspay refunds asked for', vi: 'Yêu cầu hoàn tiền Juspay' }, count: done.count, amount: inr(done.paise) }]
    },
    webhooks: [juspayWebhook(ctx, payments)],
    maintain: () => {
      // One round at a time: refunds still PENDING at Juspay are looked at when their time comes.
      following ??= payments.followUp().finally(() => {
        following = null
      })
    },
    startTraining: () => connection.simulator(),
    close: async () => {
      await following?.catch(() => undefined)
      await connection.close()
    }
  })
}

/** Juspay payments (India, INR): order status, refunds, order updates and customers' mandates. */
export const juspayModule: ProviderModule<JuspayRuntime> = { manifest: juspayManifest, create: createJuspay }
