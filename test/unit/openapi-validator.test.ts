import { readFileSync } from 'node:fs'
import { join } from 'node:path'
import { parse } from 'yaml'
import { describe, expect, it } from 'vitest'
import { OpenApiValidator, type ApiRequest } from '../../electron/core/sandbox/framework/openapi-validator'

const specText = readFileSync(join(__dirname, '../../electron/core/sandbox/vipps/vipps-order-management.yaml'), 'utf8')
const validator = new OpenApiValidator(specText)

const headers = {
  authorization: 'Bearer token',
  'merchant-serial-number': '123456',
  'ocp-apim-subscription-key': 'key',
  'vipps-system-name': 'till',
  'vipps-system-version': '0.1.0',
  'vipps-system-plugin-name': 'till-pos',
  'vipps-system-plugin-version': '0.1.0'
}

const request = (method: string, path: string, body?: unknown, extra: Partial<ApiRequest> = {}): ApiRequest => ({
  method,
  path,
  headers,
  query: new URLSearchParams(),
  body,
  contentType: body === undefined ? undefined : 'application/json',
  ...extra
})

describe('requests checked against the official Vipps Order Management spec', () => {
  it('accepts every request example the spec itself gives, for its own operation', () => {
    const spec = parse(specText) as {
      paths: Record<string, Record<string, { operationId?: string; deprecated?: boolean; requestBody?: { content?: Record<string, { examples?: Record<string, { value: unknown }> }> } }>>
    }
    let examples = 0
    for (const [template, item] of Object.entries(spec.paths)) {
      for (const [method, op] of Object.entries(item)) {
        for (const media of Object.values(op.requestBody?.content ?? {})) {
          for (const example of Object.values(media.examples ?? {})) {
            const path = template.replace('{paymentType}', 'ECOM').replace(/\{\w+\}/g, 'order-1')
            const result = validator.check(request(method.toUpperCase(), path, example.value))
            expect(result.problems, `${op.operationId}`).toEqual([])
            examples += 1
          }
        }
      }
    }
    expect(examples).toBeGreaterThanOrEqual(3)
  })

  it('refuses undeclared fields, wrong types, missing headers, a lower-case payment type and unknown paths, in words', () => {
    const line = { name: 'socks', id: 'line-1', totalAmount: 1000, totalAmountExcludingTax: 800, totalTaxAmount: 200, taxPercentage: 25 }
    const receipt = { orderLines: [line], bottomLine: { currency: 'NOK', posId: 'pos-1' } }
    expect(validator.check(request('POST', '/v2/ECOM/receipts/order-1', receipt))).toMatchObject({ operation: 'post-receipt-v2', problems: [] })
    expect(validator.check(request('POST', '/v2/ECOM/receipts/order-1', { ...receipt, note: 'x' })).problems).toEqual(['body has a field the spec does not declare: note'])
    expect(validator.check(request('POST', '/v2/ECOM/receipts/order-1', { ...receipt, bottomLine: { currency: 'SEK', posId: 'pos-1' } })).problems.join()).toMatch(
      /body\.bottomLine\.currency must be equal to one of the allowed values/
    )
    const noKey = validator.check(request('POST', '/v2/ECOM/receipts/order-1', receipt, { headers: { ...headers, 'ocp-apim-subscription-key': undefined } }))
    expect(noKey.problems).toEqual(['the header parameter Ocp-Apim-Subscription-Key is required'])
    expect(validator.check(request('POST', '/v2/ecom/receipts/order-1', receipt)).problems.join()).toMatch(/path paymentType must be equal to one of the allowed values/)
    expect(validator.check(request('GET', '/v2/ECOM/nothing/here/at/all'))).toMatchObject({ operation: null, problems: ['no operation has the path /v2/ECOM/nothing/here/at/all'] })
    expect(validator.check(request('DELETE', '/v2/ECOM/receipts/order-1')).problems).toEqual(['DELETE is not an operation of /v2/{paymentType}/receipts/{orderId}'])
  })
})
