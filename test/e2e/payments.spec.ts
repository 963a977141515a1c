import type { Page } from '@playwright/test'
import { freePort } from '../helpers/free-port'
import { expect, test, type JuspaySandbox, type TillHost } from './fixtures'

async function lookUp(page: Page, orderId: string, kind: 'order' | 'execution' = 'order'): Promise<void> {
  const form = page.getByRole('form', { name: 'Look up a payment' })
  await form.getByLabel('Order id').fill(orderId)
  await form.getByLabel('Kind').selectOption(kind)
  await form.getByRole('button', { name: 'Look up' }).click()
}

async function refundPart(page: Page, rupees: string): Promise<void> {
  const form = page.getByRole('form', { name: 'Refund' })
  await form.getByLabel('Part of it').check()
  await form.getByLabel('Amount to refund (₹)').fill(rupees)
  await form.getByRole('button', { name: /^Refund ₹/ }).click()
  await form.getByRole('button', { name: /^Yes, refund ₹/ }).click()
}

function sandboxOf(till: TillHost): JuspaySandbox {
  if (!till.juspay) throw new Error('this test needs juspaySandbox')
  return till.juspay
}

test.beforeEach(async ({ page, till }) => {
  await till.staff()
  await page.goto(till.url)
  await page.getByRole('button', { name: /^Payments/ }).click()
  await expect(page.getByRole('heading', { level: 1 })).toHaveText('Payments · Juspay')
})

test('each status is said in words, with the method, references and refunds', async ({ page }) => {
  await lookUp(page, 'JP-CHARGED-UPI')
  await expect(page.getByTestId('payment-status')).toHaveText('Paid: the money was taken.')
  const order = page.getByTestId('payment-order')
  await expect(order).toContainText('UPI asha@okaxis')
  await expect(order).toContainText('till_training-JP-CHARGED-UPI-1')
  await expect(order).toContainText('Can still be refunded₹625.00')

  await lookUp(page, 'JP-PENDING-AUTH')
  await expect(page.getByTestId('payment-status')).toHaveText('Waiting for the customer to confirm the payment (authentication in progress).')
  await expect(page.getByTestId('refund-blocked')).toHaveText('This order cannot be refunded: it is not paid (PENDING_VBV).')

  await lookUp(page, 'JP-FAILED')
  await expect(page.getByTestId('payment-status')).toHaveText('Not paid: the bank refused the payment. The bank said: Insufficient funds, NB51.')

  await lookUp(page, 'JP-AUTO-REFUNDED')
  await expect(page.getByTestId('payment-status')).toHaveText('Refunded by Juspay on its own (the payment arrived late or twice).')

  await lookUp(page, 'JP-PARTLY-REFUNDED')
  await expect(page.getByTestId('payment-order')).toContainText('VISA card ending 4242')
  await expect(page.getByRole('table', { name: 'Refunds of this order' }).getByRole('row').nth(1)).toContainText(/RFSEED0001₹200\.00refunded.*ARN/)

  await lookUp(page, 'JP-NOBODY')
  await expect(page.getByRole('alert')).toContainText('Juspay has no order with this id. Check the id on the customer’s receipt.')
})

test('a partial and then a full refund; an over-refund cannot be sent', async ({ page }) => {
  await lookUp(page, 'JP-PARTLY-REFUNDED')
  const form = page.getByRole('form', { name: 'Refund' })
  await form.getByLabel('Part of it').check()
  await form.getByLabel('Amount to refund (₹)').fill('900.00')
  await expect(form.getByRole('status')).toHaveText('At most ₹800.00 can be refunded.')
  await expect(form.getByRole('button', { name: /^Refund ₹/ })).toBeDisabled()

  await refundPart(page, '100.00')
  await expect(page.getByTestId('refund-status')).toHaveText('Juspay took the refund of ₹100.00; the bank is processing it. This updates by itself.')
  await expect(page.getByTestId('payment-order')).toContainText('Can still be refunded₹700.00')
  await expect(page.getByRole('table', { name: 'Refunds of this order' })).toContainText(/₹100\.00on its way/)

  // Nothing is preselected, and everything left goes only after the cashier says yes to the whole sentence.
  const refund = page.getByRole('form', { name: 'Refund' })
  await expect(refund.getByLabel('Everything left: ₹700.00')).not.toBeChecked()
  await expect(refund.getByRole('button', { name: /^Refund ₹/ })).toBeDisabled()
  await refund.getByLabel('Everything left: ₹700.00').check()
  await refund.getByRole('button', { name: 'Refund ₹700.00' }).click()
  await expect(refund.getByRole('alert')).toHaveText('Refund ₹700.00 of order JP-PARTLY-REFUNDED to the customer? Juspay sends the money back; it cannot be undone at the till.')
  await refund.getByRole('button', { name: 'Do not refund' }).click()
  await expect(refund.getByRole('alert')).toHaveCount(0)
  await refund.getByRole('button', { name: 'Refund ₹700.00' }).click()
  await refund.getByRole('button', { name: 'Yes, refund ₹700.00' }).click()
  await expect(page.getByTestId('refund-status')).toHaveText('Juspay took the refund of ₹700.00; the bank is processing it. This updates by itself.')
  await expect(page.getByTestId('refund-blocked')).toHaveText('Everything paid on this order is refunded or on its way back.')
})

