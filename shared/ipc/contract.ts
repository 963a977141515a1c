import { z } from 'zod'
import { appFeature } from '../channels/app'
import { authFeature } from '../channels/auth'
import { historyFeature } from '../channels/history'
import { journalFeature } from '../channels/journal'
import { settingsFeature } from '../channels/settings'
import { staffFeature } from '../channels/staff'
import { backofficeFeature } from '../channels/backoffice'
import { trainingFeature } from '../channels/training'
import { providerManifests, type ProviderManifest, type ProviderManifests } from '../providers'
import { DEFAULT_MAX_INPUT_BYTES, mergeFeatures, mergeReasons, type ChannelSpec, type FeatureContract, type ReasonsOf } from './channel-table'

export type { Access, ChannelSpec, EventSpec } from './channel-table'

/** The till's own features; each provider's comes from its manifest (shared/providers/). */
const coreFeatures = [appFeature, authFeature, staffFeature, settingsFeature, journalFeature, historyFeature, backofficeFeature, trainingFeature] as const

type FeaturesOf<T extends readonly ProviderManifest[]> = { -readonly [I in keyof T]: T[I]['feature'] }

/**
 * Every call the renderer (or an operator's script through the web host) may make, and every
 * event the core emits: each feature's table, merged. A name defined twice stops the till at start.
 */
const features = [...coreFeatures, ...(providerManifests.map((m) => m.feature) as unknown as FeaturesOf<ProviderManifests>)] as const

/** The contract's channels for another list of providers (a test that adds a provider checks what it would add). */
export function contractOf(manifests: readonly ProviderManifest[]): Record<string, ChannelSpec> {
  return mergeFeatures(...([...coreFeatures, ...manifests.map((m) => m.feature)] as FeatureContract[])).channels as Record<string, ChannelSpec>
}
const app = mergeFeatures(...features)

/** Every reason an error may carry (each feature declares its own); the renderer has words for each, or does not compile. */
export type ErrorReason = ReasonsOf<typeof features>
export const ErrorReasonSchema = z.enum(mergeReasons(features) as [ErrorReason, ...ErrorReason[]])

export const contract = app.channels
export const events = app.events

export type Contract = typeof contract
export type ChannelName = keyof Contract & string
export type EventName = keyof typeof events & string
export type ChannelInput<C extends ChannelName> = z.input<Contract[C]['input']>
export type ChannelParsedInput<C extends ChannelName> = z.output<Contract[C]['input']>
export type ChannelOutput<C extends ChannelName> = z.output<Contract[C]['output']>
export type EventPayload<E extends EventName> = z.output<(typeof events)[E]['payload']>

export const channelNames = Object.keys(contract) as ChannelName[]
export const eventNames = Object.keys(events) as EventName[]

export function isChannelName(value: string): value is ChannelName {
  return Object.hasOwn(contract, value)
}

export function isEventName(value: string): value is EventName {
  return Object.hasOwn(events, value)
}

/** The largest request body a channel takes (its own limit, or the default); an unknown name gets the default. */
export function maxInputBytesOf(channel: string): number {
  return isChannelName(channel) ? ((contract[channel] as ChannelSpec).maxInputBytes ?? DEFAULT_MAX_INPUT_BYTES) : DEFAULT_MAX_INPUT_BYTES
}
