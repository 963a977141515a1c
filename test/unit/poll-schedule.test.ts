import { afterEach, describe, expect, it, vi } from 'vitest'
import { PollSchedule } from '../../electron/core/providers/hubble/poll-schedule'

describe('the polls of a gift card order Hubble is still processing', () => {
  afterEach(() => {
    vi.useRealTimers()
  })

  /** Runs the schedule for `minutes` of fake time and says at which minute each wake-up asked for what. */
  function run(start: (schedule: PollSchedule) => void, minutes: number): string[] {
    vi.useFakeTimers({ toFake: ['setTimeout', 'clearTimeout', 'performance'] })
    const seen: string[] = []
    const started = performance.now()
    const schedule: PollSchedule = new PollSchedule(
      () => performance.now(),
      () => {
        const at = Math.round((performance.now() - started) / 60_000)
        const due = schedule.due('G1')
        seen.push(`${at}:${due}`)
        if (due === 'poll') schedule.polled('G1')
        else if (due === 'give_up') schedule.forget('G1')
        else schedule.arm()
      }
    )
    start(schedule)
    vi.advanceTimersByTime(minutes * 60_000)
    schedule.stop()
    return seen
  }

  it('wakes exactly when each poll is due (1, 3, 6, 10 and 14 minutes) and gives up at 15, not at a minute’s tick', () => {
    expect(run((s) => s.watch('G1', 0), 30)).toEqual(['1:poll', '3:poll', '6:poll', '10:poll', '14:poll', '15:give_up'])
  })

  it('after a restart, resumes from the last poll made instead of from the computer’s clock', () => {
    // Two polls were made before the till stopped: the next is three minutes after the last one (at 6).
    expect(run((s) => s.watch('G1', 2), 30)).toEqual(['3:poll', '7:poll', '11:poll', '12:give_up'])
  })
})
