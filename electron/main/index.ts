import { app, BrowserWindow, dialog, ipcMain, safeStorage, session } from 'electron'
import { join } from 'node:path'
import { pathToFileURL } from 'node:url'
import { createCore, type Core } from '../core/core'
import { resolveDataDir } from '../core/data-dir'
import { CONTENT_SECURITY_POLICY, DEV_CONTENT_SECURITY_POLICY } from '../core/host/csp'
import { forwardEvents, registerContractIpc } from './ipc'
import { createSafeStorageVault } from './secret-vault'
import { isTrustedSender } from './security'
import { createMainWindow } from './window'

app.enableSandbox()

const devServerUrl = process.env['ELECTRON_RENDERER_URL']
const appUrl = devServerUrl ?? pathToFileURL(join(__dirname, '../renderer/index.html')).toString()
const policy = devServerUrl === undefined ? CONTENT_SECURITY_POLICY : DEV_CONTENT_SECURITY_POLICY

function harden(): void {
  session.defaultSession.setPermissionRequestHandler((_contents, _permission, callback) => callback(false))
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
  const window = createMainWindow({ preload: join(__dirname, '../preload/index.js'), appUrl })
  const stop = forwardEvents(core.events, window.webContents)
  window.on('closed', stop)
}

async function start(): Promise<void> {
  await app.whenReady()
  harden()
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
  registerContractIpc(ipcMain, core.dispatch, (event) => isTrustedSender(event.senderFrame, appUrl))
  openWindow(core)
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
