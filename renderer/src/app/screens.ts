import type { MessageKey } from '../i18n/i18n'

export const screens = ['redeem', 'giftCards', 'receipts', 'payments', 'queue', 'history', 'settings'] as const
export type ScreenId = (typeof screens)[number]

export const screenTitle: Record<ScreenId, MessageKey> = {
  redeem: 'nav.redeem',
  giftCards: 'nav.giftCards',
  receipts: 'nav.receipts',
  payments: 'nav.payments',
  queue: 'nav.queue',
  history: 'nav.history',
  settings: 'nav.settings'
}

/** Alt+1 … Alt+7 open the screens in menu order. */
export function screenForShortcut(event: Pick<KeyboardEvent, 'altKey' | 'ctrlKey' | 'metaKey' | 'key'>): ScreenId | null {
  if (!event.altKey || event.ctrlKey || event.metaKey) return null
  const index = Number(event.key) - 1
  return Number.isInteger(index) && index >= 0 ? (screens[index] ?? null) : null
}
