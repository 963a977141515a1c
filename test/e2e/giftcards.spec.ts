import type { Page } from '@playwright/test'
import { expect, test } from './fixtures'

async function openGiftCards(page: Page): Promise<void> {
  await page.getByRole('button', { name: /^Gift cards/ }).click()
  await expect(page.getByRole('heading', { level: 1 })).toHaveText('Gift cards')
}

async function fillSale(page: Page, brand: string, amount: string, quantity = '1'): Promise<void> {
  await page.getByLabel('Find a brand').fill(brand)
  await page.getByRole('list', { name: 'Brands' }).getByRole('button', { name: brand }).click()
  const form = page.getByRole('form', { name: brand })
  // A brand of fixed amounts offers them as tiles to tap; a flexible one takes a typed amount.
  const tiles = form.getByRole('radiogroup', { name: 'Amount (₹)' })
  if ((await tiles.count()) > 0) await tiles.getByRole('radio', { name: `₹${Number(amount).toLocaleString('en-IN', { minimumFractionDigits: 2 })}` }).click()
  else await form.getByLabel('Amount (₹)').fill(amount)
  await form.getByLabel('Cards').fill(quantity)
  await form.getByLabel('Name').fill('Asha Rao')
  await form.getByLabel('Phone').fill('9876543210')
  await form.getByLabel('Email').fill('asha@example.com')
}

test('a cashier sells a gift card and hands over the card number and PIN, shown whole once', async ({ page, till }) => {
  await till.staff()
  await page.goto(till.url)
  await openGiftCards(page)
  await fillSale(page, 'Zomato', '500', '2')
  await expect(page.getByTestId('gift-total')).toHaveText('₹1,000.00')
  await page.getByRole('button', { name: /^Sell 2 cards: ₹1,000\.00/ }).click()
  await expect(page.getByRole('status').filter({ hasText: /^Sold/ })).toBeVisible()
  const cards = page.getByTestId('gift-cards').getByRole('row')
  await expect(cards).toHaveCount(3)
  await expect(cards.nth(1)).toContainText(/\d{13}\s*\d{6}/)
  const reference = await page.getByRole('table', { name: 'Gift card orders of this till' }).getByRole('row').nth(1).getByRole('cell').nth(1).textContent()
  await page.getByRole('button', { name: 'New sale' }).click()
  await expect(page.getByLabel('Find a brand')).toBeVisible()
  // Looked up again at Hubble: the card only by its last four, never its PIN.
  await page.getByLabel('Order or reference id').fill(reference ?? '')
  await page.getByRole('button', { name: 'Find', exact: true }).click()
  await expect(page.getByTestId('gift-lookup')).toContainText('Hubble issued the cards')
  await expect(page.getByTestId('gift-lookup')).not.toContainText('SUCCESS')
  await expect(page.getByTestId('gift-lookup')).toContainText(/••••\d{4}/)
  await page.getByRole('button', { name: /^Show the cards again/ }).click()
  await expect(page.getByTestId('gift-cards-again').getByRole('row')).toHaveCount(2)
})

test('a failed order, an amount rule and an order Hubble is still processing are each said in words', async ({ page, till }) => {
  await till.staff()
  await page.goto(till.url)
  await openGiftCards(page)
  await fillSale(page, 'Zomato', '100')
  await page.getByRole('button', { name: /^Sell 1 card/ }).click()
  await expect(page.getByRole('alert')).toContainText('A Zomato card is from 250.00 to 10000.00 ₹. Change the amount.')

  await fillSale(page, 'Nykaa', '200')
  await page.getByRole('button', { name: /^Sell 1 card/ }).click()
  await expect(page.getByRole('alert')).toContainText('Hubble did not issue the cards, so nothing was charged to the store: Brand provider could not issue the voucher')
  await page.getByRole('button', { name: 'New sale' }).click()

  await fillSale(page, 'BigBasket', '200')
  await page.getByRole('button', { name: /^Sell 1 card/ }).click()
  await expect(page.getByRole('status').filter({ hasText: 'Hubble is still issuing' })).toContainText(/Hubble is still issuing the cards\. They appear here by themselves; the order is G[0-9A-Z]+\./)
})

test('a manager sees the balance of the store’s gift card account, syncs the catalogue, and sees each provider’s failed calls', async ({ page, till }) => {
  await till.staff()
  await page.goto(till.url)
  await openGiftCards(page)
  await page.getByRole('button', { name: 'Check the balance' }).click()
  await expect(page.getByTestId('gift-wallet')).toHaveText('Gift card account: ₹100,000.00')
  await page.getByRole('button', { name: 'Sync catalogue now' }).click()
  await expect(page.getByTestId('gift-sync')).toHaveText('9 brands in the catalogue (8 sold).')
  await page.getByRole('button', { name: /^Settings/ }).click()
  await page.getByRole('tab', { name: 'Providers' }).click()
  await expect(page.getByRole('table', { name: 'Calls that failed' }).locator('[data-provider="hubble"]')).toContainText(/0 of \d+ \(0%\)/)
})

test('brands are found by category as well as by name', async ({ page, till }) => {
  await till.staff()
  await page.goto(till.url)
  await openGiftCards(page)
  await page.getByRole('group', { name: 'Categories' }).getByRole('button', { name: 'food' }).click()
  await expect(page.getByRole('list', { name: 'Brands' }).getByRole('button')).toHaveText(['Zomato'])
  await page.getByRole('group', { name: 'Categories' }).getByRole('button', { name: 'all' }).click()
  await expect(page.getByRole('list', { name: 'Brands' }).getByRole('button')).toHaveCount(8)
})

test('the till’s own orders are filtered by status and day', async ({ page, till }) => {
  await till.staff()
  await page.goto(till.url)
  await openGiftCards(page)
  await fillSale(page, 'Nykaa', '200')
  await page.getByRole('button', { name: /^Sell 1 card/ }).click()
  await page.getByRole('button', { name: 'New sale' }).click()
  const table = page.getByRole('table', { name: 'Gift card orders of this till' })
  await expect(table.getByRole('row')).toHaveCount(2)
  await page.getByLabel('Status', { exact: true }).selectOption('succeeded')
  await expect(table.getByRole('row')).toHaveCount(1)
  await page.getByLabel('Status', { exact: true }).selectOption('failed')
  await expect(table.getByRole('row')).toHaveCount(2)
  await page.getByLabel('Day').fill('2020-01-01')
  await expect(table.getByRole('row')).toHaveCount(1)
})
