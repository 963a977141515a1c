import { spawn } from 'node:child_process'
import { mkdtempSync, rmSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { chromium, expect, test } from '@playwright/test'
import { firstManagerRedeems } from './fixtures'
import { freePort } from '../helpers/free-port'

/**
 * The installer's own app, as a user starts it: the packaged binary with its fuses flipped and its
 * code in the asar (not the source tree). Playwright's Electron driver needs the Node inspector,
 * which the packaged fuses turn off, so the test reaches the window through Chromium's remote
 * debugging instead. The packaging workflow sets TILL_PACKAGED_APP to the unpacked Linux build.
 */
const packaged = process.env['TILL_PACKAGED_APP']

/** Asks again every half second until it works or the time is up (the app takes a moment to open its port and window). */
async function retry<T>(attempt: () => Promise<T>, timeoutMs: number): Promise<T> {
  const deadline = Date.now() + timeoutMs
  for (;;) {
    try {
      return await attempt()
    } catch (error) {
      if (Date.now() > deadline) throw error
      await new Promise((resolve) => setTimeout(resolve, 500))
    }
  }
}

test('the packaged app starts from its asar, a first manager signs in, and a training voucher is redeemed', async () => {
  test.skip(!packaged, 'Set TILL_PACKAGED_APP to a packaged build (dist/linux-unpacked/till after npm run package:linux); the packaging workflow does.')
  test.setTimeout(120_000)
  const dataDir = mkdtempSync(join(tmpdir(), 'till-packaged-'))
  const port = await freePort()
  const app = spawn(packaged ?? '', [`--remote-debugging-port=${port}`], { env: { ...process.env, TILL_DATA_DIR: dataDir }, stdio: 'inherit' })
  try {
    const browser = await retry(() => chromium.connectOverCDP(`http://127.0.0.1:${port}`), 60_000)
    const page = await retry(async () => {
      const found = browser
        .contexts()
        .flatMap((context) => context.pages())
        .find((p) => p.url().startsWith('app://till'))
      if (!found) throw new Error('no window on app://till yet')
      return found
    }, 30_000)
    await firstManagerRedeems(page)
    expect(await page.evaluate(() => typeof (globalThis as { require?: unknown }).require)).toBe('undefined')
    await browser.close()
  } finally {
    app.kill('SIGTERM')
    rmSync(dataDir, { recursive: true, force: true })
  }
})
