import { expect, test } from './fixtures'

test('a failed call is shown as a sentence, with the request id behind Details', async ({ page, till }) => {
  await till.staff()
  await page.goto(till.url)
  await page.getByRole('button', { name: /^Settings/ }).click()
  const zone = page.getByLabel('Store time zone')
  await zone.fill('Mars/Olympus_Mons')
  await page.getByRole('button', { name: 'Save' }).click()
  const alert = page.getByRole('alert')
  await expect(alert).toContainText('The till could not accept what was entered.')
  await expect(page.getByTestId('request-id')).toBeHidden()
  await alert.getByRole('button', { name: 'Details' }).click()
  await expect(page.getByTestId('request-id')).toHaveText(/^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/)
  await expect(alert).toContainText('timeZone: Unknown time zone')
  expect(await till.rpc('prefs:get')).not.toMatchObject({ body: { value: { timeZone: 'Mars/Olympus_Mons' } } })

  await zone.fill('Asia/Ho_Chi_Minh')
  await page.getByRole('button', { name: 'Save' }).click()
  await expect(page.getByRole('status').filter({ hasText: 'Settings saved.' })).toBeVisible()
  expect(await till.rpc('prefs:get')).toMatchObject({ body: { ok: true, value: { timeZone: 'Asia/Ho_Chi_Minh' } } })
})

test('the page refuses to work without the token the host gave it', async ({ page, till }) => {
  const response = await page.request.post(`${till.url}/rpc/app:info`, { data: {} })
  expect(response.status()).toBe(401)
  expect(await response.json()).toMatchObject({ ok: false, error: { code: 'unauthorized' } })
})
