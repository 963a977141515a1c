import { useEffect, useRef } from 'react'

/** A scanner sends a key every few ms; a quick person one every 80 to 150 ms. A burst this fast on average is a scan (a busy computer delays some keys). */
export const SCAN_AVERAGE_GAP_MS = 60
/** A pause longer than this ends a burst: a person's keys before a scan are not part of it (a busy computer may still delay a key of a scan by tens of ms). */
export const BURST_PAUSE_MS = 100
/** A scan is at least this many characters (Got It codes are 10 and more; a PIN is usually 4 to 6 digits). */
export const SCAN_MIN_CHARS = 8
/**
 * A busy computer can hold a scan's keys back for longer than BURST_PAUSE_MS. A burst that was a
 * scan so far goes on across a stall up to this long (the stall left out of its average), so the
 * tail of a stalled scan is never taken for a scan of its own.
 */
export const STALL_MAX_MS = 400

interface Burst {
  chars: string
  /** When each character came. */
  times: number[]
  last: number
  /** Time spent in stalls the burst went on across; not part of its average. */
  stalled: number
  /** Where the burst began typing, and what that field held before it. */
  target: HTMLInputElement | HTMLTextAreaElement | null
  before: string
}

/**
 * Tells a barcode scanner from a person: a burst of at least SCAN_MIN_CHARS characters, on average
 * SCAN_AVERAGE_GAP_MS apart or less, ending in Enter. Pure, so tests drive it with their own clock.
 */
export class ScanDetector {
  private burst: Burst | null = null
  /** A burst of one key that a pause ended: perhaps a person's key, perhaps a scan's first key that the computer held back. */
  private lone: Burst | null = null

  /** A printable key; `field` is the text field it would type into (with its value before the key). */
  char(key: string, at: number, field: HTMLInputElement | HTMLTextAreaElement | null): void {
    const burst = this.burst
    const gap = burst ? at - burst.last : Infinity
    if (burst && (gap <= BURST_PAUSE_MS || (gap <= STALL_MAX_MS && scanLike(burst)))) {
      if (gap > BURST_PAUSE_MS) burst.stalled += gap
      burst.chars += key
      burst.times.push(at)
      burst.last = at
    } else {
      this.lone = burst?.chars.length === 1 ? burst : null
      this.burst = { chars: key, times: [at], last: at, stalled: 0, target: field, before: field?.value ?? '' }
    }
  }

  /**
   * Enter: the scanned code when the keys before it were a scan, else null. `plausible` says what a
   * code looks like: a scan that does not, right after a lone key in the same field that makes it
   * one, is that key's scan (its first key held back by a busy computer, not a person's).
   */
  enter(at: number, plausible?: (code: string) => boolean): { code: string; target: HTMLInputElement | HTMLTextAreaElement | null; before: string } | null {
    const burst = this.burst
    const lone = this.lone
    this.burst = null
    this.lone = null
    if (!burst) return null
    const gap = at - burst.last
    if (gap > STALL_MAX_MS || (gap > BURST_PAUSE_MS && !scanLike(burst))) return null
    if (burst.chars.length < SCAN_MIN_CHARS || !scanLike(burst)) return null
    if (plausible && !plausible(burst.chars) && lone && lone.target === burst.target && (burst.times[0] ?? 0) - lone.last <= STALL_MAX_MS && plausible(lone.chars + burst.chars)) {
      return { code: lone.chars + burst.chars, target: lone.target, before: lone.before }
    }
    return { code: burst.chars, target: burst.target, before: burst.before }
  }

  /** Any other key ends a burst. */
  reset(): void {
    this.burst = null
    this.lone = null
  }
}

/** At least two keys so far, on average a scanner's pace (stalls left out). */
function scanLike(burst: Burst): boolean {
  const n = burst.times.length
  return n >= 2 && ((burst.times.at(-1) ?? 0) - (burst.times[0] ?? 0) - burst.stalled) / (n - 1) <= SCAN_AVERAGE_GAP_MS
}

const textField = (target: EventTarget | null): HTMLInputElement | HTMLTextAreaElement | null =>
  target instanceof HTMLTextAreaElement || (target instanceof HTMLInputElement && !['checkbox', 'radio', 'button', 'submit'].includes(target.type)) ? target : null

/** Puts back what a field held before a scan typed into it, the way React sees a change. */
export function restoreField(field: HTMLInputElement | HTMLTextAreaElement, value: string): void {
  const prototype = field instanceof HTMLTextAreaElement ? HTMLTextAreaElement.prototype : HTMLInputElement.prototype
  Object.getOwnPropertyDescriptor(prototype, 'value')?.set?.call(field, value)
  field.dispatchEvent(new Event('input', { bubbles: true }))
}

/**
 * Calls `onScan` for every scan on the page while `enabled`, wherever the focus is. The scan's
 * Enter does nothing else, and a field the scan typed into gets back what it held before: a scan
 * never leaves its digits in the bill total, or joins text already in a field. `plausible` (what a
 * code looks like) lets a scan whose first key came late be taken whole (see `ScanDetector.enter`).
 */
export function useScans(onScan: (code: string) => void, enabled = true, plausible?: (code: string) => boolean): void {
  const handler = useRef(onScan)
  handler.current = onScan
  const looksLikeCode = useRef(plausible)
  looksLikeCode.current = plausible
  useEffect(() => {
    if (!enabled) return
    const detector = new ScanDetector()
    const onKey = (event: KeyboardEvent): void => {
      const at = event.timeStamp
      if (event.key === 'Enter') {
        const scan = detector.enter(at, looksLikeCode.current)
        if (!scan) return
        event.preventDefault()
        event.stopPropagation()
        if (scan.target) restoreField(scan.target, scan.before)
        handler.current(scan.code)
      } else if (event.key.length === 1 && !event.ctrlKey && !event.metaKey && !event.altKey) detector.char(event.key, at, textField(event.target))
      else if (event.key !== 'Shift') detector.reset()
    }
    window.addEventListener('keydown', onKey, true)
    return () => window.removeEventListener('keydown', onKey, true)
  }, [enabled])
}
