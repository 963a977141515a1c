import { join } from 'node:path'
import { describe, expect, it } from 'vitest'
import { APP_URL, appFileFor } from '../../electron/main/app-protocol'
import { mayOpenExternally } from '../../electron/main/external-links'
import { menuTemplate } from '../../electron/main/menu'
import { CONTENT_SECURITY_POLICY } from '../../electron/core/host/csp'

const renderer = join('/opt', 'till', 'resources', 'app.asar', 'out', 'renderer')

describe('the packaged shell', () => {
  it('serves app://till from the renderer folder only: the page for routes, files by path, nothing outside', () => {
    expect(APP_URL).toBe('app://till/index.html')
    expect(appFileFor('app://till/index.html', renderer)).toBe(join(renderer, 'index.html'))
    expect(appFileFor('app://till/', renderer)).toBe(join(renderer, 'index.html'))
    expect(appFileFor('app://till/settings', renderer)).toBe(join(renderer, 'index.html'))
    expect(appFileFor('app://till/assets/index-abc.js', renderer)).toBe(join(renderer, 'assets', 'index-abc.js'))
    expect(appFileFor('app://till/../../secrets.txt', renderer)).toBe(join(renderer, 'secrets.txt'))
    // The URL itself resolves dot segments; an encoded slash is decoded only after, and is caught.
    expect(appFileFor('app://till/%2e%2e/%2e%2e/etc/passwd.txt', renderer)).toBe(join(renderer, 'etc', 'passwd.txt'))
    expect(appFileFor('app://till/assets%2F..%2F..%2F..%2Fsecret.js', renderer)).toBeNull()
    expect(appFileFor('app://till/a%00b.js', renderer)).toBeNull()
    expect(appFileFor('app://other/index.html', renderer)).toBeNull()
    expect(appFileFor('file:///etc/passwd', renderer)).toBeNull()
    expect(appFileFor('not a url', renderer)).toBeNull()
  })

  it('opens only https links to the providers’ own pages in the system browser', () => {
    expect(mayOpenExternally('https://developer.vippsmobilepay.com/docs/APIs/order-management-api/')).toBe(true)
    expect(mayOpenExternally('https://docs.juspay.io/api-reference')).toBe(true)
    expect(mayOpenExternally('http://developer.vippsmobilepay.com/')).toBe(false)
    expect(mayOpenExternally('https://developer.vippsmobilepay.com.evil.example/')).toBe(false)
    expect(mayOpenExternally('https://evilvippsmobilepay.com/')).toBe(false)
    expect(mayOpenExternally('https://user:pass@docs.juspay.io/')).toBe(false)
    expect(mayOpenExternally('file:///etc/passwd')).toBe(false)
    expect(mayOpenExternally('javascript:alert(1)')).toBe(false)
    expect(mayOpenExternally('https://example.com/')).toBe(false)
  })

  it('gives a packaged till a menu without DevTools or Reload; a developer’s build keeps them', () => {
    const roles = (packaged: boolean) =>
      JSON.stringify(menuTemplate({ packaged, platform: 'linux' }))
        .match(/"role":"(\w+)"/g)
        ?.map((r) => r.slice(8, -1)) ?? []
    expect(roles(true)).not.toContain('toggleDevTools')
    expect(roles(true)).not.toContain('reload')
    expect(roles(true)).not.toContain('forceReload')
    expect(roles(true)).toContain('copy')
    expect(roles(false)).toEqual(expect.arrayContaining(['toggleDevTools', 'reload']))
    expect(JSON.stringify(menuTemplate({ packaged: true, platform: 'darwin' }))).toContain('"role":"about"')
  })

  it('sends a Content-Security-Policy with no inline scripts, no eval and no framing', () => {
    expect(CONTENT_SECURITY_POLICY).toContain("script-src 'self'")
    expect(CONTENT_SECURITY_POLICY).toContain("frame-ancestors 'none'")
    expect(CONTENT_SECURITY_POLICY).not.toMatch(/unsafe-(inline|eval)/)
  })
})
