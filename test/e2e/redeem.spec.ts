import type { Page } from '@playwright/test'
import { expect, test, type GotItSandbox, type TillHost } from './fixtures'

const V = {
  new: '1000000001',
  new200: '1000000002',
  new50: '1000000003',
  used: '1000000040',
  expired: '1000000080',
  cancelled: '1000000090',
  inactive: '1000000000',
  split: '1000000100',
  reservedOther: '1000000110',
  otherBrand: '1000000120',
  conditional: '10000000C1'
}

async function scan(page: Page, ...codes: string[]): Promise<void> {
  const field = page.getByLabel(/^(Voucher code|Mã voucher)$/)
  for (const code of codes) {
    await field.fill(code)
    await field.press('Enter')
  }
}

/** Signed in, one new voucher scanned and checked, ready to redeem; returns the sandbox. */
async function checkedOneVoucher(page: Page, till: TillHost): Promise<GotItSandbox> {
  const gotit = till.gotit
  if (!gotit) throw new Error('this test needs gotitSandbox')
  await till.staff()
  await page.goto(till.url)
  await scan(page, V.new)
  await page.getByRole('button', { name: 'Check vouchers' }).click()
  await expect(page.getByRole('button', { name: /^Redeem 1 voucher:/ })).toBeEnabled()
  return gotit
}

async function checkAndRedeem(page: Page): Promise<void> {
  await page.getByRole('button', { name: 'Check vouchers' }).click()
  await page.getByRole('button', { name: /^Redeem \d+ vouchers?:/ }).click()
}

test.describe('in training mode', () => {
  test('redeems one voucher and prints a receipt', async ({ page, till }) => {
    await till.staff()
    await till.rpc('settings:setStore', { storeName: 'Phở 24 Lê Lợi' })
    await page.goto(till.url)
    await scan(page, V.new)
    await page.getByRole('button', { name: 'Check vouchers' }).click()
    const voucher = page.locator(`[data-code="${V.new}"]`)
    await expect(voucher).toContainText('new')
    await expect(voucher).toContainText(/100[,.]000/)
    await expect(voucher).toContainText('Valid until')
    await page.getByRole('button', { name: /^Redeem 1 voucher:/ }).click()
    await expect(page.getByRole('status').filter({ hasText: /^Redeemed / })).toContainText(/Redeemed .*100[,.]000.* on bill T[0-9A-F]{6}[A-Z2-9]{4}-000001\./)
    await expect(page.getByRole('status').getByText(/Got It transaction: 2978_\d{20}/)).toBeVisible()
    await expect(page.getByRole('button', { name: 'Print receipt' })).toBeVisible()
    await expect(page.getByTestId('receipt')).toContainText('•••0001')
    // The receipt says where and by whom: the store, this till, the cashier.
    await expect(page.getByTestId('receipt-store')).toHaveText('Phở 24 Lê Lợi')
    await expect(page.getByTestId('receipt')).toContainText(/Till till-[0-9a-f-]+ · Cashier Mai Manager/)
    await page.getByRole('button', { name: 'New bill' }).click()
    await expect(page.getByText('No codes on this bill yet.')).toBeVisible()
  })

  test('redeems three vouchers on one bill', async ({ page, till }) => {
    await till.staff()
    await page.goto(till.url)
    await scan(page, V.new, V.new200, V.new50)
    await page.getByRole('button', { name: 'Check vouchers' }).click()
    await expect(page.getByRole('button', { name: /^Redeem 3 vouchers: .*350[,.]000/ })).toBeEnabled()
    await page.getByRole('button', { name: /^Redeem 3 vouchers/ }).click()
    await expect(page.getByRole('status').filter({ hasText: /^Redeemed / })).toContainText(/350[,.]000/)
  })

  test('says in plain words why each voucher cannot be used, with Got It’s message behind it', async ({ page, till }) => {
    await till.staff()
    await page.goto(till.url)
    await scan(page, V.used, V.expired, V.cancelled, V.inactive, V.split, V.reservedOther, '9999999999', V.otherBrand)
    await page.getByRole('button', { name: 'Check vouchers' }).click()
    const sentence = (code: string) => page.locator(`[data-code="${code}"] summary`)
    await expect(sentence(V.used)).toHaveText(/This voucher was already used on .* at Store District 3 \(bill POS07-000991\)\./)
    await expect(sentence(V.expired)).toHaveText('This voucher expired on 30 Jun 2025.')
    await expect(sentence(V.cancelled)).toHaveText('Got It cancelled this voucher.')
    await expect(sentence(V.inactive)).toHaveText('This voucher is not activated yet.')
    await expect(sentence(V.split)).toHaveText(/^This voucher was split into smaller vouchers, so this code no longer works\./)
    await expect(sentence(V.reservedOther)).toHaveText(/^This voucher is set aside for another purchase/)
    await expect(sentence('9999999999')).toHaveText('Got It does not know this code. Check it and scan again.')
    await expect(sentence(V.otherBrand)).toHaveText('This voucher cannot be used at this store.')
    await expect(page.getByRole('button', { name: 'Redeem F4', exact: true })).toBeDisabled()
    await expect(page.getByText('Remove or replace the vouchers marked in red, then check again.')).toBeVisible()
    await sentence(V.used).click()
    await expect(page.locator(`[data-code="${V.used}"]`)).toContainText('Voucher has been used (SIM_VOUCHER_USED)')
    await expect(page.locator(`[data-code="${V.used}"] [data-testid="request-id"]`)).toHaveText(/^[0-9a-f-]{36}$/)
  })

  test('shows the same problems in Vietnamese', async ({ page, till }) => {
    await till.staff()
    await till.rpc('prefs:setLanguage', { language: 'vi' })
    await page.goto(till.url)
    await scan(page, V.cancelled)
    await page.getByRole('button', { name: 'Kiểm tra voucher' }).click()
    await expect(page.locator(`[data-code="${V.cancelled}"] summary`)).toHaveText('Got It đã hủy voucher này.')
  })

  test('explains a conditional voucher, and redeems it once the bill has the SKU', async ({ page, till }) => {
    await till.staff()
    await page.goto(till.url)
    await scan(page, V.conditional)
    // Checked without the bill's items: it says what it needs before anything is redeemed, and opens the bill details.
    await page.keyboard.press('F2')
    await expect(page.locator(`[data-code="${V.conditional}"] summary`)).toHaveText(/^This voucher only pays for some items/)
    await expect(page.getByRole('button', { name: 'Redeem F4', exact: true })).toBeDisabled()
    await expect(page.getByLabel('Bill total (₫, optional)')).toBeVisible()
    await page.getByLabel('Bill total (₫, optional)').fill('200000')
    await page.getByRole('button', { name: 'Add line' }).click()
    await page.getByLabel('SKU 1').fill('SKU777')
    await page.getByLabel('Unit price (₫) 1').fill('200000')
    await page.getByRole('button', { name: 'Check vouchers' }).click()
    await expect(page.locator(`[data-code="${V.conditional}"] summary`)).toHaveText(/^This bill does not meet the voucher’s conditions/)
    await expect(page.locator(`[data-code="${V.conditional}"]`)).toContainText('Needs one of SKU001, SKU003 on the bill')
    await page.getByLabel('SKU 1').fill('SKU001')
    await page.getByLabel('Unit price (₫) 1').fill('60000')
    await checkAndRedeem(page)
    await expect(page.getByRole('status').filter({ hasText: /^Redeemed / })).toContainText(/60[,.]000/)
  })
})

