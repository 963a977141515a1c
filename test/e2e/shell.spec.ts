import { expect, MANAGER, redeemWithKeys, test } from './fixtures'

test('shows the TRAINING banner and every provider, none contacted yet', async ({ page, till }) => {
  await till.staff()
  await page.goto(till.url)
  await expect(page.getByTestId('mode-banner')).toContainText('TRAINING')
  const providers = page.getByRole('list', { name: 'Providers' }).getByRole('listitem')
  await expect(providers).toHaveCount(4)
  await expect(providers.first()).toContainText('Got It')
  await expect(providers.first()).toContainText('not contacted yet · training')
})

test('navigates between every screen with the mouse and with Alt+number', async ({ page, till }) => {
  await till.staff()
  await page.goto(till.url)
  await expect(page.getByRole('heading', { level: 1 })).toHaveText('Redeem vouchers')
  const nav = page.getByRole('navigation', { name: 'Screens' })
  for (const [name, heading] of [
    ['Gift cards', 'Gift cards'],
    ['Receipts', 'Receipts · Vipps MobilePay'],
    ['Payments', 'Payments · Juspay'],
    ['Queue', 'Queue'],
    ['History', 'History'],
    ['Settings', 'Settings'],
    ['Redeem', 'Redeem vouchers']
  ] as const) {
    await nav.getByRole('button', { name: new RegExp(`^${name}`) }).click()
    await expect(page.getByRole('heading', { level: 1 })).toHaveText(heading)
    await expect(nav.getByRole('button', { name: new RegExp(`^${name}`) })).toHaveAttribute('aria-current', 'page')
  }
  await page.keyboard.press('Alt+7')
  await expect(page.getByRole('heading', { level: 1 })).toHaveText('Settings')
  await page.keyboard.press('Alt+1')
  await expect(page.getByRole('heading', { level: 1 })).toHaveText('Redeem vouchers')
})

test('switches to Vietnamese and back at any time, and remembers the choice', async ({ page, till }) => {
  await till.staff()
  await page.goto(till.url)
  await page.getByRole('button', { name: 'Tiếng Việt' }).click()
  await expect(page.getByRole('heading', { level: 1 })).toHaveText('Đổi voucher')
  await expect(page.getByTestId('mode-banner')).toContainText('CHẾ ĐỘ ĐÀO TẠO')
  await expect(page.locator('html')).toHaveAttribute('lang', 'vi')
  await page.reload()
  await expect(page.getByRole('heading', { level: 1 })).toHaveText('Đổi voucher')
  expect(await till.rpc('prefs:get')).toMatchObject({ body: { ok: true, value: { language: 'vi' } } })
  await page.getByRole('button', { name: 'English' }).click()
  await expect(page.getByRole('heading', { level: 1 })).toHaveText('Redeem vouchers')
})

test('follows a language change made elsewhere through the event stream', async ({ page, till }) => {
  await till.staff()
  await page.goto(till.url)
  await expect(page.getByRole('heading', { level: 1 })).toHaveText('Redeem vouchers')
  // Another window, or an operator's script, changes the language.
  await expect.poll(async () => (await till.rpc('prefs:setLanguage', { language: 'vi' })).status).toBe(200)
  await expect(page.getByRole('heading', { level: 1 })).toHaveText('Đổi voucher')
})

test('every control shows a visible focus state when reached with the keyboard', async ({ page, till }) => {
  await till.staff()
  await page.goto(till.url)
  // The code field has focus on arrival; Tab walks the rest of the page and wraps to its top.
  await expect(page.getByLabel('Voucher code')).toBeFocused()
  const seen = new Set<string>()
  for (let i = 0; i < 16; i++) {
    await page.keyboard.press('Tab')
    const focused = await page.evaluate(() => {
      const element = document.activeElement
      if (!element || element === document.body) return null
      const style = getComputedStyle(element)
      return { name: `${element.tagName} ${element.textContent ?? ''}`, outline: `${style.outlineStyle} ${style.outlineWidth}` }
    })
    if (!focused) continue // focus left the page for the browser's own UI
    expect(focused.outline, focused.name).toMatch(/^solid [1-9]/)
    seen.add(focused.name)
  }
  // Language buttons, seven screens, the code field and Add: all reached.
  expect(seen.size).toBeGreaterThanOrEqual(11)
})

