import type { Page } from '@playwright/test'
import { expect, test } from './fixtures'

async function lookUp(page: Page, orderId: string, kind: 'ECOM' | 'RECURRING' = 'ECOM'): Promise<void> {
  const form = page.getByRole('form', { name: 'Look up a payment' })
  await form.getByLabel('Order id').fill(orderId)
  await form.getByLabel('Payment').selectOption(kind)
  await form.getByRole('button', { name: 'Look up' }).click()
}

test.beforeEach(async ({ page, till }) => {
  await till.staff()
  await page.goto(till.url)
  await page.getByRole('button', { name: /^Receipts/ }).click()
  await expect(page.getByRole('heading', { level: 1 })).toHaveText('Receipts · Vipps MobilePay')
})

test('looks a payment up with its receipt, one with no receipt yet, and an unknown one, in words', async ({ page }) => {
  await lookUp(page, 'training-with-receipt-1')
  await expect(page.getByTestId('vipps-receipt')).toContainText('Coffee beans')
  await expect(page.getByTestId('vipps-order')).toContainText('Total: NOK 325.00')
  await expect(page.getByTestId('vipps-category')).toContainText('Receipt · Link: https://shop.example.com/receipts/000101')
  await lookUp(page, 'training-recurring-1', 'RECURRING')
  await expect(page.getByTestId('vipps-order')).toContainText('No receipt yet')
  await lookUp(page, 'nobody-paid-this')
  await expect(page.getByRole('alert')).toContainText('Vipps MobilePay has nothing for this payment yet')
})

test('attaches the till’s receipt and sees it in the lookup; replaces a category', async ({ page }) => {
  await page.getByRole('form', { name: 'Look up a payment' }).getByLabel('Order id').fill('pos-e2e-1')
  const attach = page.getByRole('form', { name: 'Attach the till’s receipt' })
  await attach.getByLabel('Total including VAT').fill('125.00')
  await attach.getByLabel('Receipt number').fill('E2E-1')
  await attach.getByRole('button', { name: 'Attach receipt' }).click()
  await expect(page.getByTestId('vipps-attach-status')).toHaveText('The receipt is attached: the customer sees it in the app.')
  await expect(page.getByTestId('vipps-receipt')).toContainText('Sale')
  await expect(page.getByTestId('vipps-order')).toContainText('Total: NOK 125.00 (of which VAT NOK 25.00)')

  const category = page.getByRole('form', { name: 'Set the category' })
  await category.getByLabel('Kind').selectOption('GENERAL')
  await category.getByLabel('Link').fill('https://shop.example.com/orders/e2e-1')
  await category.getByRole('button', { name: 'Set the category' }).click()
  await expect(page.getByTestId('vipps-category')).toContainText('General')
  await category.getByLabel('Kind').selectOption('DELIVERY')
  await category.getByRole('button', { name: 'Set the category' }).click()
  await expect(page.getByTestId('vipps-category')).toContainText('Delivery · Link: https://shop.example.com/orders/e2e-1')
})
