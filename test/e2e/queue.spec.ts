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
    // In words, with the amount; the technical note and the request id behind a toggle.
    await expect(queue).toContainText(/No answer came; the till is asking the provider what happened|The provider cannot be reached now/)
    await expect(queue).toContainText('₫100,000')
    await expect(queue).not.toContainText('no_answer')
    await queue.getByText('What the till recorded').click()
    await expect(queue).toContainText('Request id')
    await expect(page.getByTestId('queue-count')).toHaveText('1 waits')

    await gotit.control('faults', 'DELETE')
    await queue.getByRole('button', { name: 'Retry now' }).click()
    await expect(page.getByText('Everything is settled with the providers.')).toBeVisible({ timeout: 15_000 })
    expect(await gotit.control('state')).toMatchObject({ uses: { '1000000001': 1 } })
    // Wherever the cashier is, the till says the bill settled, and the Queue's menu entry has no count.
    await page.keyboard.press('Alt+1')
    await expect(page.getByRole('status').filter({ hasText: /^Got It mark use T.*is settled: it went through\./ })).toBeVisible()
    await expect(page.getByTestId('queue-count')).toHaveCount(0)
  })

  test('a cashier is not offered Retry on an item that needs a manager, and is told a manager settles it', async ({ page, till }) => {
    const gotit = till.gotit
    if (!gotit) throw new Error('no sandbox')
    const { managerId, cashierId } = await till.staff()
    await till.rpc('settings:setStore', { offlinePolicy: { enabled: true, perVoucherCap: 200000, perShiftCap: 300000 } })
    await gotit.control('faults', 'POST', { route: '*', kind: 'hang' })
    expect((await till.rpc('redeem:check', { codes: ['1000000040'] })).status).not.toBe(200)
    // Accepted offline; once Got It answers it refuses the voucher (used elsewhere): a manager's task.
    expect((await till.rpc('redeem:acceptOffline', { vouchers: [{ code: '1000000040', value: 100000 }], managerId, managerPin: '4826' })).status).toBe(200)
    await gotit.control('faults', 'DELETE')
    const state = async () => ((await till.rpc('journal:list')).body as { value: { state: string }[] }).value[0]?.state
    await expect.poll(state, { timeout: 30_000 }).toBe('needs_review')
    await till.rpc('auth:signIn', { staffId: cashierId, pin: '7391' })
    await page.goto(till.url)
    await expect(page.getByRole('heading', { name: 'Redeem vouchers' })).toBeVisible()
    await page.keyboard.press('Alt+5')
    const queue = page.getByRole('table', { name: 'Queue' })
    await expect(queue).toContainText('A manager must check this with the provider and settle it.')
    await expect(queue).toContainText('A manager settles this one.')
    await expect(queue.getByRole('button', { name: 'Retry now' })).toHaveCount(0)
  })
})
