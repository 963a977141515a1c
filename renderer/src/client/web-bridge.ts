import type { TillBridge } from './bridge'
import { SseParser } from './sse'

export const TOKEN_META = 'till-web-token'
const RECONNECT_MS = 2000

/**
 * The bridge used when the renderer is served by the web host: contract calls become
 * `POST /rpc/<channel>`, events come from `GET /events`. EventSource cannot send an
 * Authorization header, so the stream is read with fetch.
 */
export function createWebBridge(
  token: string,
  options: { baseUrl?: string; fetch?: typeof fetch } = {}
): TillBridge {
  const fetchImpl = options.fetch ?? fetch.bind(globalThis)
  const base = options.baseUrl ?? ''
  const headers = { Authorization: `Bearer ${token}` }
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

export function tokenFromPage(doc: Document): string | null {
  return doc.querySelector<HTMLMetaElement>(`meta[name="${TOKEN_META}"]`)?.content ?? null
}
