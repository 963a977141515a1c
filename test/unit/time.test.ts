import { describe, expect, it } from 'vitest'
import { dayBounds } from '../../shared/time'

describe('store days', () => {
  it('turn a calendar day of the store’s zone into the UTC instants it starts and ends at', () => {
    expect(dayBounds('2026-11-22', 'UTC')).toEqual({ from: '2026-11-22T00:00:00.000Z', to: '2026-11-23T00:00:00.000Z' })
    expect(dayBounds('2026-11-22', 'Asia/Ho_Chi_Minh')).toEqual({ from: '2026-11-21T17:00:00.000Z', to: '2026-11-22T17:00:00.000Z' })
    expect(dayBounds('2026-11-22', 'Asia/Kolkata')).toEqual({ from: '2026-11-21T18:30:00.000Z', to: '2026-11-22T18:30:00.000Z' })
    // A day of 23 hours where the clocks go forward.
    expect(dayBounds('2026-03-29', 'Europe/Oslo')).toEqual({ from: '2026-03-28T23:00:00.000Z', to: '2026-03-29T22:00:00.000Z' })
  })
})
