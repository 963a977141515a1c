import { chmodSync, readFileSync, statSync } from 'node:fs'
import { request } from 'node:http'
import { mkdirSync, writeFileSync } from 'node:fs'
import { join } from 'node:path'
import { afterEach, describe, expect, it } from 'vitest'
import { startWebHost, type WebHost } from '../../electron/core/host/web'
import { createWebBridge } from '../../renderer/src/client/web-bridge'
import { createTillClient } from '../../renderer/src/client/till-client'
import { useCores } from '../helpers/core'
import { useTempDirs } from '../helpers/temp-dir'
import { rawRequest } from '../helpers/raw-http'
import { until } from '../helpers/until'
import type { Core } from '../../electron/core/core'

describe('web host', () => {
  const tempDir = useTempDirs()
  const openCore = useCores()
  const hosts: WebHost[] = []
  afterEach(async () => {
    for (const host of hosts.splice(0)) await host.close()
  })

  async function start(): Promise<WebHost & { dataDir: string; core: Core }> {
    const dataDir = tempDir()
    const parent = tempDir()
    const rendererDir = join(parent, 'renderer')
    mkdirSync(join(rendererDir, 'assets'), { recursive: true })
    writeFileSync(join(rendererDir, 'index.html'), '<!doctype html><html><head><title>Till</title></head><body></body></html>')
    writeFileSync(join(rendererDir, 'assets', 'app.js'), 'console.log(1)')
    writeFileSync(join(parent, 'secret.txt'), 'do not serve')
    const core = openCore({ dataDir })
    const host = await startWebHost({ core, dataDir, rendererDir, port: 0 })
    hosts.push(host)
    return { ...host, dataDir, core }
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

  it('answers a request target that is not a URL with 400 and keeps serving', async () => {
    const host = await start()
    for (const target of ['http://[', '//[/rpc/app:info', '//x:y:z/']) {
      expect(await rawRequest(host.port, `GET ${target} HTTP/1.1\r\nHost: 127.0.0.1:${host.port}\r\n\r\n`)).toBe(400)
    }
    expect((await rpc(host, 'app:info', '')).status).toBe(200)
  })

  it('signs a browser in with a one-time address traded for an httpOnly, SameSite=Strict cookie, never with the page', async () => {
    const host = await start()
    const code = (url: string) => new URL(url).hash.replace('#sign-in=', '')
    const signIn = (c: string) => fetch(`${host.url}/session`, { method: 'POST', headers: { 'Content-Type': 'application/json' }, body: JSON.stringify({ code: c }) })
    // Without a cookie the page learns only where a sign-in address is.
    expect(await (await fetch(`${host.url}/session`)).json()).toEqual({ signedIn: false, signInFile: join(host.dataDir, 'web-sign-in') })
    expect(readFileSync(join(host.dataDir, 'web-sign-in'), 'utf8').trim()).toBe(host.signInUrl)

    const answer = await signIn(code(host.signInUrl))
    expect(answer.status).toBe(200)
    const setCookie = answer.headers.get('set-cookie') ?? ''
    expect(setCookie).toMatch(/^till_session=[A-Za-z0-9_-]{40,}; HttpOnly; SameSite=Strict; Path=\/$/)
    const cookie = setCookie.split(';')[0] ?? ''
    const withCookie = (headers: Record<string, string> = {}) =>
      fetch(`${host.url}/rpc/app:info`, { method: 'POST', body: '{}', headers: { Cookie: cookie, 'Content-Type': 'application/json', ...headers } })
    expect((await withCookie()).status).toBe(200)
    expect((await withCookie({ Origin: host.url })).status).toBe(200)
    // A page on another origin that somehow sends the cookie is still refused.
    expect((await withCookie({ Origin: 'http://evil.example' })).status).toBe(401)
    expect((await fetch(`${host.url}/rpc/app:info`, { method: 'POST', body: '{}', headers: { Cookie: 'till_session=forged' } })).status).toBe(401)

    // The address works once; the file now holds a fresh one that works.
    expect((await signIn(code(host.signInUrl))).status).toBe(401)
    const fresh = readFileSync(join(host.dataDir, 'web-sign-in'), 'utf8').trim()
    expect(fresh).not.toBe(host.signInUrl)
    expect((await signIn(code(fresh))).status).toBe(200)
    expect(statSync(join(host.dataDir, 'web-sign-in')).mode & 0o777).toBe(0o600)

    // Only the bearer token mints another address.
    expect((await fetch(`${host.url}/session/code`, { method: 'POST', headers: { Cookie: cookie } })).status).toBe(401)
    const minted = (await (await fetch(`${host.url}/session/code`, { method: 'POST', headers: { Authorization: `Bearer ${host.token}` } })).json()) as { url: string }
    expect((await signIn(code(minted.url))).status).toBe(200)
  })

  it('makes an existing token file with loose permissions private before writing the new token into it', async () => {
    const dataDir = tempDir()
    const tokenFile = join(dataDir, 'web-token')
    writeFileSync(tokenFile, 'old\n', { mode: 0o644 })
    chmodSync(tokenFile, 0o644)
    const host = await startWebHost({ core: openCore({ dataDir }), dataDir, port: 0 })
    hosts.push(host)
    expect(statSync(tokenFile).mode & 0o777).toBe(0o600)
    expect(readFileSync(tokenFile, 'utf8').trim()).toBe(host.token)
  })

  it('takes each channel’s largest legal input: a 2 MB image goes through, a 1 MiB language does not', async () => {
    const host = await start()
    const image = 'A'.repeat(2_800_000)
    const upload = await rpc(host, 'receipts:image', JSON.stringify({ base64: image }))
    // Not refused for its size: it reaches the contract, which wants someone signed in.
    expect(upload.status).toBe(401)
    expect(await upload.json()).toMatchObject({ ok: false, error: { code: 'unauthenticated' } })
    expect((await rpc(host, 'prefs:setLanguage', 'x'.repeat(1024 * 1024 + 1))).status).toBe(413)
    expect((await rpc(host, 'receipts:image', 'x'.repeat(4 * 1024 * 1024))).status).toBe(413)
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

  it('serves the page with a strict Content-Security-Policy and no secret in it, and nothing outside the renderer', async () => {
    const host = await start()
    const page = await fetch(`${host.url}/`)
    expect(page.headers.get('content-security-policy')).toContain("script-src 'self'")
    const html = await page.text()
    expect(html).toContain('<title>Till</title>')
    expect(html).not.toContain(host.token)
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
    const client = createTillClient(createWebBridge({ token: host.token, baseUrl: host.url }))
    const listening = host.core.events.listeners()
    const received = new Promise((resolve) => client.subscribe('prefs:changed', resolve))
    // The change happens once the host's event stream for this client is open.
    await until(
      () => host.core.events.listeners(),
      (n) => n > listening,
      'the event stream to open'
    )
    const saved = await client.call('prefs:setLanguage', { language: 'vi' })
    expect(saved).toMatchObject({ ok: true, value: { language: 'vi' } })
    await expect(received).resolves.toMatchObject({ language: 'vi' })
  })
})
