import { freePort } from '../helpers/free-port'
import { createHmac } from 'node:crypto'
import { join } from 'node:path'
import { describe, expect, it } from 'vitest'
import { openDatabase } from '../../electron/core/db/connection'
import { migrate } from '../../electron/core/db/migrations'
import { InboxRepo } from '../../electron/core/webhooks/inbox-repo'
import { bodyKey, CallbackReceiver, sameSecret, type WebhookRoute } from '../../electron/core/webhooks/receiver'
import { errorOf, staffedTill, useCores, valueOf } from '../helpers/core'
import { recordingLog } from '../helpers/core'
import { useTempDirs } from '../helpers/temp-dir'

const SECRET = 'shared-secret'

const sign = (body: string) => createHmac('sha256', SECRET).update(body).digest('base64')

/** A route like a provider's: HMAC of the raw body in a header, events keyed by their bytes. */
function signedRoute(processed: string[], fail = { times: 0 }): WebhookRoute {
  return {
    provider: 'hubble',
    path: '/hubble',
    authenticate: (delivery) => {
      const given = delivery.headers['x-verify']
      return typeof given === 'string' && sameSecret(given, sign(delivery.rawBody.toString('utf8'))) ? { ok: true } : { ok: false, reason: 'bad signature' }
    },
    deliveryKey: (delivery) => bodyKey(delivery.rawBody),
    process: (body) => {
      if (fail.times > 0) {
        fail.times -= 1
        return Promise.reject(new Error('the provider could not be asked'))
      }
      processed.push(body)
      return Promise.resolve('order settled')
    }
  }
}

describe('callback receiver', () => {
  const tempDir = useTempDirs()
  const openCore = useCores()

  function receiver(route: WebhookRoute) {
    const db = openDatabase(join(tempDir(), 'till.sqlite'))
    migrate(db)
    const inbox = new InboxRepo(db)
    const r = new CallbackReceiver(inbox, recordingLog(), () => new Date('2026-11-22T08:00:00Z'))
    r.setRoutes([route])
    return { r, inbox, db }
  }

  it('is off by default, listens where Settings say, and stops again', async () => {
    const core = openCore({ dataDir: tempDir() })
    await staffedTill(core)
    expect(valueOf(await core.call('callbacks:status', {}))).toMatchObject({ listening: false, url: null })
    const port = await freePort()
    const prefs = valueOf(await core.call('settings:setStore', { callbacks: { enabled: true, host: '127.0.0.1', port } }))
    expect(prefs.callbacks.enabled).toBe(true)
    await new Promise((resolve) => setTimeout(resolve, 50))
    const status = valueOf(await core.call('callbacks:status', {}))
    expect(status.listening).toBe(true)
    const answer = await fetch(`${status.url}/nowhere`, { method: 'POST', body: '{}' })
    expect(answer.status).toBe(404)
    expect(valueOf(await core.call('callbacks:status', {})).deliveries[0]).toMatchObject({ route: '/nowhere', status: 404, outcome: 'no such callback' })
    valueOf(await core.call('settings:setStore', { callbacks: { enabled: false, host: '127.0.0.1', port } }))
    await new Promise((resolve) => setTimeout(resolve, 50))
    expect(valueOf(await core.call('callbacks:status', {})).listening).toBe(false)
    expect(errorOf(await core.call('settings:setStore', { callbacks: { enabled: true, host: 'the shop', port } })).message).toMatch(/IP address/)
  })

  it('checks the signature over the exact bytes, processes an event once however often it comes, and records every delivery', async () => {
    const processed: string[] = []
    const { r, inbox } = receiver(signedRoute(processed))
    const body = '{"id":"01ORDER","status":"SUCCESS"}'
    const deliver = (raw: string, signature: string) => r.receive('POST', '/hubble', { 'x-verify': signature }, '203.0.113.7', () => Promise.resolve(Buffer.from(raw)))

    expect(await deliver(body, sign(body))).toMatchObject({ status: 200, body: { outcome: 'accepted' } })
    expect(await deliver(body, sign(body))).toMatchObject({ status: 200, body: { outcome: 'duplicate' } })
    // The same JSON with other spacing is other bytes: its signature must be over those bytes.
    expect(await deliver('{"id": "01ORDER", "status": "SUCCESS"}', sign(body))).toMatchObject({ status: 401, body: { outcome: 'refused: bad signature' } })
    expect(await deliver(body, 'AAAA')).toMatchObject({ status: 401 })
    await new Promise((resolve) => setTimeout(resolve, 10))
    expect(processed).toEqual([body])
    expect(inbox.recent(10).map((d) => [d.status, d.outcome, d.remote])).toEqual([
      [401, 'refused: bad signature', '203.0.113.7'],
      [401, 'refused: bad signature', '203.0.113.7'],
      [200, 'duplicate', '203.0.113.7'],
      [200, 'accepted', '203.0.113.7']
    ])
  })

  it('keeps an event it could not process yet and processes it later, once', async () => {
    const processed: string[] = []
    const fail = { times: 1 }
    const { r, inbox } = receiver(signedRoute(processed, fail))
    const body = '{"balance":50,"threshold":100}'
    await r.receive('POST', '/hubble', { 'x-verify': sign(body) }, null, () => Promise.resolve(Buffer.from(body)))
    await new Promise((resolve) => setTimeout(resolve, 10))
    expect(processed).toEqual([])
    expect(inbox.unprocessed(5)).toHaveLength(1)
    await r.processPending()
    await r.processPending()
    expect(processed).toEqual([body])
    expect(inbox.unprocessed(5)).toHaveLength(0)
  })

  it('refuses other methods and bodies over 1 MiB, and compares secrets in constant time whatever their length', async () => {
    const { r } = receiver(signedRoute([]))
    expect(await r.receive('GET', '/hubble', {}, null, () => Promise.resolve(Buffer.alloc(0)))).toMatchObject({ status: 405 })
    expect(sameSecret('abc', 'abc')).toBe(true)
    expect(sameSecret('abc', 'abcd')).toBe(false)
    expect(sameSecret('', 'x')).toBe(false)
  })
})
