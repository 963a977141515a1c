import { startGotItSimulator, type RunningGotItSimulator } from './gotit'
import { namedVoucherCodes, type VoucherName } from './gotit/fixtures'
import type { GotItSimConfig } from './gotit/gotit-simulator'

/** The named vouchers a cashier can pick on the Redeem screen in training mode, one per lesson. */
export const trainingVoucherNames: VoucherName[] = [
  'new',
  'new_200k',
  'new_50k',
  'used',
  'expired',
  'cancelled',
  'inactive',
  'split',
  'reserved_other',
  'not_for_this_store',
  'conditional'
]

export function trainingVouchers(): { name: VoucherName; code: string }[] {
  return trainingVoucherNames.map((name) => ({ name, code: namedVoucherCodes[name] }))
}

/**
 * The simulators the till talks to in training mode, started in this process on loopback the
 * first time they are needed, so training runs the same HTTP client code as production.
 */
export class TrainingSandbox {
  private gotitStarting: Promise<RunningGotItSimulator> | null = null

  constructor(private readonly gotitConfig: Partial<GotItSimConfig> = {}) {}

  gotit(): Promise<RunningGotItSimulator> {
    this.gotitStarting ??= startGotItSimulator({ config: this.gotitConfig })
    return this.gotitStarting
  }

  async close(): Promise<void> {
    const running = this.gotitStarting
    this.gotitStarting = null
    if (running) await (await running).close()
  }
}
