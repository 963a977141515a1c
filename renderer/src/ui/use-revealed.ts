import { useEffect, useRef } from 'react'

/**
 * An answer is shown where the person looks: whenever `key` changes (a new answer), the element
 * scrolls just enough to be inside the viewport, clear of the sticky banner and bars (their room
 * is kept by `scroll-margin` on notices in the styles).
 */
export function useRevealed<T extends HTMLElement>(key: unknown) {
  const ref = useRef<T>(null)
  useEffect(() => {
    ref.current?.scrollIntoView({ block: 'nearest', inline: 'nearest' })
  }, [key])
  return ref
}