test.describe('a cashier above the refund limit', () => {
  test.use({ tillEnv: { TILL_JUSPAY_CASHIER_REFUND_LIMIT: '50' } })

  test('a manager approves with the PIN pad, and a mistyped PIN says whose account it counted against', async ({ page, till }) => {
    const staff = (await till.rpc('auth:staffList')).body as { value: { id: string; name: string }[] }
    const cashier = staff.value.find((s) => s.name === 'Cuong Cashier')
    await till.rpc('auth:signIn', { staffId: cashier?.id, pin: '7391' })
    await page.reload()
    await page.getByRole('button', { name: /^Payments/ }).click()
    await lookUp(page, 'JP-CHARGED-UPI')
    const form = page.getByRole('form', { name: 'Refund' })
    await form.getByLabel('Part of it').check()
    await form.getByLabel('Amount to refund (₹)').fill('100.00')
    const approval = form.getByRole('group', { name: 'A manager approves this refund' })
    const pad = approval.getByRole('group', { name: 'Number pad' })
    for (const digit of '0000') await pad.getByRole('button', { name: digit, exact: true }).click()
    await form.getByRole('button', { name: 'Refund ₹100.00' }).click()
    await form.getByRole('button', { name: 'Yes, refund ₹100.00' }).click()
    await expect(form.getByRole('alert')).toContainText('That PIN is not right for Mai Manager. 4 more wrong PINs lock Mai Manager’s account.')
    for (const digit of '4826') await pad.getByRole('button', { name: digit, exact: true }).click()
    await form.getByRole('button', { name: 'Refund ₹100.00' }).click()
    await form.getByRole('button', { name: 'Yes, refund ₹100.00' }).click()
    await expect(page.getByTestId('refund-status')).toHaveText('Juspay took the refund of ₹100.00; the bank is processing it. This updates by itself.')
  })
})

test('a change of amount before payment; a customer’s mandates listed and an active one revoked by a manager', async ({ page }) => {
  await lookUp(page, 'JP-NEW-1')
  await expect(page.getByTestId('payment-status')).toHaveText('Not paid yet: the customer has not started to pay.')
  const update = page.getByRole('form', { name: 'Change the amount before payment' })
  await update.getByLabel('New amount (₹)').fill('1249.00')
  await update.getByRole('button', { name: 'Change the amount' }).click()
  await expect(page.getByTestId('payment-order')).toContainText('Amount₹1,249.00')

  const mandates = page.getByRole('form', { name: 'Show mandates' })
  await expect(mandates.getByLabel('Customer id')).toHaveValue('cust_asha')
  await mandates.getByRole('button', { name: 'Show mandates' }).click()
  const table = page.getByRole('table', { name: 'Mandates of cust_asha' })
  await expect(table.getByRole('row')).toHaveCount(6)
  for (const [id, words] of [
    ['MD-ASHA-ACTIVE', 'active'],
    ['MD-ASHA-PAUSED', 'paused by the customer'],
    ['MD-ASHA-REVOKED', 'revoked'],
    ['MD-ASHA-EXPIRED', 'expired'],
    ['MD-ASHA-FAILED', 'failed']
  ] as const) {
    await expect(table.locator(`[data-mandate="${id}"]`).getByRole('cell').nth(1)).toHaveText(words)
  }
  const active = table.locator('[data-mandate="MD-ASHA-ACTIVE"]')
  await expect(active).toContainText('₹2,000.00 (at most)')
  await expect(active).toContainText('MONTHLY')
  await expect(table.locator('[data-mandate="MD-ASHA-REVOKED"]').getByRole('button', { name: 'Revoke' })).toHaveCount(0)
  await active.getByRole('button', { name: 'Revoke' }).click()
  await active.getByRole('button', { name: 'Yes, revoke' }).click()
  await expect(page.getByTestId('mandate-notice')).toHaveText('Mandate MD-ASHA-ACTIVE is revoked.')
  await expect(active.getByRole('cell').nth(1)).toHaveText('revoked')
})

test('a mandate debit is read by its execution order', async ({ page }) => {
  await lookUp(page, 'JP-MANDATE-DEBIT-1', 'execution')
  await expect(page.getByTestId('payment-status')).toHaveText('Paid: the money was taken.')
  await expect(page.getByTestId('payment-order')).toContainText('A debit of mandate MD-ASHA-ACTIVE (ACTIVE).')
})

