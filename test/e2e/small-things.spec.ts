import { expect, test } from './fixtures'

test('the only manager is not offered Disable, and a PIN too easy to guess is refused with the reason', async ({ page, till }) => {
  await till.staff()
  await page.goto(till.url)
  await page.getByRole('button', { name: /^Settings/ }).click()
  await page.getByRole('tab', { name: 'Staff' }).click()
  await expect(page.getByRole('button', { name: 'Disable Mai Manager' })).toHaveCount(0)
  await expect(page.getByRole('button', { name: 'Disable Cuong Cashier' })).toBeVisible()
  const form = page.getByRole('form', { name: 'Add a person' })
  await form.getByLabel('Name').fill('Hoa Nguyen')
  await form.getByLabel('PIN', { exact: true }).fill('1234')
  await form.getByLabel('PIN again').fill('1234')
  await form.getByRole('button', { name: 'Add' }).click()
  await expect(page.getByRole('alert')).toContainText('A PIN of consecutive digits is too easy to guess')
  await expect(page.getByRole('alert')).not.toContainText('highlighted')
})

test('a gift card order of the day opens from the list, with Hubble’s state in words', async ({ page, till }) => {
  await till.staff()
  await till.rpc('giftcards:sync')
  const sale = (await till.rpc('giftcards:sell', { productId: '01GMAW822RPDJ5C50XK24QC2C4', lines: [{ denomination: 50000, quantity: 1 }], customer: { name: 'Asha Rao', phone: '9876543210', email: 'asha@example.com' } })).body as { value: { order: { referenceId: string } } }
  await page.goto(till.url)
  await page.getByRole('button', { name: /^Gift cards/ }).click()
  await page.getByRole('button', { name: `Open order ${sale.value.order.referenceId}` }).click()
  await expect(page.getByTestId('gift-lookup')).toContainText('Hubble issued the cards')
})

test('an e-mail address the till cannot take is said in the till’s words, not the browser’s English bubble', async ({ page, till }) => {
  await till.staff()
  await till.rpc('giftcards:sync')
  await page.goto(till.url)
  await page.getByRole('button', { name: /^Gift cards/ }).click()
  await page.getByRole('list', { name: 'Brands' }).getByRole('button', { name: 'Zomato' }).click()
  const form = page.getByRole('form', { name: 'Zomato' })
  await form.getByLabel('Amount (₹)').first().fill('500')
  await form.getByLabel('Name').fill('Asha Rao')
  await form.getByLabel('Phone').fill('9876543210')
  await form.getByLabel('Email').fill('asha@')
  await page.getByRole('button', { name: /^Sell/ }).click()
  await expect(page.getByRole('alert')).toContainText('The till could not accept what was entered:')
  expect(await form.evaluate((f) => (f as HTMLFormElement).noValidate)).toBe(true)
})
