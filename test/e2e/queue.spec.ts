import { expect, test } from './fixtures'

test.describe('with Got It not answering', () => {
  test.use({ gotitSandbox: true, tillEnv: { TILL_GOTIT_TIMEOUT_MS: '300' } })

  test('the Queue screen shows an unsettled redemption, and Retry now settles it once Got It answers', async ({ page, till }) => {
    const gotit = till.gotit
    if (!gotit) throw new Error('no sandbox')
    await till.staff()
    await page.goto(till.url)
    const field = page.getByLabel('Voucher code')
    await field.fill('1000000001')
    await field.press('Enter')
    await page.getByRole('button', { name: 'Check vouchers' }).click()
    await expect(page.getByRole('button', { name: /^Redeem 1 voucher:/ })).toBeEnabled()
    await gotit.control('faults', 'POST', { route: '*', kind: 'hang' })
    await page.getByRole('button', { name: /^Redeem 1 voucher:/ }).click()
    await expect(page.getByRole('status').filter({ hasText: 'Got It has not confirmed yet' })).toBeVisible()

    await page.keyboard.press('Alt+5')
    const queue = page.getByRole('table', { name: 'Queue' })
    await expect(queue.getByRole('row')).toHaveCount(2)
    await expect(queue).toContainText('Got It mark use')
    await expect(queue).toContainText(/being verified|waiting to be sent/)
    await expect(queue).toContainText('Request id')

    await gotit.control('faults', 'DELETE')
    await queue.getByRole('button', { name: 'Retry now' }).click()
    await expect(page.getByText('Everything is settled with the providers.')).toBeVisible({ timeout: 15_000 })
    expect(await gotit.control('state')).toMatchObject({ uses: { '1000000001': 1 } })
  })
})
