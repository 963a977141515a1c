import { expect, test } from './fixtures'

test('a barcode scanner typing codes and pressing Enter fills the bill', async ({ page, till }) => {
  await till.staff()
  await page.goto(till.url)
  const field = page.getByLabel('Voucher code')
  await expect(field).toBeFocused()
  // A scanner types fast, character by character, and ends with Enter.
  await page.keyboard.type('070898022379', { delay: 5 })
  await page.keyboard.press('Enter')
  await page.keyboard.type('7132616187', { delay: 5 })
  await page.keyboard.press('Enter')
  const codes = page.getByRole('list', { name: /Codes on this bill/ }).getByRole('listitem')
  await expect(codes).toHaveText([/070898022379/, /7132616187/])
  await expect(page.getByRole('heading', { name: 'Codes on this bill: 2 of 20' })).toBeVisible()
  await expect(field).toHaveValue('')
  await expect(field).toBeFocused()
})

test('a bad or repeated scan is explained and left in the field to fix', async ({ page, till }) => {
  await till.staff()
  await page.goto(till.url)
  const field = page.getByLabel('Voucher code')
  await field.pressSequentially('12345')
  await field.press('Enter')
  await expect(page.getByRole('alert')).toHaveText('A Got It code has 10 to 16 letters or digits. Check the code and scan it again.')
  await expect(field).toHaveValue('12345')
  await field.fill('1000000001')
  await field.press('Enter')
  await field.pressSequentially('1000000001')
  await field.press('Enter')
  await expect(page.getByRole('alert')).toHaveText('Code 1000000001 is already on this bill.')
})
