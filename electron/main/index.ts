import { app, BrowserWindow, dialog, ipcMain, Menu, net, protocol, safeStorage, session } from 'electron'
import { join } from 'node:path'
import { pathToFileURL } from 'node:url'
import { createCore, type Core } from '../core/core'
import { resolveDataDir } from '../core/data-dir'
import { keepServingOnUnhandledRejections } from '../core/process-guard'
import { CONTENT_SECURITY_POLICY, DEV_CONTENT_SECURITY_POLICY } from '../core/host/csp'
import { APP_SCHEME, APP_URL, appFileFor } from './app-protocol'
import { forwardEvents, registerContractIpc } from './ipc'
import { menuTemplate } from './menu'
import { createSafeStorageVault } from './secret-vault'
import { isTrustedSender } from './security'
import { startAutoUpdates } from './updates'
import { createMainWindow } from './window'

app.enableSandbox()
// The page has an origin of its own (app://till), not file://, which would reach every file on the disk.
protocol.registerSchemesAsPrivileged([{ scheme: APP_SCHEME, privileges: { standard: true, secure: true, supportFetchAPI: true } }])

const devServerUrl = process.env['ELECTRON_RENDERER_URL']
const rendererDir = join(__dirname, '../renderer')
const appUrl = devServerUrl ?? APP_URL
const policy = devServerUrl === undefined ? CONTENT_SECURITY_POLICY : DEV_CONTENT_SECURITY_POLICY

/** app://till/… answers the renderer's files only, with the CSP as a header. */
function serveApp(): void {
  protocol.handle(APP_SCHEME, async (request) => {
    const file = appFileFor(request.url, rendererDir)
    if (!file) return new Response('Not found', { status: 404 })
    const response = await net.fetch(pathToFileURL(file).toString())
    const headers = new Headers(response.headers)
    headers.set('Content-Security-Policy', policy)
    headers.set('X-Content-Type-Options', 'nosniff')
    return new Response(response.body, { status: response.status, headers })
  })
}

function harden(): void {
  // Nothing the page asks for (camera, notifications, clipboard reads, …) is granted or even reported as granted.
  session.defaultSession.setPermissionRequestHandler((_contents, _permission, callback) => callback(false))
  session.defaultSession.setPermissionCheckHandler(() => false)
  session.defaultSession.webRequest.onHeadersReceived((details, callback) => {
    callback({
      responseHeaders: { ...details.responseHeaders, 'Content-Security-Policy': [policy] }
    })
  })
  app.on('web-contents-created', (_event, contents) => {
    contents.setWindowOpenHandler(() => ({ action: 'deny' }))
    contents.on('will-attach-webview', (event) => event.preventDefault())
  })
}

function openWindow(core: Core): void {
  const window = createMainWindow({ preload: join(__dirname, '../preload/index.js'), appUrl, devTools: !app.isPackaged })
  const stop = forwardEvents(core.events, window.webContents)
  window.on('closed', stop)
}

async function start(): Promise<void> {
  await app.whenReady()
  serveApp()
  harden()
  Menu.setApplicationMenu(Menu.buildFromTemplate(menuTemplate({ packaged: app.isPackaged, platform: process.platform })))
  let core: Core
  try {
    core = createCore({
      dataDir: resolveDataDir(process.env, app.getPath('userData')),
      host: 'electron',
      version: app.getVersion(),
      env: process.env,
      vault: createSafeStorageVault(safeStorage)
    })
  } catch (error) {
    dialog.showErrorBox('Till could not start', error instanceof Error ? error.message : String(error))
    app.exit(1)
    return
  }
  keepServingOnUnhandledRejections(core.context.log)
  registerContractIpc(ipcMain, core.dispatch, (event) => isTrustedSender(event.senderFrame, appUrl))
  openWindow(core)
  if (app.isPackaged) startAutoUpdates(process.env['TILL_UPDATE_URL'], (message) => core.context.log.warn(message))
  app.on('activate', () => {
    if (BrowserWindow.getAllWindows().length === 0) openWindow(core)
  })
  app.on('window-all-closed', () => {
    void core.close().finally(() => app.quit())
  })
}

if (!app.requestSingleInstanceLock()) {
  // Two tills on one data folder would fight over the journal; the second one gives way.
  app.quit()
} else {
  app.on('second-instance', () => {
    const [window] = BrowserWindow.getAllWindows()
    if (window) {
      if (window.isMinimized()) window.restore()
      window.focus()
    }
  })
  void start()
}
