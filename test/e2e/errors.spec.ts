import { readFileSync } from 'node:fs'
import { join } from 'node:path'
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
  // What was wrong, said in the sentence: nothing on the screen is highlighted to point at.
  await expect(alert).toContainText('The till could not accept what was entered: The idle lock is off (0) or between 30 seconds and 8 hours. Change it and try again.')
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

test('a browser that has not signed in is told where the sign-in address is, and the one-time address signs it in', async ({ browser, till }) => {
  const context = await browser.newContext()
  const page = await context.newPage()
  try {
    expect((await page.request.post(`${till.url}/rpc/app:info`, { data: {} })).status()).toBe(401)
    await page.goto(till.url)
    const signInFile = join(till.dataDir, 'web-sign-in')
    await expect(page.getByRole('alert')).toContainText(`Open the one-time sign-in address that the web host printed when it started. A fresh one is always in the file ${signInFile}.`)
    const address = readFileSync(signInFile, 'utf8').trim()
    await page.goto(address)
    await expect(page.getByRole('heading', { name: 'Welcome to Till' })).toBeVisible()
    // The code left the address bar, and the page holds no secret.
    expect(page.url()).toBe(`${till.url}/`)
    expect(await page.content()).not.toContain(till.token)
    // The same address does not sign in a second browser.
    const other = await browser.newContext()
    const second = await other.newPage()
    await second.goto(address)
    await expect(second.getByRole('alert')).toContainText('This sign-in address was used already.')
    await other.close()
  } finally {
    await context.close()
  }
})
