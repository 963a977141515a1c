import type { Page } from '@playwright/test'
import { CASHIER, expect, MANAGER, redeemWithKeys, test } from './fixtures'

async function signIn(page: Page, who: { name: string; pin: string }): Promise<void> {
  await page.getByRole('radio', { name: new RegExp(who.name) }).check()
  await page.getByLabel('PIN').fill(who.pin)
  const answered = page.waitForResponse((response) => response.url().endsWith('/rpc/auth%3AsignIn') || response.url().endsWith('/rpc/auth:signIn'))
  await page.getByRole('button', { name: 'Sign in', exact: true }).click()
  await answered
}

test('a new till asks for the first manager, who then works at the till', async ({ page, till }) => {
  await page.goto(till.url)
  await expect(page.getByRole('heading', { name: 'Welcome to Till' })).toBeVisible()
  await page.getByLabel('Name').fill('Lan Pham')
  await page.getByLabel('PIN', { exact: true }).fill('5093')
  await page.getByLabel('PIN again').fill('5039')
  await page.getByRole('button', { name: 'Create manager and sign in' }).click()
  await expect(page.getByRole('alert')).toContainText('The two PINs are not the same.')
  await page.getByLabel('PIN again').fill('5093')
  await page.getByRole('button', { name: 'Create manager and sign in' }).click()
  await expect(page.getByRole('group', { name: 'Signed in as Lan Pham' })).toContainText('Lan Pham (manager)')
  await expect(page.getByRole('heading', { level: 1 })).toHaveText('Redeem vouchers')
})

test('staff sign in with their PIN, lock the till and unlock it', async ({ page, till }) => {
  await till.staff()
  await till.rpc('auth:signOut')
  await page.goto(till.url)
  await expect(page.getByRole('heading', { name: 'Sign in' })).toBeVisible()
  await signIn(page, CASHIER)
  await expect(page.getByRole('group', { name: `Signed in as ${CASHIER.name}` })).toContainText('(cashier)')
  await page.getByRole('button', { name: 'Lock' }).click()
  await expect(page.getByRole('heading', { name: 'The till is locked' })).toBeVisible()
  expect((await till.rpc('auth:activity')).status).toBe(423)
  await page.getByLabel('PIN').fill(CASHIER.pin)
  await page.getByRole('button', { name: 'Unlock' }).click()
  await expect(page.getByRole('heading', { level: 1 })).toHaveText('Redeem vouchers')
})

test.describe('with a 3 s wait after the third wrong PIN', () => {
  test.use({ tillEnv: { TILL_PIN_RETRY_DELAY_MS: '3000' } })

  test('wrong PINs slow down and then lock the account until a manager unlocks it', async ({ page, till }) => {
    test.setTimeout(60_000)
    await till.staff()
    await till.rpc('auth:signOut')
    await page.goto(till.url)
    const wrong = { name: CASHIER.name, pin: '0000' }
    await signIn(page, wrong)
    await expect(page.getByRole('alert')).toHaveText(/That PIN is not right for Cuong Cashier. 4 more wrong PINs lock Cuong Cashier’s account./)
    await signIn(page, wrong)
    await signIn(page, wrong)
    await expect(page.getByRole('alert')).toContainText('2 more wrong PINs')
    // Even the right PIN has to wait now, and waiting does not use up a try.
    await signIn(page, CASHIER)
    await expect(page.getByRole('alert')).toContainText(/Too many wrong PINs. Try again in ([23] seconds|1 second)\./)
    // A try during the wait does not count, so trying until the till takes one again waits exactly as long as it must.
    const tryUntilTaken = async (expected: string | RegExp) => {
      await expect(async () => {
        await signIn(page, wrong)
        await expect(page.getByRole('alert')).toContainText(expected, { timeout: 200 })
      }).toPass({ timeout: 20_000, intervals: [250] })
    }
    await tryUntilTaken('One more wrong PIN locks Cuong Cashier’s account.')
    await tryUntilTaken('This account is locked after too many wrong PINs. A manager must unlock it.')
    await signIn(page, CASHIER)
    await expect(page.getByRole('alert')).toContainText('This account is locked')

    await signIn(page, MANAGER)
    await page.getByRole('button', { name: /^Settings/ }).click()
    await page.getByRole('tab', { name: 'Staff' }).click()
    await expect(page.getByTestId(`status-${CASHIER.name}`)).toHaveText('locked (wrong PINs)')
    await page.getByRole('button', { name: `Unlock ${CASHIER.name}` }).click()
    await expect(page.getByTestId(`status-${CASHIER.name}`)).toHaveText('active')
    await page.getByRole('button', { name: 'Sign out' }).click()
    await signIn(page, CASHIER)
    await expect(page.getByRole('group', { name: `Signed in as ${CASHIER.name}` })).toBeVisible()
  })
})

