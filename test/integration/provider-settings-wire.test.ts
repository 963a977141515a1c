import { createServer, type IncomingHttpHeaders, type Server } from 'node:http'
import type { AddressInfo } from 'node:net'
import { afterEach, describe, expect, it } from 'vitest'
import { staffedTill, useCores, valueOf } from '../helpers/core'
import { useTempDirs } from '../helpers/temp-dir'

/** A provider that records what it was sent and answers nothing at all (or 500 at once). */
async function recordingProvider(answer: 'hang' | 'fail'): Promise<{ url: string; seen: IncomingHttpHeaders[]; server: Server }> {
  const seen: IncomingHttpHeaders[] = []
  const server = createServer((req, res) => {
    seen.push(req.headers)
    req.resume()
    if (answer === 'fail') res.writeHead(500).end('{}')
  })
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve))
  return { url: `http://127.0.0.1:${(server.address() as AddressInfo).port}`, seen, server }
}

describe('provider settings that reach the wire', () => {
  const tempDir = useTempDirs()
  const openCore = useCores()
  const servers: Server[] = []
  afterEach(async () => {
    for (const server of servers.splice(0)) {
      server.closeAllConnections()
      await new Promise((resolve) => server.close(resolve))
    }
  })

  it('sends Vipps the system name and version set in Settings, not the app’s own', async () => {
    const vipps = await recordingProvider('fail')
    servers.push(vipps.server)
    const core = openCore({
      dataDir: tempDir(),
      env: {
        TILL_VIPPS_MODE: 'sandbox',
        TILL_VIPPS_BASE_URL: vipps.url,
        TILL_VIPPS_CLIENT_ID: 'id',
        TILL_VIPPS_CLIENT_SECRET: 's',
        TILL_VIPPS_SUBSCRIPTION_KEY: 'k',
        TILL_VIPPS_MSN: '123456',
        TILL_VIPPS_SYSTEM_NAME: 'store-pos',
        TILL_VIPPS_SYSTEM_VERSION: '9.4.2'
      }
    })
    await staffedTill(core)
    await core.call('receipts:lookup', { paymentType: 'ECOM', orderId: 'order-1' })
    expect(vipps.seen.length).toBeGreaterThan(0)
    for (const headers of vipps.seen) expect(headers).toMatchObject({ 'vipps-system-name': 'store-pos', 'vipps-system-version': '9.4.2' })
  })

  it.each([
    ['hubble', { TILL_HUBBLE_MODE: 'sandbox', TILL_HUBBLE_CLIENT_ID: 'id', TILL_HUBBLE_CLIENT_SECRET: 's' }, 'giftcards:lookup', { referenceId: 'G1' }],
    [
      'vipps',
      { TILL_VIPPS_MODE: 'sandbox', TILL_VIPPS_CLIENT_ID: 'id', TILL_VIPPS_CLIENT_SECRET: 's', TILL_VIPPS_SUBSCRIPTION_KEY: 'k', TILL_VIPPS_MSN: '123456' },
      'receipts:lookup',
      { paymentType: 'ECOM', orderId: 'order-1' }
    ],
    ['juspay', { TILL_JUSPAY_MODE: 'sandbox', TILL_JUSPAY_MERCHANT_ID: 'm', TILL_JUSPAY_API_KEY: 'k' }, 'payments:order', { orderId: 'JP-1' }]
  ] as const)('gives up on %s after the timeout set in its settings, not a fixed 30 s', async (provider, env, channel, input) => {
    const silent = await recordingProvider('hang')
    servers.push(silent.server)
    const core = openCore({ dataDir: tempDir(), env: { ...env, [`TILL_${provider.toUpperCase()}_BASE_URL`]: silent.url, [`TILL_${provider.toUpperCase()}_TIMEOUT_MS`]: '300' } })
    await staffedTill(core)
    const view = valueOf(await core.call('settings:get', {}))
    expect(view.providers.find((p) => p.provider === provider)?.fields.find((f) => f.key === 'timeoutMs')).toMatchObject({ value: '300' })
    const started = performance.now()
    const answer = await core.dispatch(channel, input)
    expect(answer.ok).toBe(false)
    // A 300 ms timeout (a login and the call, at most): far below the 30 s that was fixed before.
    expect(performance.now() - started).toBeLessThan(10_000)
    core.context.http.log.flush()
    const calls = core.context.db.prepare('SELECT error_code FROM provider_calls WHERE provider = ?').pluck().all(provider)
    expect(calls).toContain('timeout')
  })
})
