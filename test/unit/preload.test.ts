import { describe, expect, it, vi } from 'vitest'

const electron = vi.hoisted(() => {
  const exposed = new Map<string, unknown>()
  const listeners = new Map<string, Set<(event: unknown, message: unknown) => void>>()
  return {
    exposed,
    listeners,
    contextBridge: { exposeInMainWorld: (key: string, api: unknown) => exposed.set(key, api) },
    ipcRenderer: {
      invoke: vi.fn(async (ipcChannel: string, channel: string) => ({ ok: true, value: `${ipcChannel} ${channel}` })),
      on: (channel: string, listener: (event: unknown, message: unknown) => void) => {
        const set = listeners.get(channel) ?? new Set()
        set.add(listener)
        listeners.set(channel, set)
      },
      removeListener: (channel: string, listener: (event: unknown, message: unknown) => void) => listeners.get(channel)?.delete(listener)
    }
  }
})
vi.mock('electron', () => electron)

await import('../../electron/preload/index')

interface Bridge {
  invoke(channel: string, input: unknown): Promise<unknown>
  on(event: string, callback: (payload: unknown) => void): () => void
}

describe('preload bridge', () => {
  const bridge = electron.exposed.get('till') as Bridge

  it('exposes window.till and nothing else', () => {
    expect([...electron.exposed.keys()]).toEqual(['till'])
    expect(Object.keys(bridge).sort()).toEqual(['invoke', 'on'])
  })

  it('passes contract calls over the one RPC channel and refuses names that cannot be contract channels itself', async () => {
    expect(await bridge.invoke('app:info', {})).toEqual({ ok: true, value: 'till:rpc app:info' })
    expect(await bridge.invoke('ELECTRON_BROWSER_REQUIRE', {})).toMatchObject({ ok: false, error: { code: 'unknown_channel' } })
    expect(await bridge.invoke('app:info\u0000', {})).toMatchObject({ ok: false, error: { code: 'unknown_channel' } })
    expect(await bridge.invoke(42 as unknown as string, {})).toMatchObject({ ok: false, error: { code: 'unknown_channel' } })
    expect(electron.ipcRenderer.invoke).toHaveBeenCalledTimes(1)
  })

  it('delivers only the named contract event, and stops after unsubscribe', () => {
    const seen: unknown[] = []
    const off = bridge.on('prefs:changed', (payload) => seen.push(payload))
    const send = (message: unknown) => electron.listeners.get('till:event')?.forEach((listener) => listener({}, message))
    send({ name: 'providers:changed', payload: [] })
    send({ name: 'prefs:changed', payload: { language: 'vi' } })
    off()
    send({ name: 'prefs:changed', payload: { language: 'en' } })
    expect(seen).toEqual([{ language: 'vi' }])
    expect(() => bridge.on('anything', () => undefined)).toThrow(/no event named/)
    expect(() => bridge.on('__proto__', () => undefined)).toThrow(/no event named/)
  })
})
