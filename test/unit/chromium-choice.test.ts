import { describe, expect, it } from 'vitest'
import { resolveChromium } from '../../scripts/chromium.mjs'

const io = (over: Partial<Parameters<typeof resolveChromium>[0]> = {}) => {
  const calls = { install: 0 }
  return {
    calls,
    io: {
      env: {},
      exists: () => false,
      playwrightHas: () => false,
      install: () => {
        calls.install += 1
        return true
      },
      ...over
    }
  }
}

describe('which Chromium npm test drives', () => {
  it('takes TILL_CHROMIUM first, then Debian’s, without fetching anything', () => {
    const a = io({ env: { TILL_CHROMIUM: '/opt/chromium' }, exists: (p) => p === '/opt/chromium' })
    expect(resolveChromium(a.io)).toEqual({ executablePath: '/opt/chromium', problem: null, note: null })
    const b = io({ exists: (p) => p === '/usr/bin/chromium' })
    expect(resolveChromium(b.io)).toMatchObject({ executablePath: '/usr/bin/chromium' })
    expect(a.calls.install + b.calls.install).toBe(0)
  })

  it('fetches Playwright’s own Chromium where none is found and the network allows, and goes on', () => {
    const { io: given, calls } = io()
    expect(resolveChromium(given)).toEqual({ executablePath: null, problem: null, note: 'No Chromium was found, so Playwright fetched its own (npx playwright install chromium).' })
    expect(calls.install).toBe(1)
  })

  it('says in one sentence what to do when neither works', () => {
    expect(resolveChromium(io({ install: () => false }).io).problem).toBe(
      'The end-to-end tests need Chromium: none is at /usr/bin/chromium, and Playwright could not fetch its own. Install one (Debian: apt-get install -y chromium) or set TILL_CHROMIUM.'
    )
  })
})
