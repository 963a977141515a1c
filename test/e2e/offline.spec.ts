import { expect, test, MANAGER } from './fixtures'

test.describe('offline acceptance', () => {
  test.use({ gotitSandbox: true, tillEnv: { TILL_GOTIT_TIMEOUT_MS: '500' } })

  test('a manager accepts a voucher while Got It is down; the exposure shows until Got It confirms it', async ({ page, till }) => {
    const gotit = till.gotit
    if (!gotit) throw new Error('no sandbox')
    await till.staff()
    expect((await till.rpc('settings:setStore', { offlinePolicy: { enabled: true, perVoucherCap: 200000, perShiftCap: 500000 } })).status).toBe(200)
    await gotit.control('faults', 'POST', { route: '*', kind: 'reset-before' })
    await page.goto(till.url)
    const field = page.getByLabel('Voucher code')
    await field.fill('1000000001')
    await field.press('Enter')
    await page.getByRole('button', { name: 'Check vouchers' }).click()
    const offline = page.getByRole('form', { name: 'Got It cannot be reached: accept offline?' })
    await expect(offline).toBeVisible()
    await offline.getByLabel('Value printed on 1000000001 (₫)').fill('300000')
    await offline.getByLabel('Manager', { exact: true }).selectOption({ label: MANAGER.name })
    await offline.getByLabel('Manager PIN').fill(MANAGER.pin)
    await offline.getByRole('button', { name: 'Accept offline' }).click()
    await expect(offline.getByRole('alert')).toContainText('could not accept')
    await offline.getByLabel('Value printed on 1000000001 (₫)').fill('100000')
    await offline.getByLabel('Manager PIN').fill(MANAGER.pin)
    await offline.getByRole('button', { name: 'Accept offline' }).click()
    await expect(page.getByRole('status').filter({ hasText: 'Got It has not confirmed yet' })).toBeVisible()
    await expect(page.getByTestId('offline-exposure')).toContainText(/Offline: 1 bill, .*100[,.]000/)

    await gotit.control('faults', 'DELETE')
    await expect(page.getByRole('status').filter({ hasText: /^Redeemed / })).toBeVisible({ timeout: 20_000 })
    await expect(page.getByTestId('offline-exposure')).toHaveCount(0)
    expect(await gotit.control('state')).toMatchObject({ uses: { '1000000001': 1 } })
  })
})
