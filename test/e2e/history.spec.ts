import { readFileSync } from 'node:fs'
import type { Page } from '@playwright/test'
import { CASHIER, expect, MANAGER, test, type TillHost } from './fixtures'

interface Ok<T> {
  ok: true
  value: T
}

async function call<T>(till: TillHost, channel: string, input: unknown = {}): Promise<T> {
  const { body } = await till.rpc(channel, input)
  const result = body as Ok<T> | { ok: false; error: { message: string } }
  if (!result.ok) throw new Error(`${channel}: ${result.error.message}`)
  return result.value
}

/** A morning at the till: a redemption, a gift card sale, a Vipps receipt and a Juspay refund by the manager, and a cashier's redemption. */
async function busyMorning(till: TillHost): Promise<{ bill: string; cashierBill: string; sale: string; refund: string; managerId: string }> {
  const { cashierId, managerId } = await till.staff()
  await call(till, 'settings:setStore', { timeZone: 'UTC', idleLockSeconds: 0 })
  const redeem = async (code: string) => {
    const check = await call<{ billNumber: string }>(till, 'redeem:check', { codes: [code] })
    await call(till, 'redeem:redeem', { billNumber: check.billNumber })
    return check.billNumber
  }
  const bill = await redeem('1000000001')
  await call(till, 'giftcards:sync')
  const sale = await call<{ order: { referenceId: string } }>(till, 'giftcards:sell', {
    productId: '01GMAW822RPDJ5C50XK24QC2C4',
    lines: [{ denomination: 50000, quantity: 1 }],
    customer: { name: 'Asha Rao', phone: '9876543210', email: 'asha@example.com' }
  })
  await call(till, 'receipts:attach', {
    paymentType: 'ECOM',
    orderId: 'pos-history-e2e',
    receipt: {
      orderLines: [{ name: 'Mug', id: 'SKU-1', totalAmount: 12500, totalAmountExcludingTax: 10000, totalTaxAmount: 2500, taxRate: 2500 }],
      bottomLine: { currency: 'NOK', paymentSources: { card: 12500 } }
    }
  })
  const refund = await call<{ uniqueRequestId: string }>(till, 'payments:refund', { orderId: 'JP-CHARGED-UPI', amount: 20000 })
  await call(till, 'auth:signIn', { staffId: cashierId, pin: CASHIER.pin })
  const cashierBill = await redeem('2000000003')
  return { bill, cashierBill, sale: sale.order.referenceId, refund: refund.uniqueRequestId, managerId }
}

/** The till has one session: the manager takes it over, as at a real till, then opens History. */
async function signInAsManager(page: Page, till: TillHost, managerId: string): Promise<void> {
  await call(till, 'auth:signIn', { staffId: managerId, pin: MANAGER.pin })
  await page.goto(till.url)
  await page.getByRole('button', { name: /^History/ }).click()
  await expect(page.getByRole('heading', { level: 1 })).toHaveText('History')
}

const rows = (page: Page) => page.getByRole('table', { name: 'Operations' }).locator('tbody tr')

test('a manager sees every provider’s operations and narrows them by provider, status, staff, day and search', async ({ page, till }) => {
  const done = await busyMorning(till)
  await signInAsManager(page, till, done.managerId)
  await expect(rows(page)).toHaveCount(5)
  await expect(rows(page).first()).toContainText(`Redemption ${done.cashierBill}`)
  await expect(rows(page).first()).toContainText('Cuong Cashier')
  await expect(rows(page).nth(1)).toContainText(`Refund ${done.refund}`)
  await expect(rows(page).nth(1)).toContainText('₹200.00')
  await expect(rows(page).nth(2)).toContainText('NOK 125.00')
  await expect(rows(page).nth(3)).toContainText('₹500.00')
  await expect(rows(page).nth(4)).toContainText('••••0001')

  const filters = page.getByRole('form', { name: 'Filter the history' })
  const show = () => filters.getByRole('button', { name: 'Show' }).click()
  await filters.getByLabel('Provider').selectOption('gotit')
  await show()
  await expect(rows(page)).toHaveCount(2)
  await filters.getByLabel('Staff').selectOption({ label: 'Cuong Cashier' })
  await show()
  await expect(rows(page)).toHaveCount(1)
  await filters.getByLabel('Staff').selectOption('')
  await filters.getByLabel('Provider').selectOption('')
  await filters.getByLabel('Status').selectOption('open')
  await show()
  await expect(rows(page)).toHaveCount(1)
  await expect(rows(page).first()).toContainText(done.refund)
  await filters.getByLabel('Status').selectOption('')
  await filters.getByLabel('From').fill('2020-01-01')
  await filters.getByLabel('To').fill('2020-01-02')
  await show()
  await expect(rows(page)).toHaveText(['Nothing matches.'])
  await filters.getByLabel('From').fill('')
  await filters.getByLabel('To').fill('')
  await filters.getByLabel(/^Search/).fill('0003')
  await show()
  await expect(rows(page)).toHaveCount(1)
  await expect(rows(page).first()).toContainText(done.cashierBill)
  await filters.getByLabel(/^Search/).fill(done.sale)
  await show()
  await expect(rows(page)).toHaveCount(1)
  await expect(rows(page).first()).toContainText('Gift card sale')
})

