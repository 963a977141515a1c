// @vitest-environment node
import { execFileSync } from 'node:child_process'
import { generateKeyPairSync } from 'node:crypto'
import { readFileSync } from 'node:fs'
import { connect, type AddressInfo } from 'node:net'
import { join } from 'node:path'
import { createServer, type Server } from 'node:tls'
import Juspay from 'expresscheckout-nodejs'
import { afterEach, describe, expect, it } from 'vitest'
import { startJuspaySimulator, type RunningJuspaySimulator } from '../../../electron/core/sandbox/juspay'
import { useTempDirs } from '../../helpers/temp-dir'

/**
 * Juspay's official Node SDK, unchanged, against the simulator: if the simulator only spoke our
 * own client's dialect, this would fail. The SDK speaks HTTPS only (it takes every base URL for
 * https) and on the default port only (it passes `host:port` as the host name to look up), so
 * the simulator sits behind a TLS front on 127.0.0.1:443 with a certificate made for this test.
 * Binding 443 needs root (as CI runs); elsewhere the test says it was skipped and why.
 */
describe('Juspay’s official Node SDK against the simulator', () => {
  const tempDir = useTempDirs()
  const closing: (() => Promise<void>)[] = []
  const rejectUnauthorized = process.env['NODE_TLS_REJECT_UNAUTHORIZED']
  afterEach(async () => {
    for (const close of closing.splice(0)) await close()
    if (rejectUnauthorized === undefined) delete process.env['NODE_TLS_REJECT_UNAUTHORIZED']
    else process.env['NODE_TLS_REJECT_UNAUTHORIZED'] = rejectUnauthorized
  })

  async function behindTls(sim: RunningJuspaySimulator): Promise<string | null> {
    const dir = tempDir()
    execFileSync(
      'openssl',
      [
        'req',
        '-x509',
        '-newkey',
        'rsa:2048',
        '-nodes',
        '-keyout',
        join(dir, 'key.pem'),
        '-out',
        join(dir, 'cert.pem'),
        '-days',
        '1',
        '-subj',
        '/CN=127.0.0.1',
        '-addext',
        'subjectAltName=IP:127.0.0.1'
      ],
      { stdio: 'ignore' }
    )
    const server: Server = createServer({ key: readFileSync(join(dir, 'key.pem')), cert: readFileSync(join(dir, 'cert.pem')) }, (socket) => {
      const upstream = connect(sim.port, '127.0.0.1')
      socket.pipe(upstream).pipe(socket)
      socket.on('error', () => upstream.destroy())
      upstream.on('error', () => socket.destroy())
    })
    const listening = await new Promise<boolean>((resolve) => {
      server.once('error', () => resolve(false))
      server.listen(443, '127.0.0.1', () => resolve(true))
    })
    if (!listening) return null
    closing.push(() => new Promise<void>((resolve) => server.close(() => resolve())))
    // The certificate is this test's own; the SDK offers no way to trust it but this.
    process.env['NODE_TLS_REJECT_UNAUTHORIZED'] = '0'
    return `https://127.0.0.1:${(server.address() as AddressInfo).port}`
  }

  it('reads an order’s status with Basic auth, and refunds it through the encrypted route; the refund is made once', async (context) => {
    const keys = () => generateKeyPairSync('rsa', { modulusLength: 2048, publicKeyEncoding: { type: 'spki', format: 'pem' }, privateKeyEncoding: { type: 'pkcs8', format: 'pem' } })
    const juspayKeys = keys()
    const merchantKeys = keys()
    const sim = await startJuspaySimulator({ config: { jwe: { keyId: 'key-till-1', juspayPrivateKey: juspayKeys.privateKey, merchantPublicKey: merchantKeys.publicKey } } })
    closing.push(() => sim.close())
    const baseUrl = await behindTls(sim)
    if (!baseUrl) return context.skip('127.0.0.1:443 cannot be bound here (not root, or taken): the SDK reaches only the default HTTPS port')
    Juspay.customLogger = () => Juspay.silentLogger

    const basic = new Juspay({ merchantId: sim.merchantId, apiKey: sim.apiKey, baseUrl })
    const status = (await basic.order.status('JP-PARTLY-REFUNDED', undefined, undefined, 'BASIC')) as unknown as Record<string, unknown>
    expect(status).toMatchObject({ order_id: 'JP-PARTLY-REFUNDED', status: 'CHARGED', amount: 1000, amount_refunded: 200, http: { statusCode: 200 } })

    const encrypted = new Juspay({ merchantId: sim.merchantId, baseUrl, jweAuth: { keyId: 'key-till-1', publicKey: juspayKeys.publicKey, privateKey: merchantKeys.privateKey } })
    const refund = (await encrypted.order.refund('JP-PARTLY-REFUNDED', { order_id: 'JP-PARTLY-REFUNDED', unique_request_id: 'SDKREFUND1', amount: 150 })) as unknown as {
      refunds: { unique_request_id: string; status: string; amount: number }[]
    }
    expect(refund.refunds.find((r) => r.unique_request_id === 'SDKREFUND1')).toMatchObject({ status: 'PENDING', amount: 150 })
    // The same request again: Juspay refuses a second refund for one unique_request_id.
    await expect(encrypted.order.refund('JP-PARTLY-REFUNDED', { order_id: 'JP-PARTLY-REFUNDED', unique_request_id: 'SDKREFUND1', amount: 150 })).rejects.toMatchObject({
      name: 'InvalidRequestError',
      error_code: 'duplicate.call'
    })
    // A wrong key is refused the way the SDK expects: as its authentication error.
    const wrong = new Juspay({ merchantId: sim.merchantId, apiKey: 'not-the-key', baseUrl })
    await expect(wrong.order.status('JP-PARTLY-REFUNDED', undefined, undefined, 'BASIC')).rejects.toMatchObject({ name: 'AuthenticationError', error_code: 'access_denied' })

    const after = (sim.sim.inspect() as { orders: { orderId: string; refunds: { uniqueRequestId: string }[] }[] }).orders.find((o) => o.orderId === 'JP-PARTLY-REFUNDED')
    expect(after?.refunds.map((r) => r.uniqueRequestId)).toEqual(['RFSEED0001', 'SDKREFUND1'])
    expect(sim.requests.map((r) => r.route)).toEqual(['orderStatus', 'refundEncrypted', 'refundEncrypted', 'orderStatus'])
  })
})
