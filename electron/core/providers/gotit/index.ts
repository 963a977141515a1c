import { z } from 'zod'
import { TillError } from '../../../../shared/errors'
import { vnd } from '../../../../shared/money'
import type { gotitFeature } from '../../../../shared/channels/gotit'
import type { HandlersOf } from '../../dispatch'
import { namedVoucherCodes, type VoucherName } from '../../training/simulators'
import { runtimeAccessor, type ProviderContext, type ProviderModule, type ProviderRuntime } from '../module'
import { BillsRepo } from './bills-repo'
import { RefusalClassifier } from './classify'
import { GotItConnection } from './connection'
import { MarkUseOperation } from './mark-use'
import { OfflinePolicy } from './offline-policy'
import { MARK_USE, RESERVE, UNRESERVE } from './payloads'
import { RedeemService } from './redeem-service'
import { Reservations } from './reservations'
import { gotitManifest } from '../../../../shared/providers/gotit'

/** The named vouchers a cashier can pick on the Redeem screen in training mode, one per lesson. */
export const trainingVoucherNames: VoucherName[] = ['new', 'new_200k', 'new_50k', 'used', 'expired', 'cancelled', 'inactive', 'split', 'reserved_other', 'not_for_this_store', 'conditional']

/** Fresh practice vouchers listed beside the named ones; used ones are replaced by the next in stock. */
const PRACTICE_VOUCHERS = 5

/** How the in-process training simulator is set up (benchmarks want a larger stock). */
export const GotItTrainingOptionsSchema = z
  .object({
    whitelisted: z.boolean(),
    whitelistedLimit: z.number().int().positive(),
    replaySameBill: z.enum(['fail', 'replay']),
    atomic: z.boolean(),
    stock: z.number().int().min(0),
    codeSet: z.enum(['placeholder', 'numeric'])
  })
  .partial()

export interface GotItRuntime extends ProviderRuntime {
  connection: GotItConnection
  redeem: RedeemService
  offline: OfflinePolicy
}

const accessor = runtimeAccessor<GotItRuntime>('gotit', 'Got It')

/** The Got It part of a running core, for tests, benchmarks and scripts in the same process. */
export const gotItOf = accessor.of

function createGotIt(ctx: ProviderContext, training: unknown): GotItRuntime {
  const connection = new GotItConnection(ctx, GotItTrainingOptionsSchema.parse(training ?? {}))
  const bills = new BillsRepo(ctx.db, ctx.history)
  const reservations = new Reservations(ctx, connection)
  const classifier = new RefusalClassifier(ctx.dataDir, ctx.log)
  const redeem = new RedeemService(ctx, connection, bills, reservations, classifier)
  const offline = new OfflinePolicy(ctx, bills, redeem)
  const markUse = new MarkUseOperation(ctx, connection, bills, classifier, (billNumber) => ctx.events.emit('redeem:changed', redeem.view(billNumber)))
  /** In training mode: one voucher per lesson, and a few fresh ones from the simulator's stock. */
  const trainingVouchers = async (): Promise<{ name: string; code: string }[]> => {
    if (ctx.settings.mode() !== 'training') return []
    const named = trainingVoucherNames.map((name) => ({ name, code: namedVoucherCodes[name] }))
    const practice = (await connection.simulator()).sim.freshStock(PRACTICE_VOUCHERS).map((v) => ({ name: 'practice', code: v.code }))
    return [...named, ...practice]
  }
  const handlers: HandlersOf<typeof gotitFeature> = {
    'training:vouchers': () => trainingVouchers(),
    'training:reset': async (_input, call) => {
      if (ctx.settings.mode() !== 'training') {
        throw new TillError('conflict', 'Got It is not in training mode, so there is no practice to start over.', { params: { reason: 'not_training' } })
      }
      ;(await connection.simulator()).sim.reset()
      ctx.log.info('training started over', { by: call.actor?.name ?? null })
      return trainingVouchers()
    },
    'redeem:check': (input, call) => redeem.check(input, call.actor),
    'redeem:redeem': ({ billNumber }, call) => redeem.redeem(billNumber, call.actor),
    'redeem:get': ({ billNumber }) => redeem.view(billNumber),
    'redeem:abandon': ({ billNumber }) => redeem.abandon(billNumber),
    'redeem:acceptOffline': (input, call) => offline.accept(input, call.actor),
    'offline:exposure': () => offline.exposure()
  }
  const runtime: GotItRuntime = {
    connection,
    redeem,
    offline,
    operations: { [MARK_USE]: markUse, [RESERVE]: reservations.reserve, [UNRESERVE]: reservations.release },
    handlers,
    probe: () => connection.probe(),
    shiftSummary: (since) => {
      const redeemed = bills.redeemedSince(since)
      const accepted = bills.offlineSince(since)
      return [
        { label: { en: 'Got It bills redeemed', vi: 'Hóa đơn đổi voucher Got It' }, count: redeemed.count, amount: vnd(redeemed.amount) },
        { label: { en: 'Got It accepted offline', vi: 'Got It nhận khi mất kết nối' }, count: accepted.count, amount: vnd(accepted.amount) }
      ]
    },
    maintain: () => {
      reservations.sweep(bills, Number(ctx.settings.values()['releaseAfterMinutes'] ?? 30) * 60_000)
    },
    startTraining: () => connection.simulator(),
    close: () => connection.close()
  }
  return accessor.register(runtime)
}

/** Got It vouchers, redeemed at the till with DIRECT_FLOW (or RESERVE_FLOW by store). */
export const gotitModule: ProviderModule<GotItRuntime> = { manifest: gotitManifest, create: createGotIt }
