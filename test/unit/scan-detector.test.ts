import { describe, expect, it } from 'vitest'
import { isGotItCodeFormat } from '../../shared/domain/voucher-code'
import { ScanDetector } from '../../renderer/src/ui/scan-detector'

function keys(detector: ScanDetector, text: string, start: number, gaps: number[]): number {
  let at = start
  ;[...text].forEach((char, i) => {
    at += i === 0 ? 0 : (gaps[(i - 1) % gaps.length] ?? 0)
    detector.char(char, at, null)
  })
  return at
}

describe('telling a scanner from a person', () => {
  it('takes a fast burst ending in Enter as a scan, even when the computer delays one key of it', () => {
    const detector = new ScanDetector()
    const last = keys(detector, '2000000001', 0, [4, 5, 80, 3, 4])
    expect(detector.enter(last + 6)).toMatchObject({ code: '2000000001' })
  })

  it('does not take a person typing a PIN, a total or a short code for a scan', () => {
    const detector = new ScanDetector()
    expect(detector.enter(keys(detector, '48260312', 0, [90, 110, 85]) + 100)).toBeNull()
    // However fast a person types a PIN (about 12 keys a second is very fast).
    expect(detector.enter(keys(detector, '482603127', 0, [85]) + 80)).toBeNull()
    expect(detector.enter(keys(detector, '48261', 1000, [3]) + 5)).toBeNull()
    // Text typed slowly before a scan is not part of it.
    keys(detector, '50', 5000, [150])
    const last = keys(detector, '2000000003', 5500, [4])
    expect(detector.enter(last + 5)).toMatchObject({ code: '2000000003' })
  })

  it('keeps a scan whole when a busy computer stalls it, instead of taking its tail for a scan of its own', () => {
    const detector = new ScanDetector()
    // Two keys, a 250 ms stall, eight more keys: one scan of ten characters, not a scan of the last eight.
    let last = keys(detector, '71', 0, [5])
    last = keys(detector, '32616187', last + 250, [5])
    expect(detector.enter(last + 5)).toMatchObject({ code: '7132616187' })
    // The Enter itself held back as long.
    last = keys(detector, '2000000005', 10_000, [5])
    expect(detector.enter(last + 300)).toMatchObject({ code: '2000000005' })
    // A person's slow keys stay apart from a scan that follows them, and a long pause ends any burst.
    last = keys(detector, '12', 20_000, [120])
    last = keys(detector, '2000000007', last + 250, [5])
    expect(detector.enter(last + 5)).toMatchObject({ code: '2000000007' })
    last = keys(detector, '99', 30_000, [5])
    last = keys(detector, '2000000009', last + 600, [5])
    expect(detector.enter(last + 5)).toMatchObject({ code: '2000000009' })
  })

  it('takes a scan whole when its first key came late, where the rest is no code and the whole is one', () => {
    const detector = new ScanDetector()
    // A busy computer held the first key back 150 ms: alone it looks like a person's key.
    detector.char('2', 0, null)
    let last = keys(detector, '000000001', 150, [4])
    expect(detector.enter(last + 5, isGotItCodeFormat)).toMatchObject({ code: '2000000001' })
    // Without knowing what a code looks like, the detector cannot tell that key from a person's.
    detector.char('2', 10_000, null)
    last = keys(detector, '000000001', 10_150, [4])
    expect(detector.enter(last + 5)).toMatchObject({ code: '000000001' })
    // A person's key before a scan that is a code on its own stays apart.
    keys(detector, '12', 20_000, [120])
    last = keys(detector, '2000000007', 20_370, [5])
    expect(detector.enter(last + 5, isGotItCodeFormat)).toMatchObject({ code: '2000000007' })
    // A key long before is no part of the scan, whatever the scan looks like.
    detector.char('2', 30_000, null)
    last = keys(detector, '000000001', 30_600, [4])
    expect(detector.enter(last + 5, isGotItCodeFormat)).toMatchObject({ code: '000000001' })
  })
})