test('a cashier is refused the manager screen and the manager channels', async ({ page, till }) => {
  const { cashierId } = await till.staff()
  expect((await till.rpc('auth:signIn', { staffId: cashierId, pin: CASHIER.pin })).status).toBe(200)
  await page.goto(till.url)
  await expect(page.getByRole('heading', { level: 1 })).toHaveText('Redeem vouchers')
  await page.keyboard.press('Alt+7')
  await expect(page.getByRole('alert')).toHaveText('Only a manager can open Settings. Ask a manager to sign in.')
  await expect(page.getByRole('tab')).toHaveCount(0)
  for (const channel of ['staff:list', 'settings:get', 'audit:list']) {
    const answer = await till.rpc(channel)
    expect(answer.status, channel).toBe(403)
    expect(answer.body).toMatchObject({ ok: false, error: { code: 'forbidden' } })
  }
})

test('a settings change shows in the audit log, which verifies as intact', async ({ page, till }) => {
  await till.staff()
  await page.goto(till.url)
  await page.getByRole('button', { name: /^Settings/ }).click()
  await page.getByLabel('Lock the till after this many idle minutes').fill('10')
  await page.getByRole('button', { name: 'Save', exact: true }).click()
  await expect(page.getByRole('status').filter({ hasText: 'Settings saved.' })).toBeVisible()

  await page.getByRole('tab', { name: 'Providers' }).click()
  const gotit = page.getByRole('form', { name: 'Got It' })
  await expect(gotit.getByText('set by the environment')).toHaveCount(0)
  await gotit.getByLabel(/^Base URL/).fill('http://127.0.0.1:6001')
  await gotit.getByRole('button', { name: 'Save Got It' }).click()
  await expect(gotit.getByRole('status')).toHaveText('Settings saved.')

  await page.getByRole('tab', { name: 'Audit log' }).click()
  const log = page.getByRole('table', { name: 'Audit log' })
  await expect(log.getByRole('row').nth(1)).toContainText('provider settings changed')
  await expect(log.getByRole('row').nth(1)).toContainText('base URL: http://127.0.0.1:6001')
  await expect(log.getByRole('row').nth(2)).toContainText('store settings changed')
  await expect(log.getByRole('row').nth(2)).toContainText('lock after (seconds): 300 -> 600')
  // Only what changed: the time zone the form sent again unchanged is not listed.
  await expect(log.getByRole('row').nth(2)).not.toContainText('time zone')
  await expect(log.getByRole('row').nth(2)).toContainText(MANAGER.name)
  await page.getByRole('button', { name: 'Verify the log' }).click()
  await expect(page.getByRole('status').filter({ hasText: 'The log is intact' })).toHaveText(/all \d+ entries check out/)
})

test('the web host refuses to store a secret and says where secrets go', async ({ page, till }) => {
  await till.staff()
  await page.goto(till.url)
  await page.getByRole('button', { name: /^Settings/ }).click()
  await page.getByRole('tab', { name: 'Providers' }).click()
  await expect(page.getByText('This till takes secrets only from its environment variables')).toBeVisible()
  const gotit = page.getByRole('form', { name: 'Got It' })
  await expect(gotit.getByLabel('Store PIN')).toBeDisabled()
  // An operator's script gets the reason in words.
  const answer = await till.rpc('settings:setProvider', { provider: 'gotit', secrets: { storePin: '1212' } })
  expect(answer).toMatchObject({ status: 400, body: { ok: false, error: { code: 'invalid_input', message: expect.stringContaining('keeps secrets only in its environment') } } })
})

test('sign-in is ready for the first tap, and the PIN pad signs in without a keyboard', async ({ page, till }) => {
  await till.staff()
  await till.rpc('auth:signOut')
  await page.goto(till.url)
  await expect(page.getByRole('radio').first()).toBeFocused()
  await page.getByRole('radio', { name: new RegExp(CASHIER.name) }).check()
  const pad = page.getByRole('group', { name: 'Number pad' })
  for (const digit of '73') await pad.getByRole('button', { name: digit, exact: true }).click()
  await pad.getByRole('button', { name: '5', exact: true }).click()
  await pad.getByRole('button', { name: 'Delete the last digit' }).click()
  for (const digit of '91') await pad.getByRole('button', { name: digit, exact: true }).click()
  await expect(page.getByLabel('PIN', { exact: true })).toHaveValue(CASHIER.pin)
  await page.getByRole('button', { name: 'Sign in', exact: true }).click()
  await expect(page.getByRole('group', { name: `Signed in as ${CASHIER.name}` })).toBeVisible()
})

