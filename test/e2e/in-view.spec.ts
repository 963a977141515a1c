import type { Page } from '@playwright/test'
import { CASHIER, expect, test } from './fixtures'

/** Whether an element is inside the viewport and not under a sticky bar at the foot of the screen. */
async function clearOfBars(page: Page, selector: string): Promise<void> {
  const element = page.locator(selector).first()
  await expect(element).toBeInViewport({ ratio: 1 })
  const box = await element.boundingBox()
  const bars = await page.locator('.redeem-bar').evaluateAll((list) => list.map((bar) => bar.getBoundingClientRect().top))
  for (const top of bars) expect(box ? box.y + box.height : 0).toBeLessThanOrEqual(top + 1)
}

test.use({ viewport: { width: 1024, height: 768 } })

test('at 1024 × 768 the Sign in button is on screen, and a wrong PIN is said beside it, in view', async ({ page, till }) => {
  await till.staff()
  await till.rpc('auth:signOut')
  await page.goto(till.url)
  await expect(page.getByRole('button', { name: 'Sign in', exact: true })).toBeInViewport({ ratio: 1 })
  await page.getByRole('radio', { name: new RegExp(CASHIER.name) }).check()
  await page.getByLabel('PIN', { exact: true }).fill('0000')
  await page.getByRole('button', { name: 'Sign in', exact: true }).click()
  await expect(page.getByRole('alert')).toContainText('That PIN is not right for Cuong Cashier.')
  await expect(page.getByRole('alert')).toBeInViewport({ ratio: 1 })
})

test('a gift card refusal shows in view, above the bar with the Sell button, not under it', async ({ page, till }) => {
  await till.staff()
  await till.rpc('giftcards:sync')
  await page.goto(till.url)
  await page.getByRole('button', { name: /^Gift cards/ }).click()
  await page.getByRole('list', { name: 'Brands' }).getByRole('button', { name: 'Zomato' }).click()
  await page.getByLabel('Amount (₹)', { exact: false }).first().fill('20000')
  await page.getByLabel('Name').fill('Asha Rao')
  await page.getByLabel('Phone').fill('9876543210')
  await page.getByLabel('Email').fill('asha@example.com')
  await page.getByRole('button', { name: /^Sell/ }).click()
  await expect(page.getByRole('alert')).toContainText('A Zomato card is from')
  await clearOfBars(page, '[role="alert"]')
})

test('a receipt’s answer and a refund’s answer land in view, under the button that asked', async ({ page, till }) => {
  await till.staff()
  await page.goto(till.url)
  await page.getByRole('button', { name: /^Receipts/ }).click()
  await page.getByRole('form', { name: 'Look up a payment' }).getByLabel('Order id').fill('pos-in-view-1')
  const attach = page.getByRole('form', { name: 'Attach the till’s receipt' })
  await attach.getByLabel('Total including VAT').fill('125.00')
  await attach.getByRole('button', { name: 'Attach receipt' }).click()
  await expect(page.getByTestId('vipps-attach-status')).toHaveText('The receipt is attached: the customer sees it in the app.')
  await expect(page.getByTestId('vipps-attach-status')).toBeInViewport({ ratio: 1 })

  await page.getByRole('button', { name: /^Payments/ }).click()
  const lookup = page.getByRole('form', { name: 'Look up a payment' })
  await lookup.getByLabel('Order id').fill('JP-CHARGED-UPI')
  await lookup.getByRole('button', { name: 'Look up' }).click()
  const refund = page.getByRole('form', { name: 'Refund' })
  await refund.getByLabel('Part of it').check()
  await refund.getByLabel('Amount to refund (₹)').fill('10.00')
  await refund.getByRole('button', { name: 'Refund ₹10.00' }).click()
  await refund.getByRole('button', { name: 'Yes, refund ₹10.00' }).click()
  await expect(page.getByTestId('refund-status')).toContainText('Juspay took the refund of ₹10.00')
  await expect(page.getByTestId('refund-status')).toBeInViewport({ ratio: 1 })
})