test.describe('against the Got It sandbox in another process', () => {
  test.use({ gotitSandbox: true })

  test('commit-then-drop on mark use shows "verifying", then redeemed, used exactly once', async ({ page, till }) => {
    const gotit = await checkedOneVoucher(page, till)
    await gotit.control('faults', 'POST', { route: 'usemultiple', kind: 'reset-after', times: 1 })
    await page.getByRole('button', { name: /^Redeem 1 voucher:/ }).click()
    await expect(page.getByRole('status').filter({ hasText: 'Got It has not confirmed yet' })).toBeVisible()
    await expect(page.getByRole('status').filter({ hasText: /^Redeemed / })).toBeVisible({ timeout: 15_000 })
    await expect(page.getByText('Got It confirmed the redemption when asked; it gave no transaction id.')).toBeVisible()
    expect(await gotit.control('state')).toMatchObject({ uses: { [V.new]: 1 } })
  })

  test('a reset before processing ends as redeemed once, on the same bill number', async ({ page, till }) => {
    const gotit = await checkedOneVoucher(page, till)
    await gotit.control('faults', 'POST', { route: 'usemultiple', kind: 'reset-before', times: 1 })
    await page.getByRole('button', { name: /^Redeem 1 voucher:/ }).click()
    await expect(page.getByRole('status').filter({ hasText: /^Redeemed / })).toBeVisible({ timeout: 15_000 })
    const requests = (await gotit.control('requests')) as { route: string; body: { bill_number?: string } }[]
    const uses = requests.filter((r) => r.route === 'usemultiple')
    expect(uses).toHaveLength(2)
    expect(uses[0]?.body.bill_number).toBe(uses[1]?.body.bill_number)
    expect(await gotit.control('state')).toMatchObject({ uses: { [V.new]: 1 } })
  })

  test('a voucher used at another store after the check is refused with where it was used', async ({ page, till }) => {
    const gotit = await checkedOneVoucher(page, till)
    await fetch(`${gotit.url}/merchant/v6.0/usemultiple`, {
      method: 'POST',
      body: JSON.stringify({ pin: '3434', codes: [V.new], bill_number: 'D3-42', skip_reserved_when_mark_used: true })
    })
    await page.getByRole('button', { name: /^Redeem 1 voucher:/ }).click()
    await expect(page.getByRole('alert').filter({ hasText: 'Nothing was redeemed' })).toContainText('This voucher was already used.')
    await page.getByRole('button', { name: 'New bill' }).click()
    await scan(page, V.new)
    await page.getByRole('button', { name: 'Check vouchers' }).click()
    await expect(page.locator(`[data-code="${V.new}"] summary`)).toHaveText(/already used on .* at Store District 3 \(bill D3-42\)/)
  })

  test('says so when Got It cannot be reached, and nothing is redeemed', async ({ page, till }) => {
    const gotit = till.gotit
    if (!gotit) throw new Error('no sandbox')
    await till.staff()
    await page.goto(till.url)
    await scan(page, V.new)
    await gotit.control('faults', 'POST', { route: '*', kind: 'reset-before' })
    await page.getByRole('button', { name: 'Check vouchers' }).click()
    await expect(page.getByRole('alert')).toContainText('Got It could not be reached, so nothing was changed there.')
    await expect(page.getByRole('list', { name: 'Providers' }).locator('[data-provider="gotit"]')).toContainText('offline')
  })
})

