import { mkdtempSync, rmSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import Database from 'better-sqlite3'
import pg from 'pg'
import { expect, test } from '@playwright/test'
import { startPostgres, type PostgresCluster } from '../helpers/postgres'
import { enrolmentCode, startBackoffice, startWebTill, type Started, type WebTill } from './backoffice-processes'
import { test as withTill, expect as expectTill } from './fixtures'

const PIN = '4826'
const receipt = (n: number) => ({
  orderLines: [{ name: 'Coffee mug', id: 'SKU-2002', totalAmount: 10000, totalAmountExcludingTax: 8000, totalTaxAmount: 2000, taxRate: 2500 }],
  bottomLine: { currency: 'NOK', posId: 'till', receiptNumber: String(n) }
})

interface Status {
  waiting: number
  stopped: boolean
  problem: string | null
  enrolment: { tillId: string; fromSeq: number; auditHead: string }
}

test.describe('the back office on a real PostgreSQL', () => {
  let cluster: PostgresCluster
  test.beforeAll(async () => {
    cluster = await startPostgres()
  })
  test.afterAll(async () => {
    await cluster.stop()
  })

  test('two tills report every redemption, gift card sale, receipt and refund exactly once, through SIGKILLs of the tills and of the service', async () => {
    test.setTimeout(240_000)
    const databaseUrl = await cluster.database()
    let service: Started & { url: string } = await startBackoffice(databaseUrl)
    const port = Number(new URL(service.url).port)
    const folders = [mkdtempSync(join(tmpdir(), 'till-bo-a-')), mkdtempSync(join(tmpdir(), 'till-bo-b-'))]
    const tills: { dir: string; env: Record<string, string>; till: WebTill; staffId: string; tillId: string }[] = []
    try {
      // Each till: a first manager, its enrolment by script (the web host keeps the key in its environment), then a start with the key.
      for (const dir of folders) {
        const first = await startWebTill(dir)
        const setup = await first.rpc<{ staff: { id: string } }>('auth:setup', { name: 'Mai Manager', pin: PIN })
        const status = (await first.rpc<Status>('backoffice:status')).value
        if (!status || !setup.value) throw new Error('the till did not start as expected')
        const enrolled = (await (
          await fetch(`${service.url}/api/v1/enrol`, {
            method: 'POST',
            headers: { 'content-type': 'application/json' },
            body: JSON.stringify({ code: await enrolmentCode(databaseUrl, 'S1'), ...status.enrolment })
          })
        ).json()) as { tillKey: string }
        first.child.kill('SIGTERM')
        await first.exited
        const env = { TILL_BACKOFFICE_URL: service.url, TILL_BACKOFFICE_KEY: enrolled.tillKey, TILL_BACKOFFICE_INTERVAL_MS: '50' }
        tills.push({ dir, env, till: await startWebTill(dir, env), staffId: setup.value.staff.id, tillId: status.enrolment.tillId })
      }
      const signIn = async (t: (typeof tills)[number]) => {
        expect((await t.till.rpc('auth:signIn', { staffId: t.staffId, pin: PIN })).ok).toBe(true)
        await t.till.rpc('giftcards:sync')
      }
      for (const t of tills) await signIn(t)

      let code = 2000000100
      let receiptNumber = 1
      const work = async (t: (typeof tills)[number]) => {
        const check = await t.till.rpc<{ billNumber: string }>('redeem:check', { codes: [String(code++)] })
        if (check.value) await t.till.rpc('redeem:redeem', { billNumber: check.value.billNumber })
        await t.till.rpc('giftcards:sell', {
          productId: '01GMAW822RPDJ5C50XK24QC2C4',
          lines: [{ denomination: 50000, quantity: 1 }],
          customer: { name: 'Asha Rao', phone: '9876543210', email: 'asha@example.com' }
        })
        await t.till.rpc('receipts:attach', { paymentType: 'ECOM', orderId: `pos-${receiptNumber}`, receipt: receipt(receiptNumber++) })
        await t.till.rpc('payments:refund', { orderId: 'JP-CHARGED-UPI', amount: 100, reason: 'one item returned' })
      }

      for (let round = 0; round < 6; round++) {
        await Promise.all(tills.map((t) => work(t)))
        if (round % 2 === 0) {
          // A till dies while its sender has a batch on the way (it sends every 50 ms), then comes back.
          const victim = tills[round % tills.length]
          if (!victim) continue
          void work(victim).catch(() => undefined)
          await new Promise((resolve) => setTimeout(resolve, 30 + Math.floor(Math.random() * 60)))
          victim.till.child.kill('SIGKILL')
          await victim.till.exited
          victim.till = await startWebTill(victim.dir, victim.env)
          await signIn(victim)
        } else {
          // The service dies while it applies batches; PostgreSQL rolls the open transactions back.
          await new Promise((resolve) => setTimeout(resolve, Math.floor(Math.random() * 80)))
          service.child.kill('SIGKILL')
          await service.exited
          await Promise.all(tills.map((t) => work(t)))
          service = await startBackoffice(databaseUrl, port)
        }
      }

      // Everything arrives, then each till is counted row by row against the back office.
      for (const t of tills) {
        await expect.poll(async () => (await t.till.rpc<Status>('backoffice:status')).value?.waiting, { timeout: 60_000 }).toBe(0)
        t.till.child.kill('SIGTERM')
        await t.till.exited
      }
      const client = new pg.Client({ connectionString: databaseUrl })
      await client.connect()
      try {
        for (const t of tills) {
          const local = new Database(join(t.dir, 'till.sqlite'), { readonly: true })
          const history = local.prepare('SELECT provider, kind, ref, status, detail_status AS "detailStatus", amount_minor AS "amountMinor" FROM history ORDER BY provider, kind, ref').all()
          const audit = local.prepare('SELECT hash FROM audit_log ORDER BY id').pluck().all()
          const outcomes = local.prepare("SELECT id, state FROM journal WHERE state IN ('succeeded', 'rejected', 'needs_review') ORDER BY id").all()
          local.close()
          const ledger = await client.query(
            'SELECT provider, kind, ref, status, detail_status AS "detailStatus", amount_minor AS "amountMinor" FROM ledger WHERE till_id = $1 ORDER BY provider, kind, ref',
            [t.tillId]
          )
          const remoteAudit = await client.query('SELECT hash, chain_ok FROM audit WHERE till_id = $1 ORDER BY audit_id', [t.tillId])
          const remoteOutcomes = await client.query('SELECT journal_id::int AS id, state FROM journal_outcome WHERE till_id = $1 ORDER BY journal_id', [t.tillId])
          expect(history.length).toBeGreaterThan(20)
          expect(ledger.rows.map((r: Record<string, unknown>) => ({ ...r, amountMinor: r['amountMinor'] === null ? null : Number(r['amountMinor']) }))).toEqual(history)
          expect(remoteAudit.rows.map((r: { hash: string }) => r.hash)).toEqual(audit)
          expect(remoteAudit.rows.every((r: { chain_ok: boolean }) => r.chain_ok)).toBe(true)
          expect(remoteOutcomes.rows).toEqual(outcomes)
          const kinds = new Set(history.map((h) => (h as { kind: string }).kind))
          expect([...kinds].sort()).toEqual(['gift_sale', 'receipt', 'redemption', 'refund'])
        }
      } finally {
        await client.end()
      }
    } finally {
      for (const t of tills) t.till.child.kill('SIGKILL')
      service.child.kill('SIGKILL')
      for (const dir of folders) rmSync(dir, { recursive: true, force: true })
    }
  })
})

withTill.describe('enrolling a till from Settings', () => {
  let cluster: PostgresCluster
  withTill.beforeAll(async () => {
    cluster = await startPostgres()
  })
  withTill.afterAll(async () => {
    await cluster.stop()
  })

  withTill('a manager types the back office’s address and the code in Settings → Back office, and the Queue says it reports', async ({ page, till }) => {
    const databaseUrl = await cluster.database()
    const service = await startBackoffice(databaseUrl)
    try {
      await till.staff()
      await page.goto(till.url)
      await page.getByRole('button', { name: /^Settings/ }).click()
      await page.getByRole('tab', { name: 'Back office' }).click()
      await expectTill(page.getByTestId('backoffice-status')).toContainText('Not enrolled with a back office yet')
      await page.getByLabel('Back office address').fill(service.url)
      await page.getByLabel('Enrolment code').fill(await enrolmentCode(databaseUrl, 'S7'))
      await page.getByRole('button', { name: 'Enrol this till' }).click()
      await expectTill(page.getByRole('status').filter({ hasText: 'This till is enrolled with Store S7.' })).toBeVisible()
      await page.getByRole('button', { name: /^Queue/ }).click()
      await expectTill(page.getByTestId('backoffice-status')).toContainText('Reporting to the back office of Store S7. Nothing waits.', { timeout: 15_000 })
    } finally {
      service.child.kill('SIGTERM')
    }
  })
})
