import { app, BrowserWindow, dialog, ipcMain, Menu, net, protocol, safeStorage, session } from 'electron'
import { join } from 'node:path'
import { pathToFileURL } from 'node:url'
import { resolveDataDir } from '../core/data-dir'
import { keepServingOnUnhandledRejections } from '../core/process-guard'
import { CONTENT_SECURITY_POLICY, DEV_CONTENT_SECURITY_POLICY } from '../core/host/csp'
import { createFileLogger } from '../core/log/logger'
import { CoreClient } from '../core/process/core-client'
import { loadVaultKey, VAULT_KEY_FILE } from '../core/settings/vault-key-file'
import { ensurePrivateDir } from '../core/private-files'
import { APP_SCHEME, APP_URL, appFileFor } from './app-protocol'
import { utilityCore } from './core-process'
import { forwardEvents, registerContractIpc } from './ipc'
import { menuTemplate } from './menu'
import { closeCoreBeforeQuit } from './quit'
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

function openWindow(core: CoreClient): void {
  const window = createMainWindow({ preload: join(__dirname, '../preload/index.js'), appUrl, devTools: !app.isPackaged })
  const stop = forwardEvents(core.events, window.webContents)
  window.on('closed', stop)
}

/**
 * Main keeps the window, the keychain, the menu, updates and the app:// protocol. The core (SQLite,
 * the journal, the provider clients) runs in a utility process, so a drain or an export never
 * holds up the window's replies; main starts it, answers its keychain requests, and starts it
 * again if it stops.
 */
async function start(): Promise<void> {
  await app.whenReady()
  serveApp()
  harden()
  Menu.setApplicationMenu(Menu.buildFromTemplate(menuTemplate({ packaged: app.isPackaged, platform: process.platform })))
  const dataDir = resolveDataDir(process.env, app.getPath('userData'))
  ensurePrivateDir(dataDir)
  const log = createFileLogger({ dataDir, file: 'shell.log' })
  keepServingOnUnhandledRejections(log)
  const keychain = createSafeStorageVault(safeStorage)
  const core = new CoreClient({
    spawn: utilityCore(join(__dirname, 'core.js')),
    start: { host: 'electron', version: app.getVersion(), dataDir, vault: loadVaultKey(join(dataDir, VAULT_KEY_FILE), keychain, (message) => log.warn(message)) },
    unseal: (sealed) => keychain.open(sealed),
    log: (message, detail) => log.warn(message, detail)
  })
  try {
    await core.start()
  } catch (error) {
    dialog.showErrorBox('Till could not start', error instanceof Error ? error.message : String(error))
    app.exit(1)
    return
  }
  closeCoreBeforeQuit(app, (timeoutMs) => core.close(timeoutMs))
  registerContractIpc(ipcMain, core.dispatch, (event) => isTrustedSender(event.senderFrame, appUrl))
  openWindow(core)
  if (app.isPackaged) startAutoUpdates(process.env['TILL_UPDATE_URL'], (message) => log.warn(message))
  app.on('activate', () => {
    if (BrowserWindow.getAllWindows().length === 0) openWindow(core)
  })
  app.on('window-all-closed', () => app.quit())
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
