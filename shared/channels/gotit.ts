import { z } from 'zod'
import { BillInputSchema, CheckResultSchema, OfflineAcceptInputSchema, OfflineExposureSchema, RedemptionSchema } from '../domain/redeem'
import { defineFeature } from '../ipc/channel-table'
import { NoInput, ReferenceSchema } from './common'

/** Named vouchers (one per state) and fresh practice vouchers, with their value when known. */
const TrainingVouchersSchema = z.array(z.object({ name: z.string(), code: z.string() }))

const BillNumberInput = z.object({ billNumber: ReferenceSchema }).strict()

/** Got It vouchers at the till: check, redeem (DIRECT_FLOW or RESERVE_FLOW), offline acceptance. */
export const gotitFeature = defineFeature({
  /** Why a voucher call was refused. */
  reasons: z.enum(['not_training']),
  channels: {
    'training:vouchers': {
      summary: 'In training mode, the named simulator vouchers a cashier can practise with (one per voucher state); empty otherwise.',
      access: 'staff',
      input: NoInput,
      output: TrainingVouchersSchema
    },
    'training:reset': {
      summary: 'In training mode, starts the practice over: every simulator voucher is as new again. Refused outside training mode.',
      access: 'staff',
      input: NoInput,
      output: TrainingVouchersSchema
    },
    'redeem:check': {
      summary: 'Checks Got It codes for a bill (a new bill when billNumber is omitted): value, expiry, state, conditions and the amount each takes off the bill. Nothing is redeemed.',
      access: 'staff',
      input: BillInputSchema,
      output: CheckResultSchema
    },
    'redeem:redeem': {
      summary:
        'Marks the checked vouchers of a bill used (DIRECT_FLOW). Answers redeemed, rejected, or verifying when Got It did not answer; a verifying bill settles by itself and emits redeem:changed.',
      access: 'staff',
      input: BillNumberInput,
      output: RedemptionSchema
    },
    'redeem:get': {
      summary: 'A bill and where its redemption stands.',
      access: 'staff',
      input: BillNumberInput,
      output: RedemptionSchema
    },
    'redeem:abandon': {
      summary: 'Gives up a bill that was not redeemed.',
      access: 'staff',
      input: BillNumberInput,
      output: RedemptionSchema
    },
    'redeem:acceptOffline': {
      summary:
        'With the offline policy on and Got It unreachable, accepts vouchers that cannot be checked, within the per-voucher and per-shift caps and with a manager PIN; their mark use is queued and verified when Got It is back.',
      access: 'staff',
      input: OfflineAcceptInputSchema,
      output: RedemptionSchema
    },
    'offline:exposure': {
      summary: 'How much was accepted offline and is not yet settled with Got It, and the total of this shift.',
      access: 'staff',
      input: NoInput,
      output: OfflineExposureSchema
    }
  },
  events: {
    'redeem:changed': { summary: 'A redemption moved on (redeemed, rejected, verifying, needs review).', payload: RedemptionSchema }
  }
})
