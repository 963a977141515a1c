import { randomBytes } from 'node:crypto'
import type { RunningGotItSimulator } from '../sandbox/gotit'
import type { GotItSimConfig } from '../sandbox/gotit/gotit-simulator'
import type { RunningHubbleSimulator } from '../sandbox/hubble'
import type { HubbleSimConfig } from '../sandbox/hubble/hubble-simulator'
import type { RunningJuspaySimulator } from '../sandbox/juspay'
import type { JuspaySimConfig } from '../sandbox/juspay/juspay-simulator'
import type { RunningVippsSimulator } from '../sandbox/vipps'
import type { VippsSimConfig } from '../sandbox/vipps/vipps-simulator'

/**
 * The one door from the till's product code to the simulators training mode talks to (a lint
 * rule keeps every other door shut). Inside the app a simulator has no control routes (no
 * faults, clock or reset for anything on the computer to call) and credentials made fresh at
 * each start, webhook secrets included, so nobody can forge a practice callback to the till.
 * The sandbox CLI (`npm run sandbox`) for developers and tests keeps every control.
 */
export type { RunningSimulator, SimStatement } from '../sandbox/framework/sim-server'
export type { GotItSimConfig, HubbleSimConfig, JuspaySimConfig, RunningGotItSimulator, RunningHubbleSimulator, RunningJuspaySimulator, RunningVippsSimulator, VippsSimConfig }
export { namedVoucherCodes, type VoucherName } from '../sandbox/gotit/fixtures'

const fresh = (): string => randomBytes(18).toString('base64url')

/** This start's practice credentials: the simulators take them, and the till's webhook checks expect them. */
export const trainingCredentials = {
  hubble: { clientId: `till-training-${fresh()}`, clientSecret: fresh(), webhookSecret: fresh() },
  vipps: { clientId: fresh(), clientSecret: fresh(), subscriptionKey: fresh() },
  juspay: { apiKey: fresh(), webhookUser: `tillhooks-${fresh().slice(0, 8)}`, webhookPassword: fresh() }
} as const

const inApp = { controls: false } as const

// Loaded on first use: the simulators (and Vipps's spec checker) stay off the till's start.
export const startTrainingGotIt = (config: Partial<GotItSimConfig>): Promise<RunningGotItSimulator> =>
  import('../sandbox/gotit').then(({ startGotItSimulator }) => startGotItSimulator({ config, ...inApp }))

export const startTrainingHubble = (config: Partial<HubbleSimConfig>): Promise<RunningHubbleSimulator> =>
  import('../sandbox/hubble').then(({ startHubbleSimulator }) => startHubbleSimulator({ config: { ...config, ...trainingCredentials.hubble }, ...inApp }))

export const startTrainingVipps = (config: Partial<VippsSimConfig>): Promise<RunningVippsSimulator> =>
  import('../sandbox/vipps').then(({ startVippsSimulator }) => startVippsSimulator({ config: { ...config, ...trainingCredentials.vipps }, ...inApp }))

export const startTrainingJuspay = (config: Partial<JuspaySimConfig>): Promise<RunningJuspaySimulator> =>
  import('../sandbox/juspay').then(({ startJuspaySimulator }) => startJuspaySimulator({ config: { ...config, ...trainingCredentials.juspay }, ...inApp }))
