/**
 * Channel and event names only, with no schema library, so that the sandboxed preload can
 * bundle this file on its own. `contract.ts` defines the schemas and is checked against it.
 */
export const channelNames = [
  'app:info',
  'prefs:get',
  'prefs:setLanguage',
  'providers:status',
  'training:vouchers',
  'redeem:check',
  'redeem:redeem',
  'redeem:get',
  'redeem:abandon',
  'redeem:acceptOffline',
  'offline:exposure',
  'journal:list',
  'journal:retry',
  'journal:resolve',
  'shift:close',
  'auth:status',
  'auth:staffList',
  'auth:setup',
  'auth:signIn',
  'auth:unlock',
  'auth:lock',
  'auth:signOut',
  'auth:activity',
  'staff:list',
  'staff:add',
  'staff:setDisabled',
  'staff:resetPin',
  'staff:unlock',
  'audit:list',
  'audit:verify',
  'settings:get',
  'settings:setStore',
  'settings:setProvider'
] as const
export type ChannelName = (typeof channelNames)[number]

export const eventNames = ['prefs:changed', 'providers:changed', 'auth:changed', 'redeem:changed'] as const
export type EventName = (typeof eventNames)[number]

/** The single IPC channel on which the main process forwards contract events to the renderer. */
export const EVENT_CHANNEL = 'till:event'

export function isChannelName(value: string): value is ChannelName {
  return (channelNames as readonly string[]).includes(value)
}

export function isEventName(value: string): value is EventName {
  return (eventNames as readonly string[]).includes(value)
}
