import { defineConfig } from '@playwright/test'

// Each test starts its own web host on a fresh data folder (see test/e2e/fixtures.ts),
// so there is no shared webServer here. Requires `npm run build` first.
export default defineConfig({
  testDir: './test/e2e',
  fullyParallel: true,
  workers: 2,
  retries: 0,
  reporter: process.env['TILL_TEST_REPORT'] ? [['list'], ['json', { outputFile: process.env['TILL_TEST_REPORT'] }]] : 'list',
  use: {
    // npm test sets TILL_CHROMIUM (empty: Playwright's own Chromium); run on its own, Debian's.
    launchOptions: process.env['TILL_CHROMIUM'] === '' ? {} : { executablePath: process.env['TILL_CHROMIUM'] ?? '/usr/bin/chromium' },
    trace: 'retain-on-failure'
  }
})
