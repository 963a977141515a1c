import { createHash } from 'node:crypto'
import { mkdtempSync, readFileSync, rmSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import AxeBuilder from '@axe-core/playwright'
import pg from 'pg'
import { expect, test, type Page } from '@playwright/test'
import { auditHashMaterial, GENESIS_HASH } from '../../shared/audit-chain'
import { startPostgres, type PostgresCluster } from '../helpers/postgres'
import { addUser, enrolmentCode, startBackoffice, startWebTill, type Started, type WebTill } from './backoffice-processes'

const PIN = '4826'
const PASSWORD = 'correct horse battery'
/** A till counts as stopped after 6 s without a word here; the real tills say they are alive every second. */
const STOPPED_AFTER_MINUTES = '0.1'

interface Seeded {
  service: Started & { url: string }
  databaseUrl: string
  tills: WebTill[]
  dirs: string[]
  /** What till A did: its redemptions' bill numbers and codes, its gift order. */
  bills: { billNumber: string; code: string }[]
  hubbleOrderId: string
}

/** A till in a store: set up, enrolled with a code, started again with its key, and signed in. */
async function enrolledTill(databaseUrl: string, serviceUrl: string, store: string, dirs: string[]): Promise<WebTill> {
  const dir = mkdtempSync(join(tmpdir(), `till-screens-${store}-`))
  dirs.push(dir)
  const first = await startWebTill(dir)
  const setup = await first.rpc<{ staff: { id: string } }>('auth:setup', { name: 'Mai Manager', pin: PIN })
  const status = (await first.rpc<{ enrolment: { tillId: string; fromSeq: number; auditHead: string } }>('backoffice:status')).value
  if (!status || !setup.value) throw new Error('the till did not start as expected')
  const code = await enrolmentCode(databaseUrl, store, store === 'S1' ? 'Quận 1' : 'Hà Nội')
  const enrolled = (await (
    await fetch(`${serviceUrl}/api/v1/enrol`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify({ code, ...status.enrolment, name: `Till ${store}` }) })
  ).json()) as { tillKey: string }
  first.child.kill('SIGTERM')
  await first.exited
  const till = await startWebTill(dir, { TILL_BACKOFFICE_URL: serviceUrl, TILL_BACKOFFICE_KEY: enrolled.tillKey, TILL_BACKOFFICE_INTERVAL_MS: '50', TILL_BACKOFFICE_HEARTBEAT_MS: '1000' })
  expect((await till.rpc('auth:signIn', { staffId: setup.value.staff.id, pin: PIN })).ok).toBe(true)
  return till
}

/** A third till in store S1 that writes its own outbox by hand: a clock ten minutes ahead, one audit entry altered after it was chained, then silence. */
async function brokenTill(databaseUrl: string, serviceUrl: string): Promise<void> {
  const code = await enrolmentCode(databaseUrl, 'S1', 'Quận 1')
  const enrolled = (await (
    await fetch(`${serviceUrl}/api/v1/enrol`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ code, tillId: 'till-c', fromSeq: 1, auditHead: GENESIS_HASH, name: 'Till C' })
    })
  ).json()) as { tillKey: string }
  const ahead = new Date(Date.now() + 10 * 60_000).toISOString()
  let head = GENESIS_HASH
  const entry = (id: number, action: string) => {
    const fields = { at: ahead, tillId: 'till-c', actorId: null, actorName: 'Ba Manager', action, subject: null, outcome: 'ok', detail: '{}' }
    const hash = createHash('sha256').update(auditHashMaterial(head, fields)).digest('hex')
    const data = { id, ...fields, prevHash: head, hash }
    head = hash
    return { seq: id, kind: 'audit', data }
  }
  const events = [entry(1, 'sign_in'), entry(2, 'settings_changed')]
  const second = events[1]
  if (second) second.data.detail = '{"changed":"after it was chained"}'
  const sent = await fetch(`${serviceUrl}/api/v1/ingest`, {
    method: 'POST',
    headers: { 'content-type': 'application/json', authorization: `Bearer ${enrolled.tillKey}` },
    body: JSON.stringify({ fromSeq: 1, toSeq: 2, sentAt: ahead, backlog: { count: 0, oldestAt: null }, events })
  })
  expect(sent.status).toBe(200)
}

