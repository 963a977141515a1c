import { giftCardsScreen } from '../features/giftcards'
import { paymentsScreen } from '../features/payments'
import { historyScreen } from '../features/history'
import { receiptsScreen } from '../features/receipts'
import { queueScreen } from '../features/queue'
import { redeemScreen } from '../features/redeem'
import { settingsScreen } from '../features/settings'

/** The workspace's screens in menu order (Alt+1 … opens them); a feature adds its screen here. */
export const screens = [redeemScreen, giftCardsScreen, receiptsScreen, paymentsScreen, queueScreen, historyScreen, settingsScreen] as const

export type ScreenId = (typeof screens)[number]['id']

/** Alt+1 … Alt+7 open the screens in menu order. */
export function screenForShortcut(event: Pick<KeyboardEvent, 'altKey' | 'ctrlKey' | 'metaKey' | 'key'>): ScreenId | null {
  if (!event.altKey || event.ctrlKey || event.metaKey) return null
  const index = Number(event.key) - 1
  return Number.isInteger(index) && index >= 0 ? (screens[index]?.id ?? null) : null
}