test('one operation’s story, the day at a glance with its hourly chart, and the shift report', async ({ page, till }) => {
  const done = await busyMorning(till)
  await signInAsManager(page, till, done.managerId)
  await page.getByRole('button', { name: `Redemption ${done.bill}` }).click()
  const story = page.getByTestId('history-story')
  await expect(story).toContainText('gotit.markUse')
  await expect(story).toContainText('usemultiple')
  await expect(page.getByTestId('history-story-audit')).toContainText('Mai Manager · redemption_requested · ok')

  await expect(page.getByTestId('day-totals')).toContainText(/Got It\s*Redemption\s*2\s*₫/)
  await expect(page.getByTestId('day-totals')).toContainText(/Vipps MobilePay\s*Receipt\s*1\s*NOK\s125\.00/)
  await expect(page.getByTestId('day-counts')).toContainText('4 done, 1 still open, 0 failed, 0 waiting for a manager.')
  await expect(page.getByRole('img', { name: /^Operations per hour on \d{4}-\d{2}-\d{2}: 5 in all/ })).toBeVisible()
  await page.getByText('The day by hour, as a table').click()
  const hours = page.getByRole('table', { name: 'Operations per hour' })
  const counts = await hours.locator('tbody tr td:nth-child(2)').allTextContents()
  expect(counts).toHaveLength(24)
  expect(counts.reduce((sum, n) => sum + Number(n), 0)).toBe(5)
  expect(Number(counts[new Date().getUTCHours()]) + Number(counts[(new Date().getUTCHours() + 23) % 24])).toBeGreaterThan(0)

  await page.getByRole('button', { name: 'Shift report' }).click()
  await expect(page.getByTestId('shift-report')).toContainText('Juspay refunds asked for')
  // Every provider's money counts: the gift card sale too (Hubble has no shift summary of its own; History has it).
  await expect(page.getByTestId('shift-report').getByTestId('shift-totals')).toContainText(/Gift cards sold\s*1\D*₹/)
  await expect(page.getByTestId('shift-report').getByTestId('shift-totals')).toContainText('₹200.00')
})

test('export to CSV: what the filters show, with a BOM, masked codes and one line per operation', async ({ page, till }) => {
  const done = await busyMorning(till)
  await signInAsManager(page, till, done.managerId)
  const filters = page.getByRole('form', { name: 'Filter the history' })
  await filters.getByLabel('Provider').selectOption('gotit')
  await filters.getByRole('button', { name: 'Show' }).click()
  await expect(rows(page)).toHaveCount(2)
  await page.getByRole('button', { name: 'Export CSV' }).click()
  await expect(page.getByTestId('history-exported')).toContainText(/^2 rows exported to history-\d{8}-\d{6}-\w+\.csv\./)
  const downloading = page.waitForEvent('download')
  await page.getByTestId('history-exported').getByRole('link', { name: 'Download' }).click()
  const file = await (await downloading).path()
  const text = readFileSync(file, 'utf8')
  expect(text.charCodeAt(0)).toBe(0xfeff)
  const lines = text.slice(1).trimEnd().split('\r\n')
  expect(lines[0]).toBe('when (store time),when (UTC),provider,kind,reference,status,provider status,amount,currency,staff,approved by,approved by (id),offline,till,what,request ids')
  expect(lines.slice(1).map((l) => l.split(',')[4])).toEqual([done.cashierBill, done.bill])
  expect(text).toContain('••••0001')
  expect(text).not.toContain('1000000001')
})

test('a cashier sees only their own shift', async ({ page, till }) => {
  // busyMorning leaves the cashier signed in.
  const done = await busyMorning(till)
  await page.goto(till.url)
  await page.getByRole('button', { name: /^History/ }).click()
  await expect(page.getByText('You see what you did in this shift.')).toBeVisible()
  await expect(rows(page)).toHaveCount(1)
  await expect(rows(page).first()).toContainText(done.cashierBill)
  await expect(page.getByRole('button', { name: 'Export CSV' })).toHaveCount(0)
  await expect(page.getByTestId('day-totals')).toHaveCount(0)
})

test('at 1024 px History fits the screen and says the provider’s state in words, never a raw word', async ({ page, till }) => {
  await page.setViewportSize({ width: 1024, height: 768 })
  const done = await busyMorning(till)
  await signInAsManager(page, till, done.managerId)
  const table = page.getByRole('table', { name: 'Operations' })
  await expect(table.getByRole('row')).not.toHaveCount(1)
  const text = (await table.textContent()) ?? ''
  expect(text).not.toMatch(/\([A-Z_]{4,}\)/)
  expect(text).not.toMatch(/\((redeemed|succeeded|attached|open)\)/)
  await expect(table).toContainText('the bank is processing it')
  expect(
    await page.evaluate(() => document.documentElement.scrollWidth <= window.innerWidth && (document.querySelector('main')?.scrollWidth ?? 0) <= (document.querySelector('main')?.clientWidth ?? 0))
  ).toBe(true)
})
