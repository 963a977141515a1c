import { expect, test } from './fixtures'

test('a failed call is shown as a sentence, with the request id behind Details', async ({ page, till }) => {
  await till.staff()
  await page.goto(till.url)
  await page.getByRole('button', { name: /^Settings/ }).click()
  // The time zone is chosen from a list that starts with the store's own, so it cannot be mistyped.
  const zone = page.getByLabel('Store time zone')
  const before = (await till.rpc('prefs:get')).body as { value: { timeZone: string } }
  await expect(zone).toHaveValue(before.value.timeZone)
  await page.getByLabel('Lock the till after this many idle minutes').fill('600')
  await page.getByRole('button', { name: 'Save', exact: true }).click()
  const alert = page.getByRole('alert')
  await expect(alert).toContainText('The till could not accept what was entered.')
  await expect(page.getByTestId('request-id')).toBeHidden()
  await alert.getByRole('button', { name: 'Details' }).click()
  await expect(page.getByTestId('request-id')).toHaveText(/^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/)
  await expect(alert).toContainText('idleLockSeconds: The idle lock is off (0) or between 30 seconds and 8 hours')

  await page.getByLabel('Lock the till after this many idle minutes').fill('5')
  await zone.selectOption('Asia/Tokyo')
  await page.getByRole('button', { name: 'Save', exact: true }).click()
  await expect(page.getByRole('status').filter({ hasText: 'Settings saved.' })).toBeVisible()
  expect(await till.rpc('prefs:get')).toMatchObject({ body: { ok: true, value: { timeZone: 'Asia/Tokyo' } } })
})

test('the page refuses to work without the token the host gave it', async ({ page, till }) => {
  const response = await page.request.post(`${till.url}/rpc/app:info`, { data: {} })
  expect(response.status()).toBe(401)
  expect(await response.json()).toMatchObject({ ok: false, error: { code: 'unauthorized' } })
})
