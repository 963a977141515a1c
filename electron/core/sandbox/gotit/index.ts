import { GOTIT_PATH_PREFIX } from '../../../../shared/wire/gotit'
import { SimClock } from '../framework/clock'
import { startSimulator, type RunningSimulator, type SimRoute } from '../framework/sim-server'
import { namedVoucherCodes, TRAINING_PIN } from './fixtures'
import { GotItSimulator, type GotItOperation, type GotItSimConfig } from './gotit-simulator'

export { GOTIT_PATH_PREFIX }
const operations: GotItOperation[] = ['checkmultiple', 'reserved', 'unreserved', 'usemultiple']

export interface RunningGotItSimulator extends RunningSimulator {
  sim: GotItSimulator
  pin: string
}

export async function startGotItSimulator(options: { port?: number; config?: Partial<GotItSimConfig>; clock?: SimClock; controls?: boolean } = {}): Promise<RunningGotItSimulator> {
  const clock = options.clock ?? new SimClock()
  const sim = new GotItSimulator(clock, options.config)
  const routes: SimRoute[] = operations.map((operation) => ({
    name: operation,
    method: 'POST',
    path: `${GOTIT_PATH_PREFIX}/${operation}`,
    handle: (request) => sim.handle(operation, request)
  }))
  const running = await startSimulator(
    {
      provider: 'gotit',
      routes,
      clock,
      inspect: () => sim.inspect(),
      reset: () => sim.reset(),
      statement: () => sim.statement(),
      controls: options.controls ?? true,
      notFound: () => ({ status: 404, body: { message: 'Not Found' } })
    },
    options.port ?? 0
  )
  return { ...running, sim, pin: TRAINING_PIN }
}

/** The line `npm run sandbox` prints for Got It. */
export function gotItAnnouncement(running: RunningGotItSimulator) {
  const n = namedVoucherCodes
  return {
    provider: 'gotit',
    url: running.url,
    pathPrefix: GOTIT_PATH_PREFIX,
    pin: running.pin,
    otherStorePin: '3434',
    otherMerchantPin: '5656',
    vouchers: {
      new: n.new,
      used: n.used,
      expired: n.expired,
      cancelled: n.cancelled,
      inactive: n.inactive,
      split: n.split,
      reserved_other: n.reserved_other,
      conditional: n.conditional,
      new_200k: n.new_200k,
      new_50k: n.new_50k,
      leading_zero: n.leading_zero,
      expired_by_date: n.expired_by_date,
      reserved_other_merchant: n.reserved_other_merchant,
      not_for_this_store: n.not_for_this_store,
      conditional_not_tuesday: n.conditional_not_tuesday,
      sent: n.sent,
      opened: n.opened,
      downloaded: n.downloaded
    },
    control: `${running.url}/__sim/`
  }
}
