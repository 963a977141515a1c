import { expect, sellPracticeGiftCard, test } from './fixtures'

test('Payments in training: practice orders to pick, one above the cashier’s refund limit, and an outage to practise', async ({ page, till }) => {
  const { cashierId } = await till.staff()
  await till.rpc('auth:signIn', { staffId: cashierId, pin: '7391' })
  await page.goto(till.url)
  await page.getByRole('button', { name: /^Payments/ }).click()
  const practice = page.getByRole('list', { name: 'Practice cases at Juspay' })
  await expect(practice).toContainText('JP-CHARGED-UPI')
  await practice.getByRole('button', { name: /JP-LARGE-CARD/ }).click()
  await expect(page.getByTestId('payment-order')).toContainText('₹5,000.00')
  const form = page.getByRole('form', { name: 'Refund' })
  await form.getByLabel('Part of it').check()
  await form.getByLabel('Amount to refund (₹)').fill('3000.00')
  await expect(form.getByRole('group', { name: 'A manager approves this refund' })).toBeVisible()

  await page.getByLabel('Pretend Juspay is down (training only)').check()
  await practice.getByRole('button', { name: /JP-CHARGED-UPI/ }).click()
  await expect(page.getByRole('alert')).toContainText('Juspay could not be reached')
  await page.getByLabel('Pretend Juspay is down (training only)').uncheck()
  await practice.getByRole('button', { name: /JP-CHARGED-UPI/ }).click()
  await expect(page.getByTestId('payment-status')).toHaveText('Paid: the money was taken.')
})

test('Receipts and gift cards in training: practice payments and orders to pick, looked up at once', async ({ page, till }) => {
  await till.staff()
  const sale = await sellPracticeGiftCard(till)
  await page.goto(till.url)
  await page.getByRole('button', { name: /^Receipts/ }).click()
  await page
    .getByRole('list', { name: 'Practice cases at Vipps MobilePay' })
    .getByRole('button', { name: /training-with-receipt-1/ })
    .click()
  await expect(page.getByTestId('vipps-receipt')).toContainText('Coffee beans')
  await page.getByRole('button', { name: /^Gift cards/ }).click()
  await page
    .getByRole('list', { name: 'Practice cases at Hubble' })
    .getByRole('button', { name: new RegExp(sale.value.order.referenceId) })
    .click()
  await expect(page.getByTestId('gift-lookup')).toContainText('Hubble issued the cards')
})

test.describe('with Got It in sandbox mode', () => {
  test.use({ gotitSandbox: true })
  test('the outage switch is refused for a provider that is not in training', async ({ till }) => {
    await till.staff()
    const answer = await till.rpc('training:outage', { provider: 'gotit', on: true })
    expect(answer).toMatchObject({ status: 409, body: { ok: false, error: { params: { reason: 'not_training' } } } })
    expect((await till.rpc('training:practice', { provider: 'gotit' })).body).toMatchObject({ ok: true, value: [] })
  })
})
