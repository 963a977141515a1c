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
    // The main process did all it does at start. With FAKE_ELECTRON_REDEEM, the page's first
    // redemption in training comes over the contract's IPC channel (the simulator is a chunk of
    // the bundle, loaded on first use); then leave before the core's timers keep Node alive.
    const page = { senderFrame: { url, parent: null } }
    const call = (channel, input) => contract(page, channel, input)
    const redeem = async () => {
      await call('auth:setup', { name: 'Fake Manager', pin: '4826' })
      const check = await call('redeem:check', { codes: ['2000000001'] })
      const redeemed = check.ok ? await call('redeem:redeem', { billNumber: check.value.billNumber }) : check
      report('redeemed', { ok: redeemed.ok, status: redeemed.ok ? redeemed.value.status : redeemed.error.message })
    }
    const work = process.env.FAKE_ELECTRON_REDEEM === '1' ? redeem() : Promise.resolve()
    void work
      .catch((error) => report('error', { message: String(error) }))
      .then(() => new Promise((resolve) => setTimeout(resolve, 200)))
      .then(() => {
        report('done', {})
        process.exit(0)
      })
    return Promise.resolve()
  }
  isMinimized() {
    return false
  }
}
const protocols = []
let contract = () => Promise.reject(new Error('no contract handler was registered'))
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
  ipcMain: {
    handle: (channel, handler) => {
      contract = handler
      report('ipc', { channel })
    }
  },
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