test('a manager adds a person only with the same PIN typed twice', async ({ page, till }) => {
  await till.staff()
  await page.goto(till.url)
  await page.getByRole('button', { name: /^Settings/ }).click()
  await page.getByRole('tab', { name: 'Staff' }).click()
  await page.getByRole('form', { name: 'Add a person' }).getByLabel('Name').fill('Hoa Nguyen')
  const form = page.getByRole('form', { name: 'Add a person' })
  await form.getByLabel('PIN', { exact: true }).fill('6042')
  await form.getByLabel('PIN again').fill('6024')
  await form.getByRole('button', { name: 'Add', exact: true }).click()
  await expect(form.getByRole('alert')).toContainText('The two PINs are not the same.')
  await form.getByLabel('PIN again').fill('6042')
  await form.getByRole('button', { name: 'Add', exact: true }).click()
  await expect(page.getByRole('cell', { name: 'Hoa Nguyen' })).toBeVisible()
})

test('Close shift shows what the shift did and asks before it signs out', async ({ page, till }) => {
  await till.staff()
  await till.rpc('giftcards:sync')
  await till.rpc('giftcards:sell', {
    productId: '01GMAW822RPDJ5C50XK24QC2C4',
    lines: [{ denomination: 50000, quantity: 1 }],
    customer: { name: 'Asha Rao', phone: '9876543210', email: 'asha@example.com' }
  })
  await page.goto(till.url)
  await redeemWithKeys(page, '1000000001')
  await page.getByRole('button', { name: 'Close shift' }).click()
  const dialog = page.getByRole('alertdialog', { name: 'Close the shift?' })
  await expect(dialog.getByTestId('shift-totals')).toContainText(/Got It bills redeemed\s*1 bill, ₫100,000/)
  await expect(dialog.getByTestId('shift-totals')).toContainText(/Gift cards sold\s*1\D*₹500\.00/)
  await dialog.getByRole('button', { name: 'Cancel' }).click()
  await expect(dialog).toBeHidden()
  await expect(page.getByRole('group', { name: /Signed in as/ })).toBeVisible()
  await page.getByRole('button', { name: 'Close shift' }).click()
  await page.getByRole('button', { name: 'Close shift and sign out' }).click()
  await expect(page.getByRole('heading', { name: 'Sign in' })).toBeVisible()
})

test('a scan on the sign-in and lock screens is not a wrong PIN: five scans lock nobody out, and the cashier is told to sign in first', async ({ page, till }) => {
  await till.staff()
  await till.rpc('auth:signOut')
  await page.goto(till.url)
  await page.getByRole('radio', { name: new RegExp(CASHIER.name) }).check()
  await page.getByLabel('PIN', { exact: true }).focus()
  // A PIN begun before a scan starts again: a key held back at the head of a scan looks typed.
  await page.keyboard.type('12', { delay: 150 })
  await page.waitForTimeout(300)
  for (let i = 0; i < 5; i++) {
    await page.keyboard.type('2000000001', { delay: 0 })
    await page.keyboard.press('Enter')
  }
  await expect(page.getByRole('alert')).toHaveText('That was a scan, not a PIN: sign in first, then scan. It did not count as a wrong PIN.')
  await expect(page.getByLabel('PIN', { exact: true })).toHaveValue('')
  await signIn(page, CASHIER)
  await expect(page.getByRole('group', { name: `Signed in as ${CASHIER.name}` })).toBeVisible()

  // Locked: a scan is not an unlock attempt either.
  await page.getByRole('button', { name: 'Lock' }).click()
  await expect(page.getByRole('heading', { name: 'The till is locked' })).toBeVisible()
  for (let i = 0; i < 5; i++) {
    await page.keyboard.type('2000000001', { delay: 0 })
    await page.keyboard.press('Enter')
  }
  await expect(page.getByRole('alert')).toHaveText('Unlock the till first, then scan. The scan did not count as a wrong PIN.')
  await expect(page.getByLabel('PIN', { exact: true })).toHaveValue('')
  await page.getByLabel('PIN', { exact: true }).fill(CASHIER.pin)
  await page.getByRole('button', { name: 'Unlock' }).click()
  await expect(page.getByRole('group', { name: `Signed in as ${CASHIER.name}` })).toBeVisible()
})
