import type { TillBridge } from './bridge'
import { SseParser } from './sse'
import { SIGN_IN_FRAGMENT } from '../../../shared/ipc/web-sign-in'

const RECONNECT_MS = 2000

/**
 * The bridge used when the renderer is served by the web host: contract calls become
 * `POST /rpc/<channel>`, events come from `GET /events` (read with fetch, like the calls). In a
 * browser the session cookie authenticates; a script in Node passes the host's bearer token.
 */
export function createWebBridge(options: { token?: string; baseUrl?: string; fetch?: typeof fetch } = {}): TillBridge {
  const fetchImpl = options.fetch ?? fetch.bind(globalThis)
  const base = options.baseUrl ?? ''
  const headers: Record<string, string> = options.token === undefined ? {} : { Authorization: `Bearer ${options.token}` }
  const listeners = new Map<string, Set<(payload: unknown) => void>>()
  let streaming = false

  const stream = async (): Promise<void> => {
    streaming = true
    while (listeners.size > 0) {
      try {
        const response = await fetchImpl(`${base}/events`, { headers })
        if (!response.ok || !response.body) throw new Error(`events answered ${response.status}`)
        const reader = response.body.pipeThrough(new TextDecoderStream()).getReader()
        const parser = new SseParser()
        for (;;) {
          const { value, done } = await reader.read()
          if (done) break
          for (const event of parser.push(value)) {
            let payload: unknown
            try {
              payload = JSON.parse(event.data)
            } catch {
              continue
            }
            for (const callback of listeners.get(event.event) ?? []) callback(payload)
          }
        }
      } catch {
        // The host restarted or the stream broke; try again shortly.
      }
      await new Promise((resolve) => setTimeout(resolve, RECONNECT_MS))
    }
    streaming = false
  }

  return {
    async invoke(channel, input) {
      const response = await fetchImpl(`${base}/rpc/${encodeURIComponent(channel)}`, {
        method: 'POST',
        headers: { ...headers, 'Content-Type': 'application/json' },
        body: JSON.stringify(input ?? {})
      })
      return response.json()
    },
    async exportFile(name) {
      const response = await fetchImpl(`${base}/exports/${encodeURIComponent(name)}`, { headers })
      return response.ok ? response.blob() : null
    },
    on(event, callback) {
      const set = listeners.get(event) ?? new Set()
      set.add(callback)
      listeners.set(event, set)
      if (!streaming) void stream()
      return () => {
        set.delete(callback)
        if (set.size === 0) listeners.delete(event)
      }
    }
  }
}

/**
 * Signs this browser in to the web host: a one-time code in the address (`#sign-in=…`) is traded
 * for the host's session cookie and taken out of the address bar. Throws a sentence saying where
 * to find a sign-in address when the browser is not signed in.
 */
export async function signInToWebHost(win: Window, fetchImpl: typeof fetch = fetch.bind(globalThis)): Promise<void> {
  const fragment = new URLSearchParams(win.location.hash.replace(/^#/, ''))
  const code = fragment.get(SIGN_IN_FRAGMENT)
  let answer: Response
  try {
    if (code) {
      win.history.replaceState(null, '', win.location.pathname + win.location.search)
      answer = await fetchImpl('/session', { method: 'POST', headers: { 'Content-Type': 'application/json' }, body: JSON.stringify({ code }) })
    } else {
      answer = await fetchImpl('/session')
    }
  } catch {
    throw new Error('The till’s web host could not be reached. Start it with npm run start:web and open the address it prints.')
  }
  const state = (await answer.json().catch(() => null)) as { signedIn?: boolean; signInFile?: string } | null
  if (state?.signedIn) return
  const where = state?.signInFile ? ` A fresh one is always in the file ${state.signInFile}.` : ''
  throw new Error(`${code ? 'This sign-in address was used already.' : 'This page is not signed in to the till.'} Open the one-time sign-in address that the web host printed when it started.${where}`)
}
