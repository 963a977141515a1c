import { png } from '../../helpers/png'
import { afterEach, beforeEach, describe, expect, it } from 'vitest'
import { startVippsSimulator, type RunningVippsSimulator } from '../../../electron/core/sandbox/vipps'
import { OTHER_MSN } from '../../../electron/core/sandbox/vipps/fixtures'

let vipps: RunningVippsSimulator

async function token(): Promise<string> {
  const answer = await fetch(`${vipps.url}/accesstoken/get`, {
    method: 'POST',
    headers: { client_id: vipps.clientId, client_secret: vipps.clientSecret, 'Ocp-Apim-Subscription-Key': vipps.subscriptionKey }
  })
  const body = (await answer.json()) as { access_token: string; expires_in: string }
  expect(body.expires_in).toBe('3600')
  return body.access_token
}

async function om(method: string, path: string, body?: unknown, headers: Record<string, string | undefined> = {}) {
  const all: Record<string, string> = {}
  const base = {
    Authorization: `Bearer ${await token()}`,
    'Ocp-Apim-Subscription-Key': vipps.subscriptionKey,
    'Merchant-Serial-Number': vipps.msn,
    'Vipps-System-Name': 'till',
    'Vipps-System-Version': '0.1.0',
    'Vipps-System-Plugin-Name': 'till-pos',
    'Vipps-System-Plugin-Version': '0.1.0',
    ...(body === undefined ? {} : { 'Content-Type': 'application/json' }),
    ...headers
  }
  for (const [k, v] of Object.entries(base)) if (v !== undefined) all[k] = v
  const answer = await fetch(`${vipps.url}/order-management${path}`, { method, headers: all, ...(body === undefined ? {} : { body: JSON.stringify(body) }) })
  return { status: answer.status, contentType: answer.headers.get('content-type'), body: (await answer.json()) as unknown }
}

const line = { name: 'Coffee', id: 'SKU-1', totalAmount: 12500, totalAmountExcludingTax: 10000, totalTaxAmount: 2500, taxRate: 2500 }
const receipt = { orderLines: [line], bottomLine: { currency: 'NOK', posId: 'till-1', receiptNumber: 'R1', paymentSources: { voucher: 5000, card: 7500 } } }

describe('Vipps MobilePay Order Management simulator', () => {
  beforeEach(async () => {
    vipps = await startVippsSimulator()
  })
  afterEach(async () => vipps.close())

  it('takes a receipt once, replaces a category, keeps image ids unique, and answers GET with what is stored', async () => {
    expect(await om('POST', '/v1/images', { imageId: 'mug-1', src: png(200), type: 'base64' })).toMatchObject({ status: 200, body: { imageId: 'mug-1' } })
    expect(await om('POST', '/v1/images', { imageId: 'mug-1', src: png(200), type: 'base64' })).toMatchObject({ status: 409 })
    expect((await om('POST', '/v1/images', { imageId: 'tiny', src: png(100), type: 'base64' })).body).toMatchObject({
      invalidParams: [{ reason: 'the image is 100 px high; it must be at least 167 px' }]
    })

    expect(await om('GET', '/v2/ECOM/pos-1')).toMatchObject({ status: 404 })
    expect(await om('POST', '/v2/ECOM/receipts/pos-1', receipt)).toMatchObject({ status: 201, body: expect.stringMatching(/^[0-9a-f-]{36}$/) })
    expect(await om('POST', '/v2/ECOM/receipts/pos-1', receipt)).toMatchObject({ status: 409, contentType: 'application/problem+json; charset=utf-8' })
    expect(await om('PUT', '/v2/ECOM/categories/pos-1', { category: 'GENERAL', orderDetailsUrl: 'https://shop.example.com/1' })).toMatchObject({ status: 200 })
    expect(await om('PUT', '/v2/ECOM/categories/pos-1', { category: 'RECEIPT', orderDetailsUrl: 'https://shop.example.com/r/1', imageId: 'mug-1' })).toMatchObject({ status: 200 })
    expect(await om('PUT', '/v2/ECOM/categories/pos-1', { category: 'RECEIPT', orderDetailsUrl: 'https://shop.example.com/r/1', imageId: 'never-uploaded' })).toMatchObject({ status: 404 })
    expect(await om('GET', '/v2/ECOM/pos-1')).toMatchObject({ status: 200, body: { receipt, category: { category: 'RECEIPT', imageId: 'mug-1' } } })
    expect(await om('GET', '/v2/RECURRING/pos-1')).toMatchObject({ status: 404 })
  })

  it('refuses and records every request that breaks the official spec, and keeps each sales unit to its own orders', async () => {
    const extra = await om('POST', '/v2/ECOM/receipts/pos-2', { ...receipt, note: 'not in the spec' })
    expect(extra).toMatchObject({ status: 400, body: { title: 'One or more validation errors occurred.', invalidParams: [{ reason: 'body has a field the spec does not declare: note' }] } })
    expect((await om('GET', '/v2/ECOM/pos-2', undefined, { 'Merchant-Serial-Number': undefined })).status).toBe(400)
    expect((await om('POST', '/v2/ECOM/receipts/pos-2', { ...receipt, orderLines: [{ ...line, taxRate: undefined }] })).status).toBe(400)
    expect(vipps.sim.violations.map((v) => v.problems[0])).toEqual(['body has a field the spec does not declare: note', 'the header parameter Merchant-Serial-Number is required'])
    expect((await om('GET', '/v2/ECOM/other-unit-1', undefined, { 'Merchant-Serial-Number': OTHER_MSN })).status).toBe(403)
    expect((await om('GET', '/v2/ECOM/other-unit-1')).status).toBe(404)
    expect(await om('GET', '/v2/ECOM/training-with-receipt-1')).toMatchObject({ status: 200, body: { receipt: { bottomLine: { receiptNumber: '000101' } } } })
  })

  it('answers like the gateway for a missing subscription key or a token that is no longer valid', async () => {
    expect(await om('GET', '/v2/ECOM/x', undefined, { 'Ocp-Apim-Subscription-Key': undefined })).toMatchObject({
      status: 401,
      body: { statusCode: 401, message: expect.stringMatching(/missing subscription key/) }
    })
    const stale = await token()
    vipps.sim.revokeTokens()
    expect((await om('GET', '/v2/ECOM/x', undefined, { Authorization: `Bearer ${stale}` })).status).toBe(401)
  })
})
