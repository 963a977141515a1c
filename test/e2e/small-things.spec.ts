import { expect, sellPracticeGiftCard, test } from './fixtures'

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
  const sale = await sellPracticeGiftCard(till)
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

test('a brand of fixed amounts offers them as tiles to tap', async ({ page, till }) => {
  await till.staff()
  await till.rpc('giftcards:sync')
  await page.goto(till.url)
  await page.getByRole('button', { name: /^Gift cards/ }).click()
  await page.getByRole('list', { name: 'Brands' }).getByRole('button', { name: 'Amazon Pay' }).click()
  const tiles = page.getByRole('form', { name: 'Amazon Pay' }).getByRole('radiogroup', { name: 'Amount (₹)' })
  await expect(tiles.getByRole('radio')).toHaveCount(4)
  await tiles.getByRole('radio', { name: '₹1,000.00' }).click()
  await expect(tiles.getByRole('radio', { name: '₹1,000.00' })).toHaveAttribute('aria-checked', 'true')
  await expect(page.getByTestId('gift-total')).toHaveText('₹1,000.00')
})

test('a redemption opens from History and its receipt can be printed again', async ({ page, till }) => {
  await till.staff()
  const check = (await till.rpc('redeem:check', { codes: ['1000000001'] })).body as { value: { billNumber: string } }
  await till.rpc('redeem:redeem', { billNumber: check.value.billNumber })
  await page.goto(till.url)
  await page.getByRole('button', { name: /^History/ }).click()
  await page.getByRole('button', { name: `Redemption ${check.value.billNumber}` }).click()
  await page.getByRole('button', { name: 'Show the receipt to print again' }).click()
  const receipt = page.getByTestId('receipt')
  await expect(receipt).toContainText(check.value.billNumber)
  await expect(receipt).toContainText('•••0001')
  await expect(receipt).toContainText('Cashier Mai Manager')
  await expect(page.getByRole('button', { name: 'Print receipt' })).toBeVisible()
})

test.describe('on a computer set to Vietnam’s time', () => {
  test.use({ tillEnv: { TZ: 'Asia/Ho_Chi_Minh' } })
  test('a new till starts with the computer’s time zone, not UTC', async ({ till }) => {
    await till.staff()
    // Node names the zone by its older alias on this ICU (Asia/Saigon); either is the computer's.
    expect((await till.rpc('prefs:get')).body).toMatchObject({ ok: true, value: { timeZone: expect.stringMatching(/^Asia\/(Ho_Chi_Minh|Saigon)$/) } })
  })
})