test.describe('with a store PIN Got It does not know', () => {
  test.use({ gotitSandbox: true, tillEnv: { TILL_GOTIT_PIN: '9999' } })

  test('tells the cashier to have a manager check the settings', async ({ page, till }) => {
    await till.staff()
    await page.goto(till.url)
    await scan(page, V.new)
    await page.getByRole('button', { name: 'Check vouchers' }).click()
    await expect(page.getByRole('alert')).toContainText('Got It does not accept this store’s PIN. Ask a manager to check the Got It settings.')
  })
})

test.describe('RESERVE_FLOW against the Got It sandbox', () => {
  test.use({ gotitSandbox: true })

  test('reserves on check, releases when the bill is given up, and redeems a reserved voucher', async ({ page, till }) => {
    const gotit = till.gotit
    if (!gotit) throw new Error('no sandbox')
    await till.staff()
    await page.goto(till.url)
    await page.getByRole('button', { name: /^Settings/ }).click()
    await page.getByLabel('Got It redemption flow').selectOption('reserve')
    await page.getByRole('button', { name: 'Save', exact: true }).click()
    await expect(page.getByRole('status').filter({ hasText: 'Settings saved.' })).toBeVisible()
    await page
      .getByRole('button', { name: /^Redeem/ })
      .first()
      .click()

    const stateOf = async (code: string) => {
      const state = (await gotit.control('state')) as { vouchers: { code: string; state: number }[] }
      return state.vouchers.find((v) => v.code === code)?.state ?? 1
    }
    await scan(page, V.new)
    await page.getByRole('button', { name: 'Check vouchers' }).click()
    await expect(page.getByRole('button', { name: /^Redeem 1 voucher:/ })).toBeEnabled()
    expect(await stateOf(V.new)).toBe(11)
    await page.getByRole('button', { name: 'Clear bill' }).click()
    await expect.poll(() => stateOf(V.new)).toBe(1)

    await scan(page, V.new)
    await checkAndRedeem(page)
    await expect(page.getByRole('status').filter({ hasText: /^Redeemed / })).toBeVisible()
    expect(await stateOf(V.new)).toBe(4)
  })
})

test('an operator’s script signs in, checks codes and redeems them through the web host contract', async ({ till }) => {
  const { cashierId } = await till.staff()
  expect((await till.rpc('auth:signIn', { staffId: cashierId, pin: '7391' })).status).toBe(200)
  const check = await till.rpc('redeem:check', { codes: [V.new, V.new50] })
  expect(check).toMatchObject({ status: 200, body: { ok: true, value: { allRedeemable: true, totalToApply: { amount: 150000, currency: 'VND' } } } })
  const billNumber = (check.body as { value: { billNumber: string } }).value.billNumber
  const redeemed = await till.rpc('redeem:redeem', { billNumber })
  expect(redeemed).toMatchObject({ status: 200, body: { ok: true, value: { status: 'redeemed', billNumber, total: { amount: 150000 } } } })
  expect(await till.rpc('redeem:redeem', { billNumber })).toMatchObject({ status: 409, body: { ok: false, error: { code: 'conflict' } } })
})
