import { resolve, sep } from 'node:path'

/** The page is served from `app://till/…`, not file://: a standard, secure origin of its own that reaches only the renderer's files. */
export const APP_SCHEME = 'app'
export const APP_HOST = 'till'
export const APP_URL = `${APP_SCHEME}://${APP_HOST}/index.html`

/**
 * The renderer file an `app://till/…` request names, or null for another host, a path that
 * leaves the renderer folder, or a malformed URL. Anything without an extension is the page.
 */
export function appFileFor(url: string, rendererDir: string): string | null {
  let parsed: URL
  try {
    parsed = new URL(url)
  } catch {
    return null
  }
  if (parsed.protocol !== `${APP_SCHEME}:` || parsed.host !== APP_HOST) return null
  let path: string
  try {
    path = decodeURIComponent(parsed.pathname)
  } catch {
    return null
  }
  if (path.includes('\0')) return null
  const root = resolve(rendererDir)
  const file = resolve(root, `.${path === '/' || !/\.[a-z0-9]+$/i.test(path) ? '/index.html' : path}`)
  return file.startsWith(root + sep) ? file : null
}
