import { beforeEach, describe, expect, it, vi } from 'vitest'

type Listener = (...args: unknown[]) => void

const electron = vi.hoisted(() => {
  class FakeWebContents {
    listeners = new Map<string, Listener>()
    openHandler: ((details: { url: string }) => { action: string }) | null = null
    on(name: string, listener: Listener) {
      this.listeners.set(name, listener)
      return this
    }
    setWindowOpenHandler(handler: (details: { url: string }) => { action: string }) {
      this.openHandler = handler
    }
  }
  class FakeBrowserWindow {
    static last: FakeBrowserWindow | null = null
    webContents = new FakeWebContents()
    loaded: string | null = null
    constructor(readonly options: { webPreferences: Record<string, unknown> }) {
      FakeBrowserWindow.last = this
    }
    once() {}
    loadURL(url: string) {
      this.loaded = url
      return Promise.resolve()
    }
  }
  return { BrowserWindow: FakeBrowserWindow, shell: { openExternal: vi.fn(() => Promise.resolve()) } }
})
vi.mock('electron', () => electron)

import { registerContractIpc } from '../../electron/main/ipc'
import { isTrustedSender, secureWebPreferences } from '../../electron/main/security'
import { createMainWindow } from '../../electron/main/window'

const appUrl = 'app://till/index.html'

describe('Electron shell', () => {
  beforeEach(() => electron.shell.openExternal.mockClear())

  it('turns on the sandbox and context isolation and turns Node off in every renderer', () => {
    expect(secureWebPreferences('/p/preload.js')).toMatchObject({
      preload: '/p/preload.js',
      sandbox: true,
      contextIsolation: true,
      nodeIntegration: false,
      nodeIntegrationInWorker: false,
      nodeIntegrationInSubFrames: false,
      webSecurity: true,
      allowRunningInsecureContent: false,
      webviewTag: false
    })
  })

  it('trusts only the top frame of the app page', () => {
    expect(isTrustedSender({ url: appUrl, parent: null }, appUrl)).toBe(true)
    expect(isTrustedSender({ url: `${appUrl}#settings`, parent: null }, appUrl)).toBe(true)
    expect(isTrustedSender({ url: appUrl, parent: {} }, appUrl)).toBe(false)
    expect(isTrustedSender({ url: 'https://evil.example/index.html', parent: null }, appUrl)).toBe(false)
    expect(isTrustedSender({ url: 'file:///tmp/other.html', parent: null }, appUrl)).toBe(false)
    expect(isTrustedSender(null, appUrl)).toBe(false)
    expect(isTrustedSender({ url: 'not a url', parent: null }, appUrl)).toBe(false)
  })

  it('registers one RPC channel for the contract and refuses untrusted senders before the core sees them', async () => {
    type IpcHandler = (event: unknown, channel: unknown, input: unknown) => unknown
    const handlers = new Map<string, IpcHandler>()
    const dispatch = vi.fn(async () => ({ ok: true as const, value: 'from core' }))
    registerContractIpc({ handle: (channel: string, fn: IpcHandler) => handlers.set(channel, fn) } as never, dispatch, (event) =>
      isTrustedSender((event as unknown as { senderFrame: { url: string; parent: null } }).senderFrame, appUrl)
    )
    expect([...handlers.keys()]).toEqual(['till:rpc'])

    const handle = handlers.get('till:rpc')
    const refused = await handle?.({ senderFrame: { url: 'https://evil.example/', parent: null } }, 'prefs:setLanguage', { language: 'vi' })
    expect(refused).toMatchObject({ ok: false, error: { code: 'forbidden' } })
    expect(dispatch).not.toHaveBeenCalled()

    const accepted = await handle?.({ senderFrame: { url: appUrl, parent: null } }, 'prefs:setLanguage', { language: 'vi' })
    expect(accepted).toEqual({ ok: true, value: 'from core' })
    expect(dispatch).toHaveBeenCalledWith('prefs:setLanguage', { language: 'vi' })
  })

  it('blocks navigation away from the app and every new window', () => {
    createMainWindow({ preload: '/p/preload.js', appUrl, devTools: false })
    const window = electron.BrowserWindow.last
    expect(window?.options.webPreferences).toMatchObject({ sandbox: true, contextIsolation: true, nodeIntegration: false, devTools: false })
    expect(window?.loaded).toBe(appUrl)

    const navigate = window?.webContents.listeners.get('will-navigate')
    const away = { preventDefault: vi.fn() }
    navigate?.(away, 'https://evil.example/')
    expect(away.preventDefault).toHaveBeenCalled()
    const reload = { preventDefault: vi.fn() }
    navigate?.(reload, appUrl)
    expect(reload.preventDefault).not.toHaveBeenCalled()

    const webview = { preventDefault: vi.fn() }
    window?.webContents.listeners.get('will-attach-webview')?.(webview)
    expect(webview.preventDefault).toHaveBeenCalled()

    expect(window?.webContents.openHandler?.({ url: 'https://developer.vippsmobilepay.com/docs/' })).toEqual({ action: 'deny' })
    expect(electron.shell.openExternal).toHaveBeenCalledWith('https://developer.vippsmobilepay.com/docs/')
    expect(window?.webContents.openHandler?.({ url: 'https://help.example/' })).toEqual({ action: 'deny' })
    expect(window?.webContents.openHandler?.({ url: 'file:///etc/passwd' })).toEqual({ action: 'deny' })
    expect(electron.shell.openExternal).toHaveBeenCalledTimes(1)
  })
})
