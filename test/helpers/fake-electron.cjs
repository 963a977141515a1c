/* eslint-disable @typescript-eslint/no-require-imports -- loaded with node -r, before any module system but CommonJS */
// A stand-in for the `electron` module, loaded with `node -r` before the built main bundle, so
// the bundle can be started in plain Node (no Electron binary here) and report what it did.
const Module = require('node:module')
const { EventEmitter } = require('node:events')

const report = (what, detail) => process.stdout.write(`${JSON.stringify({ what, ...detail })}\n`)
const noop = () => undefined

class WebContents extends EventEmitter {
  setWindowOpenHandler(handler) {
    this.openHandler = handler
  }
  send() {}
  isDestroyed() {
    return false
  }
}
class BrowserWindow extends EventEmitter {
  static windows = []
  static getAllWindows() {
    return BrowserWindow.windows
  }
  constructor(options) {
    super()
    this.options = options
    this.webContents = new WebContents()
    BrowserWindow.windows.push(this)
  }
  loadURL(url) {
    report('window', { url, webPreferences: this.options.webPreferences })
    // The main process did all it does at start: leave before the core's timers keep Node alive.
    setTimeout(() => {
      report('done', {})
      process.exit(0)
    }, 200)
    return Promise.resolve()
  }
  isMinimized() {
    return false
  }
}
const protocols = []
const electron = {
  app: {
    isPackaged: process.env.FAKE_ELECTRON_PACKAGED === '1',
    enableSandbox: () => report('sandbox', {}),
    requestSingleInstanceLock: () => process.env.FAKE_ELECTRON_LOCKED !== '1',
    on: noop,
    whenReady: () => Promise.resolve(),
    getPath: () => process.env.TILL_DATA_DIR,
    getVersion: () => '0.0.0-fake',
    quit: () => {
      report('quit', {})
      process.exit(0)
    },
    exit: (code) => process.exit(code)
  },
  BrowserWindow,
  dialog: { showErrorBox: (title, message) => report('error', { title, message }) },
  ipcMain: { handle: (channel) => report('ipc', { channel }) },
  Menu: { buildFromTemplate: (template) => template, setApplicationMenu: (menu) => report('menu', { roles: JSON.stringify(menu).match(/"role":"\w+"/g) }) },
  net: { fetch: () => Promise.reject(new Error('not in plain Node')) },
  protocol: { registerSchemesAsPrivileged: (schemes) => protocols.push(...schemes) && report('schemes', { schemes }), handle: (scheme) => report('protocol', { scheme }) },
  safeStorage: { isEncryptionAvailable: () => false, getSelectedStorageBackend: () => 'unknown', encryptString: noop, decryptString: noop },
  session: { defaultSession: { setPermissionRequestHandler: () => report('permissions', { request: true }), setPermissionCheckHandler: () => report('permissions', { check: true }), webRequest: { onHeadersReceived: noop } } },
  shell: { openExternal: noop }
}

const load = Module._load
Module._load = function (request, parent, isMain) {
  if (request === 'electron') return electron
  return load.call(this, request, parent, isMain)
}
