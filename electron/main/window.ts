import { BrowserWindow, shell } from 'electron'
import { mayOpenExternally } from './external-links'
import { secureWebPreferences } from './security'

export interface WindowOptions {
  preload: string
  /** The page's URL: the renderer file, or the dev server under `electron-vite dev`. */
  appUrl: string
  /** DevTools only outside a packaged till. */
  devTools: boolean
  icon?: string
}

export function createMainWindow(options: WindowOptions): BrowserWindow {
  const window = new BrowserWindow({
    width: 1280,
    height: 800,
    minWidth: 960,
    minHeight: 640,
    show: false,
    title: 'Till',
    autoHideMenuBar: true,
    backgroundColor: '#f6f7f9',
    ...(options.icon === undefined ? {} : { icon: options.icon }),
    webPreferences: secureWebPreferences(options.preload, options.devTools)
  })
  window.once('ready-to-show', () => window.show())
  window.webContents.on('will-navigate', (event, url) => {
    if (url !== options.appUrl) event.preventDefault()
  })
  window.webContents.on('will-redirect', (event) => event.preventDefault())
  window.webContents.on('will-attach-webview', (event) => event.preventDefault())
  window.webContents.setWindowOpenHandler(({ url }) => {
    // A provider's help or portal page opens in the system browser, never in the till; other links go nowhere.
    if (mayOpenExternally(url)) void shell.openExternal(url)
    return { action: 'deny' }
  })
  void window.loadURL(options.appUrl)
  return window
}