async function signIn(page: Page, url: string, login: string): Promise<void> {
  await page.goto(url)
  await page.getByLabel('Sign-in name').fill(login)
  await page.getByLabel('Password').fill(PASSWORD)
  await page.getByRole('button', { name: 'Sign in' }).click()
  await expect(page.getByRole('heading', { level: 1, name: 'Day at a glance' })).toBeVisible()
}

const screen = (page: Page, name: string) => page.getByRole('navigation').getByRole('button', { name })

test.describe.configure({ mode: 'serial' })
test.use({ viewport: { width: 1024, height: 768 } })

test.describe('the back office’s screens, on a real PostgreSQL with two tills reporting', () => {
  let cluster: PostgresCluster
  let seeded: Seeded

  test.beforeAll(async () => {
    test.setTimeout(240_000)
    cluster = await startPostgres()
    const databaseUrl = await cluster.database()
    const service = await startBackoffice(databaseUrl, 0, { BACKOFFICE_STOPPED_AFTER_MINUTES: STOPPED_AFTER_MINUTES })
    const dirs: string[] = []
    const a = await enrolledTill(databaseUrl, service.url, 'S1', dirs)
    const b = await enrolledTill(databaseUrl, service.url, 'S2', dirs)
    addUser(databaseUrl, { login: 'hq', name: 'Hà Head', role: 'head_office', password: PASSWORD })
    addUser(databaseUrl, { login: 'lan', name: 'Lan Manager', role: 'store_manager', stores: ['S1'], password: PASSWORD })

    const bills: { billNumber: string; code: string }[] = []
    for (const code of ['2000000101', '2000000102', '2000000103']) {
      const check = await a.rpc<{ billNumber: string }>('redeem:check', { codes: [code] })
      if (!check.value) throw new Error(`check failed: ${JSON.stringify(check)}`)
      expect((await a.rpc('redeem:redeem', { billNumber: check.value.billNumber })).ok).toBe(true)
      bills.push({ billNumber: check.value.billNumber, code })
    }
    await a.rpc('giftcards:sync')
    const sale = await a.rpc<{ order: { orderId: string } }>('giftcards:sell', {
      productId: '01GMAW822RPDJ5C50XK24QC2C4',
      lines: [{ denomination: 50000, quantity: 1 }],
      customer: { name: 'Asha Rao', phone: '9876543210', email: 'asha@example.com' }
    })
    const receipt = {
      orderLines: [{ name: 'Coffee mug', id: 'SKU-2002', totalAmount: 10000, totalAmountExcludingTax: 8000, totalTaxAmount: 2000, taxRate: 2500 }],
      bottomLine: { currency: 'NOK', posId: 'till', receiptNumber: '1' }
    }
    expect((await a.rpc('receipts:attach', { paymentType: 'ECOM', orderId: 'pos-screens-1', receipt })).ok).toBe(true)
    const other = await b.rpc<{ billNumber: string }>('redeem:check', { codes: ['2000000201'] })
    if (other.value) await b.rpc('redeem:redeem', { billNumber: other.value.billNumber })
    await b.rpc('payments:refund', { orderId: 'JP-CHARGED-UPI', amount: 100, reason: 'one item returned' })
    await brokenTill(databaseUrl, service.url)
    for (const till of [a, b]) await expect.poll(async () => (await till.rpc<{ waiting: number }>('backoffice:status')).value?.waiting, { timeout: 60_000 }).toBe(0)
    seeded = { service, databaseUrl, tills: [a, b], dirs, bills, hubbleOrderId: sale.value?.order.orderId ?? '' }
  })

  test.afterAll(async () => {
    for (const till of seeded?.tills ?? []) till.child.kill('SIGKILL')
    seeded?.service.child.kill('SIGKILL')
    for (const dir of seeded?.dirs ?? []) rmSync(dir, { recursive: true, force: true })
    await cluster?.stop()
  })

  test('a store manager sees only their store, on every screen and in every call', async ({ page }) => {
    await signIn(page, seeded.service.url, 'lan')
    await expect(page.getByLabel('Store')).toHaveValue('S1')
    // `TILL_DOCS_SCREENSHOTS=1 npx playwright test test/e2e/backoffice-screens.spec.ts` refreshes the README's picture.
    if (process.env['TILL_DOCS_SCREENSHOTS']) {
      await expect(page.getByTestId('day-totals')).toContainText('Got It')
      await page.screenshot({ path: 'docs/backoffice-day.png' })
    }
    await expect(page.getByLabel('Store').getByRole('option')).toHaveText(['Quận 1 (S1)'])
    await expect(screen(page, 'Reconciliation')).toHaveCount(0)
    await screen(page, 'Operations').click()
    const rows = page.getByTestId('operations').locator('tbody tr')
    await expect(rows).toHaveCount(5)
    await expect(page.getByTestId('operations')).not.toContainText('2000000201')
    await screen(page, 'Tills').click()
    await expect(page.getByTestId('tills').locator('tbody tr')).toHaveCount(2)
    await expect(page.getByTestId('tills')).not.toContainText('Till S2')
    // The service itself refuses what the screens never ask for.
    const refused = await page.request.get(`${seeded.service.url}/api/bo/operations?store=S2`)
    expect(refused.status()).toBe(403)
    expect(await refused.json()).toMatchObject({ error: 'forbidden', requestId: expect.any(String) })
    expect((await page.request.get(`${seeded.service.url}/api/bo/recon/imports`)).status()).toBe(403)
  })

  test('head office narrows Operations with every filter and finds by last 4, order id and request id; an operation tells its story', async ({ page }) => {
    await signIn(page, seeded.service.url, 'hq')
    await screen(page, 'Operations').click()
    const table = page.getByTestId('operations')
    // Operations only: an empty list says so in a row of its own.
    const rows = table.locator('tbody tr').filter({ has: page.getByRole('button') })
    await expect(rows).toHaveCount(7)
    /** Sets every filter of the form at once, shows, and counts the rows. */
    const show = async (filters: { provider?: string; status?: string; till?: string; staff?: string; from?: string; to?: string; search?: string }, count: number) => {
      await page.getByLabel('Provider', { exact: true }).selectOption(filters.provider ?? '')
      await page.getByLabel('Status', { exact: true }).selectOption(filters.status ?? '')
      await page.getByLabel('Till', { exact: true }).fill(filters.till ?? '')
      await page.getByLabel('Cashier', { exact: true }).fill(filters.staff ?? '')
      await page.getByLabel('From', { exact: true }).fill(filters.from ?? '')
      await page.getByLabel('To', { exact: true }).fill(filters.to ?? '')
      await page.getByLabel('Search', { exact: true }).fill(filters.search ?? '')
      await page.getByRole('button', { name: 'Show', exact: true }).click()
      await expect(rows).toHaveCount(count)
    }
    await show({ provider: 'hubble' }, 1)
    await show({ status: 'done', till: 'till-c' }, 0)
    await show({ staff: 'mai manager' }, 7)
    await show({ from: '2020-01-01', to: '2020-01-31' }, 0)
    await show({ search: '0102' }, 1)
    await expect(rows.first()).toContainText(seeded.bills[1]?.billNumber ?? '?')
    await show({ search: seeded.hubbleOrderId }, 1)
    await expect(rows.first()).toContainText('Hubble gift cards')
    const client = new pg.Client({ connectionString: seeded.databaseUrl })
    await client.connect()
    const requestId =
      (await client.query<{ id: string }>("SELECT request_ids[1] AS id FROM journal_outcome WHERE provider = 'gotit' AND cardinality(request_ids) > 0 AND subject = $1", [seeded.bills[0]?.billNumber]))
        .rows[0]?.id ?? ''
    await client.end()
    expect(requestId).not.toBe('')
    await show({ search: requestId }, 1)
    await expect(rows.first()).toContainText(seeded.bills[0]?.billNumber ?? '?')

    await page.getByRole('button', { name: `Story of ${seeded.bills[0]?.billNumber}` }).click()
    const story = page.getByRole('region', { name: `Voucher redemption ${seeded.bills[0]?.billNumber}` })
    await expect(story.getByRole('heading', { level: 2 })).toBeFocused()
    await expect(story.getByRole('table', { name: 'What the till sent, version by version' }).locator('tbody tr').last()).toContainText('Done')
    await expect(story.getByRole('table', { name: 'How the till’s calls ended' })).toContainText(requestId)
    await expect(story.getByRole('table', { name: 'The till’s audit log about it' })).toContainText('redemption_requested')
  })

  test('Tills flags the till that stopped reporting, its clock ten minutes ahead and its broken audit chain; the reporting tills look fine', async ({ page }) => {
    await signIn(page, seeded.service.url, 'hq')
    await screen(page, 'Tills').click()
    const broken = page.locator('tr[data-till="till-c"]')
    await expect(broken).toContainText('Stopped reporting', { timeout: 15_000 })
    await expect(broken).toContainText('Clock 10 min ahead')
    await expect(broken).toContainText('Audit chain broken')
    await expect(broken).toContainText('Broken at entry 2 (settings_changed)')
    await expect(broken).toContainText('The entry was changed after it was chained.')
    for (const till of seeded.tills) {
      const tillId = (await till.rpc<{ enrolment: { tillId: string } }>('backoffice:status')).value?.enrolment.tillId ?? '?'
      await expect(page.locator(`tr[data-till="${tillId}"]`)).toContainText('Reporting')
    }
  })

  test('head office reconciles Got It’s statement: matched, amount differs, at the provider only, at a till only, and exports the differences', async ({ page }) => {
    const statement = (await seeded.tills[0]?.rpc<{ csv: string }>('training:statement', { provider: 'gotit' }))?.value?.csv ?? ''
    const [header, first, second, third] = statement.trim().split('\r\n')
    expect(third).toBeDefined()
    // Line 1 as Got It has it; line 2 with another amount; line 3 missing; and a line no till made.
    const changed = (second ?? '').replace(/,\d+$/, ',99000')
    const edited = [header, first, changed, 'S9_FAKE000001,2026-12-06 10:00:00,NOBILL,9,70000', ''].join('\r\n')
    await signIn(page, seeded.service.url, 'hq')
    await screen(page, 'Reconciliation').click()
    const day = (offset: number) => new Date(Date.now() + offset * 86_400_000).toISOString().slice(0, 10)
    await page.getByLabel('From', { exact: true }).fill(day(-1))
    await page.getByLabel('To', { exact: true }).fill(day(1))
    await page.getByLabel('Statement (CSV)').setInputFiles({ name: 'gotit-statement.csv', mimeType: 'text/csv', buffer: Buffer.from(edited) })
    await page.getByRole('button', { name: 'Import and match' }).click()
    const totals = page.getByTestId('recon-totals')
    await expect(totals.locator('[data-outcome="matched"] td')).toHaveText(['1 · ₫20,000'])
    await expect(totals.locator('[data-outcome="amount_differs"] td')).toContainText('1 · ₫99,000')
    await expect(totals.locator('[data-outcome="provider_only"] td')).toHaveText(['1 · ₫70,000'])
    // The bill left off the statement, and till B's redemption in the other store.
    await expect(totals.locator('[data-outcome="till_only"] td')).toContainText('2 ·')
    const items = page.getByTestId('recon-items').locator('tbody tr')
    await expect(items).toHaveCount(5)
    await expect(items.first()).toContainText('Amount differs')
    if (process.env['TILL_DOCS_SCREENSHOTS']) await page.screenshot({ path: 'docs/backoffice-reconciliation.png', fullPage: true })
    await page.getByLabel('Show', { exact: true }).selectOption('provider_only')
    await expect(items).toHaveCount(1)
    await expect(items.first()).toContainText('S9_FAKE000001')
    const download = page.waitForEvent('download')
    await page.getByRole('link', { name: 'Export the differences (CSV)' }).click()
    const file = await (await download).path()
    const lines = readFileSync(file, 'utf8')
      .replace(/^\uFEFF/, '')
      .trim()
      .split('\r\n')
    expect(lines[0]).toBe('outcome,provider id,statement line,statement amount,till amount,difference,currency,store,till,kind,reference,created (UTC)')
    expect(
      lines
        .slice(1)
        .map((l) => l.split(',')[0])
        .sort()
    ).toEqual(['amount_differs', 'provider_only', 'till_only', 'till_only'])
  })

  for (const language of ['en', 'vi'] as const) {
    test(`every screen has no serious or critical accessibility finding and fits 1024 px without scrolling sideways (${language})`, async ({ page }) => {
      test.setTimeout(120_000)
      await signIn(page, seeded.service.url, 'hq')
      if (language === 'vi') await page.getByRole('button', { name: 'Tiếng Việt' }).click()
      const findings: string[] = []
      const wide: string[] = []
      const names = await page.getByRole('navigation').getByRole('button').allTextContents()
      expect(names).toHaveLength(6)
      for (const name of names) {
        await screen(page, name).click()
        await expect(page.getByRole('heading', { level: 1, name })).toBeVisible()
        await page.waitForLoadState('networkidle')
        const result = await new AxeBuilder({ page }).analyze()
        findings.push(
          ...result.violations
            .filter((v) => v.impact === 'serious' || v.impact === 'critical')
            .map(
              (v) =>
                `${name}: ${v.id} ${v.nodes
                  .slice(0, 2)
                  .map((n) => n.target.join(' '))
                  .join(' | ')}`
            )
        )
        const width = await page.evaluate(() => document.documentElement.scrollWidth)
        // Named by what sticks out, for the failure message.
        if (width > 1024)
          wide.push(
            `${name}: ${width}px`,
            ...(await page.evaluate(() =>
              Array.from(document.querySelectorAll('*'))
                .filter((e) => e.getBoundingClientRect().right > 1024)
                .slice(0, 3)
                .map((e) => `${e.tagName}.${e.className}`)
            ))
          )
      }
      await page.getByRole('button', { name: language === 'vi' ? 'Đăng xuất' : 'Sign out' }).click()
      await expect(page.getByRole('heading', { level: 1 })).toBeVisible()
      findings.push(...(await new AxeBuilder({ page }).analyze()).violations.filter((v) => v.impact === 'serious' || v.impact === 'critical').map((v) => `sign-in: ${v.id}`))
      expect(findings).toEqual([])
      expect(wide).toEqual([])
    })
  }

  test('the keyboard alone signs in and reaches every screen', async ({ page }) => {
    await page.goto(seeded.service.url)
    await expect(page.getByLabel('Sign-in name')).toBeFocused()
    await page.keyboard.type('hq')
    await page.keyboard.press('Tab')
    await page.keyboard.type(PASSWORD)
    await page.keyboard.press('Enter')
    await expect(page.getByRole('heading', { level: 1, name: 'Day at a glance' })).toBeVisible()
    for (const name of ['Operations', 'Needs attention', 'Tills', 'Reconciliation', 'Accounts']) {
      await screen(page, name).focus()
      await page.keyboard.press('Enter')
      await expect(page.getByRole('heading', { level: 1, name })).toBeVisible()
    }
    // Tab order: the store picker, the languages, sign out, then the screens in order.
    await page.getByLabel('Store').focus()
    const order: string[] = []
    for (let i = 0; i < 6; i++) {
      await page.keyboard.press('Tab')
      order.push(await page.evaluate(() => document.activeElement?.textContent?.trim() ?? ''))
    }
    expect(order).toEqual(['English', 'Tiếng Việt', 'Sign out', 'Day at a glance', 'Operations', 'Needs attention'])
  })
})
