import { _electron as electron, expect, test } from '@playwright/test'
import { existsSync, mkdtempSync, rmSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { firstManagerRedeems } from './fixtures'

// Electron downloads its binary lazily (npx install-electron); where it could not, there is none.
const electronBinary = existsSync(join('node_modules', 'electron', 'path.txt'))

test('the built desktop app starts, a first manager signs in and redeems a training voucher', async () => {
  test.skip(
    !electronBinary,
    'No Electron binary on this machine (npx install-electron fetches it where the network allows); the same flow runs through the web host in staff.spec.ts and redeem.spec.ts.'
  )
  const dataDir = mkdtempSync(join(tmpdir(), 'till-electron-'))
  const app = await electron.launch({ args: ['.'], env: { ...process.env, TILL_DATA_DIR: dataDir } })
  try {
    const page = await app.firstWindow()
    expect(page.url()).toBe('app://till/index.html')
    await firstManagerRedeems(page)
    // The packaged shell's promises: no Node in the page, and no DevTools in a packaged build.
    expect(await page.evaluate(() => typeof (globalThis as { require?: unknown }).require)).toBe('undefined')
  } finally {
    await app.close()
    rmSync(dataDir, { recursive: true, force: true })
  }
})