test.describe('against the Juspay sandbox in another process', () => {
  test.use({ juspaySandbox: true })

  test('a refund whose answer was lost is verified from the order and made once', async ({ page, till }) => {
    const juspay = sandboxOf(till)
    await juspay.control('faults', 'POST', { route: 'refund', kind: 'reset-after', times: 1 })
    await lookUp(page, 'JP-CHARGED-UPI')
    // The screen may show "being checked" only for a moment: the refund's own answer says it was.
    const answered = page.waitForResponse((response) => /\/rpc\/payments(%3A|:)refund$/.test(response.url()))
    await refundPart(page, '50.00')
    expect(((await (await answered).json()) as { value: { status: string } }).value.status).toBe('verifying')
    await expect(page.getByTestId('refund-status')).toHaveText('Juspay took the refund of ₹50.00; the bank is processing it. This updates by itself.', { timeout: 15_000 })
    const state = (await juspay.control('state')) as { orders: { orderId: string; refunds: unknown[] }[] }
    expect(state.orders.find((o) => o.orderId === 'JP-CHARGED-UPI')?.refunds).toHaveLength(1)
    const requests = (await juspay.control('requests')) as { route: string }[]
    expect(requests.filter((r) => r.route === 'refund')).toHaveLength(1)
  })

  test('a PENDING refund turns into refunded on screen when Juspay’s webhook comes; wrong credentials are refused and recorded', async ({ page, till }) => {
    const juspay = sandboxOf(till)
    const port = await freePort()
    expect((await till.rpc('settings:setStore', { callbacks: { enabled: true, host: '127.0.0.1', port } })).status).toBe(200)
    await juspay.juspay('config', { webhookUrl: `http://127.0.0.1:${port}/juspay`, webhookMode: 'wrong-credentials' })
    await lookUp(page, 'JP-REFUND-REVIEW')
    await refundPart(page, '10.00')
    await expect(page.getByTestId('refund-status')).toContainText('Juspay took the refund of ₹10.00')
    await juspay.control('clock', 'POST', { advanceMs: 31_000 })
    await juspay.juspay('deliver')
    await page.getByRole('button', { name: /^Settings/ }).click()
    await page.getByRole('tab', { name: 'Store' }).click()
    await expect(page.getByTestId('callbacks-latest')).toContainText('Latest callback: juspay, refused: wrong Basic credentials (HTTP 401')

    await page.getByRole('button', { name: /^Payments/ }).click()
    await lookUp(page, 'JP-CHARGED-UPI')
    await refundPart(page, '25.00')
    await expect(page.getByTestId('refund-status')).toHaveText('Juspay took the refund of ₹25.00; the bank is processing it. This updates by itself.')
    await juspay.juspay('config', { webhookMode: 'normal' })
    await juspay.control('clock', 'POST', { advanceMs: 31_000 })
    await juspay.juspay('deliver')
    await expect(page.getByTestId('refund-status')).toHaveText('Refunded ₹25.00: the money is on its way back to the customer.')
    await expect(page.getByRole('table', { name: 'Refunds of this order' })).toContainText(/₹25\.00refunded/)
  })

  test('without a webhook, looking the order up again shows a PENDING refund settled, and the till’s notice follows', async ({ page, till }) => {
    const juspay = sandboxOf(till)
    await lookUp(page, 'JP-REFUND-FAILS')
    await refundPart(page, '40.00')
    await expect(page.getByTestId('refund-status')).toContainText('Juspay took the refund of ₹40.00')
    await juspay.control('clock', 'POST', { advanceMs: 31_000 })
    await page.getByRole('form', { name: 'Look up a payment' }).getByRole('button', { name: 'Look up' }).click()
    await expect(page.getByTestId('refund-status')).toHaveText('The refund of ₹40.00 failed at the bank: REFUND_FAILED: The bank declined the refund. Nothing was refunded; tell a manager.')
    await expect(page.getByTestId('payment-order')).toContainText('Can still be refunded₹500.00')
  })

  test('a change of amount is refused in words once the customer started to pay', async ({ page, till }) => {
    const juspay = sandboxOf(till)
    await lookUp(page, 'JP-NEW-1')
    await expect(page.getByTestId('payment-status')).toHaveText('Not paid yet: the customer has not started to pay.')
    await juspay.juspay('orders/JP-NEW-1', { status: 'PENDING_VBV', statusId: 23 })
    const update = page.getByRole('form', { name: 'Change the amount before payment' })
    await update.getByLabel('New amount (₹)').fill('1249.00')
    await update.getByRole('button', { name: 'Change the amount' }).click()
    await expect(update.getByRole('alert')).toContainText('Juspay will not change this order: a payment was already started on it. Make a new order instead.')
  })
})
