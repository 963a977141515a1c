import { useCallback, useEffect, useState } from 'react'
import type { JournalItem } from '../../../shared/domain/journal'
import type { TillClient } from '../client/till-client'

const WAITING = new Set<JournalItem['state']>(['pending', 'unknown', 'needs_review'])
const UNSETTLED = new Set<JournalItem['state']>(['pending', 'sending', 'unknown', 'needs_review'])

export interface SettledNotice {
  id: number
  item: JournalItem
}

/**
 * The Queue as the whole app sees it: how many operations wait (for the Queue's menu entry), and
 * a notice whenever one that was waiting (verifying, queued, with a manager) settles, so the
 * cashier learns of it wherever they are. An operation sent and answered at once is not news.
 */
export function useQueueWatch(client: TillClient): { count: number; notices: SettledNotice[]; dismiss(id: number): void } {
  const [open, setOpen] = useState<Map<number, JournalItem>>(new Map())
  const [notices, setNotices] = useState<SettledNotice[]>([])
  useEffect(() => {
    let live = true
    void client.call('journal:list', {}).then((result) => {
      if (live && result.ok) setOpen(new Map(result.value.map((item) => [item.id, item])))
    })
    const stop = client.subscribe('journal:changed', (item) => {
      setOpen((current) => {
        const before = current.get(item.id)
        const next = new Map(current)
        if (UNSETTLED.has(item.state)) next.set(item.id, item)
        else {
          next.delete(item.id)
          if (before && WAITING.has(before.state)) setNotices((list) => [...list.filter((n) => n.id !== item.id), { id: item.id, item }])
        }
        return next
      })
    })
    return () => {
      live = false
      stop()
    }
  }, [client])
  const dismiss = useCallback((id: number) => setNotices((list) => list.filter((n) => n.id !== id)), [])
  return { count: open.size, notices, dismiss }
}
