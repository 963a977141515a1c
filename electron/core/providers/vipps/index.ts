import { DEFAULT_VAT_RATES, vippsManifest } from '../../../../shared/providers/vipps'
import { z } from 'zod'
import type { vippsFeature } from '../../../../shared/channels/vipps'
import type { HandlersOf } from '../../dispatch'
import { runtimeAccessor, type ProviderContext, type ProviderModule, type ProviderRuntime } from '../module'
import { AttachReceiptOperation, ATTACH_RECEIPT } from './attach-receipt'
import { AttachmentsRepo } from './attachments-repo'
import { SET_CATEGORY, SetCategoryOperation, UPLOAD_IMAGE, UploadImageOperation } from './category-and-image'
import { VippsConnection } from './connection'
import { ReceiptsService } from './receipts-service'

export const VippsTrainingOptionsSchema = z.object({ tokenTtlSecs: z.number().int().positive() }).partial()

export interface VippsRuntime extends ProviderRuntime {
  connection: VippsConnection
  receipts: ReceiptsService
}

const accessor = runtimeAccessor<VippsRuntime>('vipps', 'Vipps MobilePay')

/** The Vipps MobilePay part of a running core, for tests and scripts in the same process. */
export const vippsOf = accessor.of

/** Norway's standard, food, transport and zero rates, in hundredths of a percent. */

function createVipps(ctx: ProviderContext, training: unknown): VippsRuntime {
  const connection = new VippsConnection(ctx, ctx.version, VippsTrainingOptionsSchema.parse(training ?? {}))
  const attachments = new AttachmentsRepo(ctx.db, ctx.history)
  const receipts = new ReceiptsService(ctx, connection, attachments)
  const handlers: HandlersOf<typeof vippsFeature> = {
    'receipts:lookup': ({ paymentType, orderId }) => receipts.lookup(paymentType, orderId),
    'receipts:options': () => {
      const v = ctx.settings.values()
      return { vatRates: (v['vatRates'] ?? DEFAULT_VAT_RATES).split(',').map(Number), orderLinkTemplate: v['orderLinkTemplate'] ?? null }
    },
    'receipts:attach': ({ paymentType, orderId, receipt }, call) => receipts.attach(paymentType, orderId, receipt, call.actor?.id ?? null),
    'receipts:category': (input) => receipts.setCategory(input),
    'receipts:image': ({ base64 }) => receipts.uploadImage(base64)
  }
  return accessor.register({
    connection,
    receipts,
    operations: {
      [ATTACH_RECEIPT]: new AttachReceiptOperation(ctx, connection, attachments),
      [SET_CATEGORY]: new SetCategoryOperation(connection),
      [UPLOAD_IMAGE]: new UploadImageOperation(connection)
    },
    handlers,
    // A lookup of a payment that cannot exist: any answer, 404 included, shows Vipps is there.
    probe: async () => {
      await (await connection.client()).client.order('ECOM', 'till-connectivity-probe')
    },
    shiftSummary: (since) =>
      ctx.history.doneSince('vipps', 'receipt', since).map((line) => ({
        label: { en: `Vipps MobilePay receipts attached (${line.currency})`, vi: `Biên lai Vipps MobilePay đã đính kèm (${line.currency})` },
        count: line.count,
        amount: { amount: line.amount, currency: line.currency }
      })),
    startTraining: () => connection.simulator(),
    close: () => connection.close()
  })
}

/** Vipps MobilePay Order Management (Norway, Denmark): receipts and categories on payments. */
export const vippsModule: ProviderModule<VippsRuntime> = { manifest: vippsManifest, create: createVipps }