test.describe('when every provider talks to its sandbox', () => {
  test.use({
    tillEnv: {
      TILL_GOTIT_MODE: 'sandbox',
      TILL_GOTIT_BASE_URL: 'http://127.0.0.1:9',
      TILL_GOTIT_PIN: '1212',
      TILL_HUBBLE_MODE: 'sandbox',
      TILL_HUBBLE_CLIENT_ID: 'client',
      TILL_HUBBLE_CLIENT_SECRET: 'secret',
      TILL_VIPPS_MODE: 'sandbox',
      TILL_VIPPS_CLIENT_ID: 'client',
      TILL_VIPPS_CLIENT_SECRET: 'secret',
      TILL_VIPPS_SUBSCRIPTION_KEY: 'key',
      TILL_VIPPS_MSN: '123456',
      TILL_JUSPAY_MODE: 'sandbox',
      TILL_JUSPAY_MERCHANT_ID: 'shop',
      TILL_JUSPAY_API_KEY: 'key'
    }
  })

  test('says SANDBOX, never TRAINING', async ({ page, till }) => {
    await till.staff()
    await page.goto(till.url)
    const banner = page.getByTestId('mode-banner')
    await expect(banner).toHaveAttribute('data-mode', 'sandbox')
    await expect(banner).toContainText('SANDBOX')
    await expect(banner).not.toContainText('TRAINING')
  })
})

test.describe('when Got It is live and the others train', () => {
  test.use({ tillEnv: { TILL_GOTIT_MODE: 'production', TILL_GOTIT_PIN: '1212' } })

  test('names each provider’s mode so live money is unmistakable', async ({ page, till }) => {
    await till.staff()
    await page.goto(till.url)
    const banner = page.getByTestId('mode-banner')
    await expect(banner).toHaveAttribute('data-mode', 'mixed')
    await expect(banner).toContainText('Got It: live')
    await expect(banner).toContainText('Juspay: training')
  })
})

test.describe('with the gift card wallet below its threshold', () => {
  test.use({ tillEnv: { TILL_HUBBLE_LOW_BALANCE: '200000' } })

  for (const width of [1024, 1366]) {
    test(`keeps every provider's name and state dot in view beside the alert pills at ${width} × 768`, async ({ page, till }) => {
      await till.staff()
      await till.rpc('giftcards:wallet')
      await page.setViewportSize({ width, height: 768 })
      await page.goto(till.url)
      await expect(page.getByTestId('alert-wallet_low')).toBeVisible()
      for (const provider of ['gotit', 'hubble', 'vipps', 'juspay']) {
        const item = page.locator(`[data-provider="${provider}"]`)
        await expect(item).toBeInViewport({ ratio: 1 })
        const box = await item.boundingBox()
        expect(box?.width ?? 0, provider).toBeGreaterThan(40)
        await expect(item.locator('.dot')).toBeInViewport({ ratio: 1 })
      }
      // Nothing scrolls sideways.
      expect(await page.evaluate(() => document.documentElement.scrollWidth <= window.innerWidth)).toBe(true)
    })
  }
})

test('when the till’s core stops, the window says so in words, and after it starts again the cashier signs in and redeems', async ({ page, till }) => {
  await till.staff()
  // The page hears the shell's events over its event stream: it must be open before the core is stopped.
  const streamOpen = page.waitForResponse((response) => new URL(response.url()).pathname === '/events')
  await page.goto(till.url)
  await expect(page.getByRole('heading', { level: 1 })).toHaveText('Redeem vouchers')
  await streamOpen
  const first = till.corePid()
  expect(first).toBeGreaterThan(0)
  process.kill(first, 'SIGKILL')
  // The shell is still there: the page reads what happened, then the core is back and asks who is at the till.
  await expect(page.getByTestId('core-banner')).toBeVisible()
  await expect(page.getByRole('heading', { name: 'Sign in' })).toBeVisible()
  await expect(page.getByTestId('core-banner')).toHaveText(/The till started again\. Sign in again if it asks/)
  expect(till.corePid()).not.toBe(first)
  await page.getByRole('radio', { name: new RegExp(MANAGER.name) }).check()
  await page.getByLabel('PIN').fill(MANAGER.pin)
  await page.getByRole('button', { name: 'Sign in', exact: true }).click()
  await expect(page.getByRole('heading', { level: 1 })).toHaveText('Redeem vouchers')
  await redeemWithKeys(page, '2000000001')
  await page.getByTestId('core-banner').getByRole('button', { name: 'Dismiss' }).click()
  await expect(page.getByTestId('core-banner')).toHaveCount(0)
})
