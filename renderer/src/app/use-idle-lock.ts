import { useEffect } from 'react'
import type { TillClient } from '../client/till-client'

const ACTIVITY_EVENTS = ['keydown', 'pointerdown', 'wheel', 'touchstart'] as const
const REPORT_EVERY_MS = 30_000

/**
 * Locks the till after `idleSeconds` without a key press or touch, and tells the core now and
 * then that someone is working, so its own idle check (the one that counts) agrees.
 */
export function useIdleLock(client: TillClient, idleSeconds: number, lock: () => void): void {
  useEffect(() => {
    if (idleSeconds <= 0) return
    let timer = setTimeout(lock, idleSeconds * 1000)
    let lastReport = Date.now()
    const onActivity = (): void => {
      clearTimeout(timer)
      timer = setTimeout(lock, idleSeconds * 1000)
      if (Date.now() - lastReport > REPORT_EVERY_MS) {
        lastReport = Date.now()
        void client.call('auth:activity', {})
      }
    }
    for (const name of ACTIVITY_EVENTS) window.addEventListener(name, onActivity, { passive: true })
    return () => {
      clearTimeout(timer)
      for (const name of ACTIVITY_EVENTS) window.removeEventListener(name, onActivity)
    }
  }, [client, idleSeconds, lock])
}
