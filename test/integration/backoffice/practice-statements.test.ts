import { afterEach, describe, expect, it } from 'vitest'
import type { FastifyInstance } from 'fastify'
import { namedVoucherCodes as V } from '../../../electron/core/sandbox/gotit/fixtures'
import { brandIds as B } from '../../../electron/core/sandbox/hubble/fixtures'
import { startJuspaySimulator } from '../../../electron/core/sandbox/juspay'
import { JUSPAY_API_KEY, JUSPAY_MERCHANT_ID } from '../../../electron/core/sandbox/juspay/fixtures'
import { buildServer } from '../../../backoffice/src/server'
import { createEnrolmentCode } from '../../../backoffice/src/tills'
import { createUser, DEFAULT_SIGN_IN_POLICY } from '../../../backoffice/src/auth/accounts'
import { importStatement } from '../../../backoffice/src/recon/reconcile'
import { readStatement } from '../../../backoffice/src/recon/statement'
import { DEFAULT_MAPPINGS } from '../../../backoffice/src/recon/mappings'
import { dayIn } from '../../../shared/time'
import { errorOf, staffedTill, useCores, valueOf } from '../../helpers/core'
import { useTempDirs } from '../../helpers/temp-dir'
import { until } from '../../helpers/until'
import { testVault } from '../../helpers/test-vault'
import { useBackofficeDatabases } from '../../helpers/backoffice'

const receipt = {
  orderLines: [{ name: 'Coffee mug', id: 'SKU-2002', totalAmount: 10000, totalAmountExcludingTax: 8000, totalTaxAmount: 2000, taxRate: 2500 }],
  bottomLine: { currency: 'NOK' as const, posId: 'till', receiptNumber: '77' }
}

describe('practice statements from the simulators', () => {
  const tempDir = useTempDirs()
  const openCore = useCores()
  // PGlite: what is shown here is the statement and the matching, not the server.
  const databases = useBackofficeDatabases('pglite')
  const servers: FastifyInstance[] = []
  afterEach(async () => {
    for (const server of servers.splice(0)) await server.close()
  })

  it('a training till’s Got It, Hubble and Vipps statements match everything it did, line by line, once it has reported to the back office', async () => {
    const db = await databases.open()
    const server = buildServer({ db })
    const url = await server.listen({ host: '127.0.0.1', port: 0 })
    servers.push(server)
    const core = openCore({ dataDir: tempDir(), vault: testVault(), backoffice: { intervalMs: 20 } })
    await staffedTill(core)
    const { code } = await createEnrolmentCode(db, { id: 'S1', name: 'Store one', timeZone: 'Asia/Ho_Chi_Minh' }, new Date())
    valueOf(await core.call('backoffice:enrol', { url, code }))

    const check = valueOf(await core.call('redeem:check', { codes: [V.new, V.new_200k] }))
    valueOf(await core.call('redeem:redeem', { billNumber: check.billNumber }))
    const second = valueOf(await core.call('redeem:check', { codes: [V.new_50k] }))
    valueOf(await core.call('redeem:redeem', { billNumber: second.billNumber }))
    valueOf(await core.call('giftcards:sync', {}))
    const sale = valueOf(
      await core.call('giftcards:sell', { productId: B.zomato, lines: [{ denomination: 50000, quantity: 1 }], customer: { name: 'Asha Rao', phone: '9876543210', email: 'asha@example.com' } })
    )
    expect(sale.order.status).toBe('succeeded')
    valueOf(await core.call('receipts:attach', { paymentType: 'ECOM', orderId: 'pos-statement-1', receipt }))
    await until(
      async () => valueOf(await core.call('backoffice:status', {})),
      (s) => s.waiting === 0 && s.reached === true,
      'the till to report'
    )

    const hq = await createUser(db, { login: 'hq', name: 'Head', role: 'head_office', password: 'correct horse battery', stores: [] }, null, new Date(), {
      ...DEFAULT_SIGN_IN_POLICY,
      cost: { N: 1024, r: 8, p: 1 }
    })
    const account = { userId: hq.userId, login: hq.login, name: hq.name, role: hq.role, storeIds: null }
    const today = dayIn(new Date(), 'Asia/Ho_Chi_Minh')
    const expected: Record<string, number> = { gotit: 2, hubble: 1, vipps: 1 }
    for (const provider of ['gotit', 'hubble', 'vipps']) {
      const statement = valueOf(await core.call('training:statement', { provider }))
      expect(statement.lines, provider).toBe(expected[provider])
      const imported = await importStatement(db, { provider, from: today, to: today, fileName: statement.fileName, csv: statement.csv }, account, new Date())
      expect(imported.totals, provider).toEqual([
        expect.objectContaining({
          statement: expect.objectContaining({ count: expected[provider] }),
          matched: expect.objectContaining({ count: expected[provider] }),
          amount_differs: expect.objectContaining({ count: 0 }),
          provider_only: { count: 0, amount: 0 },
          till_only: { count: 0, amount: 0 }
        })
      ])
    }
    // Got It's statement is in dong, one line per transaction: both vouchers of the first bill on one line.
    const gotit = readStatement(valueOf(await core.call('training:statement', { provider: 'gotit' })).csv, DEFAULT_MAPPINGS['gotit'] ?? expect.fail('no Got It mapping'))
    expect(gotit.map((l) => l.amountMinor).sort((a, b) => a - b)).toEqual([50000, 300000])
  })

  it('refuses a practice statement for a provider that is not in training', async () => {
    const live = openCore({ dataDir: tempDir(), env: { TILL_GOTIT_MODE: 'sandbox', TILL_GOTIT_PIN: '1212' } })
    await staffedTill(live)
    expect(errorOf(await live.call('training:statement', { provider: 'gotit' }))).toMatchObject({ code: 'conflict', params: { reason: 'not_training' } })
  })

  it('Juspay’s statement lists the refunds that succeeded, by Juspay’s refund id, in rupees', async () => {
    const juspay = await startJuspaySimulator({ config: { refundSettleMs: 0 } })
    try {
      expect(juspay.statement()?.csv.trim().split('\r\n')).toEqual(['refund_id,order_id,unique_request_id,refund_date,refund_amount,status,arn'])
      const refund = await fetch(`${juspay.url}/orders/JP-CHARGED-UPI/refunds`, {
        method: 'POST',
        headers: {
          authorization: `Basic ${Buffer.from(`${JUSPAY_API_KEY}:`).toString('base64')}`,
          'x-merchantid': JUSPAY_MERCHANT_ID,
          'x-routing-id': 'JP-CHARGED-UPI',
          'content-type': 'application/x-www-form-urlencoded'
        },
        body: 'unique_request_id=RSTATEMENT1&amount=125.50'
      })
      expect(refund.status).toBe(200)
      const response = await fetch(`${juspay.url}/__sim/statement`)
      expect(response.headers.get('content-type')).toContain('text/csv')
      const lines = readStatement(await response.text(), DEFAULT_MAPPINGS['juspay'] ?? expect.fail('no Juspay mapping'))
      expect(lines).toEqual([{ lineNo: 2, providerRef: expect.stringMatching(/^rfnd_[0-9a-f]{8}$/), amountMinor: 12550, currency: 'INR', at: expect.stringMatching(/^\d{4}-\d\d-\d\dT/) }])
    } finally {
      await juspay.close()
    }
  })
})
