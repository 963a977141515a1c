/* eslint-disable @typescript-eslint/no-require-imports -- loaded with node -r, before any module system but CommonJS */
// A stand-in for the `electron` module, loaded with `node -r` before the built main bundle, so
// the bundle can be started in plain Node (no Electron binary here) and report what it did.
const Module = require('node:module')
const { EventEmitter } = require('node:events')
const { fork } = require('node:child_process')

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
    // Then quit at once, as the menu's Quit does: main must close the core (its call log holds
    // the last rows for 250 ms) before it goes.
    void work
      .catch((error) => report('error', { message: String(error) }))
      .then(() => {
        report('done', {})
        electron.app.quit()
      })
    return Promise.resolve()
  }
  isMinimized() {
    return false
  }
}
const protocols = []
const appEvents = new EventEmitter()

/** Electron's utilityProcess.fork, played by Node's fork: the core's entry picks the fork channel when there is no parentPort. */
class UtilityProcess extends EventEmitter {
  constructor(modulePath, args, options) {
    super()
    this.child = fork(modulePath, args ?? [], { serialization: 'advanced', stdio: ['ignore', 'inherit', 'inherit', 'ipc'] })
    this.child.on('message', (message) => this.emit('message', message))
    this.child.once('exit', (code) => {
      report('utility-exit', { code })
      this.emit('exit', code)
    })
    report('utility', { modulePath: require('node:path').basename(modulePath), serviceName: options?.serviceName })
  }
  get pid() {
    return this.child.pid
  }
  postMessage(message) {
    if (this.child.connected) this.child.send(message)
  }
  kill() {
    return this.child.kill()
  }
}
// With FAKE_ELECTRON_KEYCHAIN, a keychain that seals reversibly (enough to see the key file made and used).
const keychain = process.env.FAKE_ELECTRON_KEYCHAIN === '1'
let contract = () => Promise.reject(new Error('no contract handler was registered'))
const electron = {
  app: {
    isPackaged: process.env.FAKE_ELECTRON_PACKAGED === '1',
    enableSandbox: () => report('sandbox', {}),
    requestSingleInstanceLock: () => process.env.FAKE_ELECTRON_LOCKED !== '1',
    on: (event, listener) => appEvents.on(event, listener),
    whenReady: () => Promise.resolve(),
    getPath: () => process.env.TILL_DATA_DIR,
    getVersion: () => '0.0.0-fake',
    quit: () => {
      let prevented = false
      appEvents.emit('before-quit', { preventDefault: () => (prevented = true) })
      report(prevented ? 'quit-deferred' : 'quit', {})
      if (!prevented) process.exit(0)
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
  safeStorage: {
    isEncryptionAvailable: () => keychain,
    getSelectedStorageBackend: () => 'gnome_libsecret',
    encryptString: (plain) => Buffer.from(`fake-keychain:${Buffer.from(plain).toString('base64')}`),
    decryptString: (sealed) => Buffer.from(sealed.toString().slice('fake-keychain:'.length), 'base64').toString()
  },
  utilityProcess: { fork: (modulePath, args, options) => new UtilityProcess(modulePath, args, options) },
  session: {
    defaultSession: {
      setPermissionRequestHandler: () => report('permissions', { request: true }),
      setPermissionCheckHandler: () => report('permissions', { check: true }),
      webRequest: { onHeadersReceived: noop }
    }
  },
  shell: { openExternal: noop }
}

const load = Module._load
Module._load = function (request, parent, isMain) {
  if (request === 'electron') return electron
  return load.call(this, request, parent, isMain)
}
