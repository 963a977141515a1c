import { readFileSync, statSync } from 'node:fs'
import { request } from 'node:http'
import { mkdirSync, writeFileSync } from 'node:fs'
import { join } from 'node:path'
import { afterEach, describe, expect, it } from 'vitest'
import { startWebHost, type WebHost } from '../../electron/core/host/web'
import { createWebBridge } from '../../renderer/src/client/web-bridge'
import { createTillClient } from '../../renderer/src/client/till-client'
import { useCores } from '../helpers/core'
import { useTempDirs } from '../helpers/temp-dir'

describe('web host', () => {
  const tempDir = useTempDirs()
  const openCore = useCores()
  const hosts: WebHost[] = []
  afterEach(async () => {
    for (const host of hosts.splice(0)) await host.close()
  })

  async function start(): Promise<WebHost & { dataDir: string }> {
    const dataDir = tempDir()
    const parent = tempDir()
    const rendererDir = join(parent, 'renderer')
    mkdirSync(join(rendererDir, 'assets'), { recursive: true })
    writeFileSync(join(rendererDir, 'index.html'), '<!doctype html><html><head><title>Till</title></head><body></body></html>')
    writeFileSync(join(rendererDir, 'assets', 'app.js'), 'console.log(1)')
    writeFileSync(join(parent, 'secret.txt'), 'do not serve')
    const host = await startWebHost({ core: openCore({ dataDir }), dataDir, rendererDir, port: 0 })
    hosts.push(host)
    return { ...host, dataDir }
  }

  const rpc = (host: WebHost, channel: string, body: string, headers: Record<string, string> = {}) =>
    fetch(`${host.url}/rpc/${channel}`, { method: 'POST', body, headers: { Authorization: `Bearer ${host.token}`, ...headers } })

  it('serves the contract to a caller with the token', async () => {
    const host = await start()
    const response = await rpc(host, 'prefs:setLanguage', JSON.stringify({ language: 'vi' }))
    expect(response.status).toBe(200)
    expect(await response.json()).toMatchObject({ ok: true, value: { language: 'vi' } })
  })

  it('answers 401 with an error envelope without the right token', async () => {
    const host = await start()
    for (const headers of [{}, { Authorization: 'Bearer wrong' }, { Authorization: host.token }] as Record<string, string>[]) {
      const response = await fetch(`${host.url}/rpc/app:info`, { method: 'POST', body: '{}', headers })
      expect(response.status).toBe(401)
      expect(await response.json()).toMatchObject({ ok: false, error: { code: 'unauthorized' } })
    }
    expect((await fetch(`${host.url}/events`)).status).toBe(401)
  })

  it('writes a fresh random token to <data dir>/web-token, readable only by its owner', async () => {
    const a = await start()
    const b = await start()
    expect(a.token).not.toBe(b.token)
    expect(a.token.length).toBeGreaterThanOrEqual(40)
    expect(readFileSync(join(a.dataDir, 'web-token'), 'utf8').trim()).toBe(a.token)
    expect(statSync(join(a.dataDir, 'web-token')).mode & 0o777).toBe(0o600)
  })

  it('answers unknown channels, bad JSON, invalid input and wrong methods with 4xx envelopes', async () => {
    const host = await start()
    const cases: [Promise<Response>, number, string][] = [
      [rpc(host, 'vouchers:steal', '{}'), 404, 'unknown_channel'],
      [rpc(host, 'prefs:setLanguage', '{"language":'), 400, 'invalid_input'],
      [rpc(host, 'prefs:setLanguage', '{"language":"fr"}'), 400, 'invalid_input'],
      [rpc(host, 'prefs:setLanguage', 'x'.repeat(1024 * 1024 + 1)), 413, 'invalid_input'],
      [rpc(host, 'staff:list', '{}'), 401, 'unauthenticated'],
      [fetch(`${host.url}/rpc/app:info`, { headers: { Authorization: `Bearer ${host.token}` } }), 400, 'invalid_input'],
      [fetch(`${host.url}/rpc/a/b`, { method: 'POST', headers: { Authorization: `Bearer ${host.token}` } }), 404, 'unknown_channel']
    ]
    for (const [pending, status, code] of cases) {
      const response = await pending
      expect(response.status).toBe(status)
      expect(await response.json()).toMatchObject({ ok: false, error: { code, requestId: expect.any(String) } })
    }
    // Still serving after all of that.
    expect((await rpc(host, 'app:info', '')).status).toBe(200)
  })

  it('gives the page its token and a strict Content-Security-Policy, and serves nothing outside the renderer', async () => {
    const host = await start()
    const page = await fetch(`${host.url}/`)
    expect(page.headers.get('content-security-policy')).toContain("script-src 'self'")
    expect(await page.text()).toContain(`<meta name="till-web-token" content="${host.token}" />`)
    expect((await fetch(`${host.url}/assets/app.js`)).status).toBe(200)
    expect((await fetch(`${host.url}/assets/missing.js`)).status).toBe(404)
    const raw = (path: string) =>
      new Promise<number>((resolve) => {
        request({ host: '127.0.0.1', port: host.port, path }, (res) => resolve(res.statusCode ?? 0)).end()
      })
    expect(await raw('/../secret.txt')).toBe(404)
    expect(await raw('/..%2Fsecret.txt')).toBe(404)
    expect(await raw('/assets/%E0%A4%A')).toBe(400)
  })

  it('refuses requests whose Host header is not the loopback address it listens on', async () => {
    const host = await start()
    const status = await new Promise<number>((resolve) => {
      const req = request({ host: '127.0.0.1', port: host.port, path: '/', headers: { Host: 'evil.example:80' } }, (res) => resolve(res.statusCode ?? 0))
      req.end()
    })
    expect(status).toBe(421)
  })

  it('streams contract events to the renderer bridge, checked against the contract', async () => {
    const host = await start()
    const client = createTillClient(createWebBridge(host.token, { baseUrl: host.url }))
    const received = new Promise((resolve) => client.subscribe('prefs:changed', resolve))
    // Give the stream a moment to connect before the change happens.
    await new Promise((resolve) => setTimeout(resolve, 200))
    const saved = await client.call('prefs:setLanguage', { language: 'vi' })
    expect(saved).toMatchObject({ ok: true, value: { language: 'vi' } })
    await expect(received).resolves.toMatchObject({ language: 'vi' })
  })
})
