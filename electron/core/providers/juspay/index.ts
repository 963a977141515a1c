import { timeoutField } from '../timeout-setting'
import { z } from 'zod'
import type { juspayFeature } from '../../../../shared/channels/juspay'
import { inr } from '../../../../shared/money'
import type { HandlersOf } from '../../dispatch'
import { who } from '../../features/who'
import { runtimeAccessor, type ProviderContext, type ProviderModule, type ProviderRuntime } from '../module'
import { DEFAULT_API_VERSION, DEFAULT_EXECUTION_PATH, JuspayConnection } from './connection'
import { DEFAULT_CASHIER_REFUND_LIMIT_RUPEES, PaymentsService } from './payments-service'
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
export const juspayModule: ProviderModule<JuspayRuntime> = {
  id: 'juspay',
  name: 'Juspay',
  settings: {
    fields: [
      { key: 'merchantId', label: 'merchant id', secret: false, env: 'TILL_JUSPAY_MERCHANT_ID', required: true },
      { key: 'apiKey', label: 'API key', secret: true, env: 'TILL_JUSPAY_API_KEY', required: true },
      timeoutField('TILL_JUSPAY_TIMEOUT_MS'),
      {
        key: 'apiVersion',
        label: 'API version (the version header)',
        secret: false,
        env: 'TILL_JUSPAY_API_VERSION',
        required: false,
        defaultValue: DEFAULT_API_VERSION,
        pattern: { regex: /^\d{4}-\d{2}-\d{2}$/, message: 'The API version is a date, such as 2023-06-30' }
      },
      {
        key: 'cashierRefundLimitRupees',
        label: 'largest refund a cashier makes without a manager (₹)',
        secret: false,
        env: 'TILL_JUSPAY_CASHIER_REFUND_LIMIT',
        required: false,
        defaultValue: DEFAULT_CASHIER_REFUND_LIMIT_RUPEES,
        pattern: { regex: /^\d{1,9}$/, message: 'The cashier’s refund limit is a whole number of rupees' }
      },
      {
        key: 'executionPath',
        label: 'path of a mandate debit’s status ({order_id} is replaced)',
        secret: false,
        env: 'TILL_JUSPAY_EXECUTION_PATH',
        required: false,
        defaultValue: DEFAULT_EXECUTION_PATH,
        pattern: { regex: /^\/[A-Za-z0-9_\-/]*\{order_id\}[A-Za-z0-9_\-/]*$/, message: 'The path starts with / and contains {order_id}' }
      },
      { key: 'webhookUsername', label: 'webhook user name (set in Juspay’s dashboard)', secret: false, env: 'TILL_JUSPAY_WEBHOOK_USER', required: false },
      { key: 'webhookPassword', label: 'webhook password (set in Juspay’s dashboard)', secret: true, env: 'TILL_JUSPAY_WEBHOOK_PASSWORD', required: false }
    ],
    baseUrls: { sandbox: 'https://sandbox.juspay.in', production: 'https://api.juspay.in' }
  },
  create: createJuspay
}
