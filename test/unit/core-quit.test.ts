import { EventEmitter } from 'node:events'
import { describe, expect, it } from 'vitest'
import { CoreClient, type CoreChild } from '../../electron/core/process/core-client'
import { closeCoreBeforeQuit } from '../../electron/main/quit'

/** A core that starts and then never answers `close`, as a core stuck in a long drain would. */
function stuckCore(): { spawn: () => CoreChild; killed: () => boolean } {
  let killed = false
  const spawn = (): CoreChild => {
    const events = new EventEmitter()
    return {
      pid: 1,
      post: (message) => {
        if (message.kind === 'start') setImmediate(() => events.emit('message', { kind: 'ready', tillId: 'till-stuck' }))
      },
      onMessage: (listener) => events.on('message', listener),
      onExit: (listener) => events.once('exit', listener),
      kill: () => {
        killed = true
        events.emit('exit', null)
      }
    }
  }
  return { spawn, killed: () => killed }
}

describe('quitting the till', () => {
  it('holds the quit until the core has closed, then quits once', async () => {
    const app = new EventEmitter() as EventEmitter & { quit(): void }
    let quits = 0
    let closes = 0
    let finishClose: () => void = () => undefined
    app.quit = () => {
      let prevented = false
      app.emit('before-quit', { preventDefault: () => (prevented = true) })
      if (!prevented) quits += 1
    }
    closeCoreBeforeQuit(app, () => {
      closes += 1
      return new Promise<void>((resolve) => (finishClose = resolve))
    })
    app.quit()
    app.quit() // A second Quit while the core closes changes nothing.
    expect(quits).toBe(0)
    expect(closes).toBe(1)
    finishClose()
    await new Promise((resolve) => setImmediate(resolve))
    expect(quits).toBe(1)
  })

  it('stops a core that does not close in time, so quitting never hangs', async () => {
    const core = stuckCore()
    const client = new CoreClient({ spawn: core.spawn, start: { host: 'web', version: '0', dataDir: '/nowhere', vault: null } })
    await client.start()
    const started = Date.now()
    await client.close(100)
    expect(core.killed()).toBe(true)
    expect(Date.now() - started).toBeLessThan(1000)
    // A call after closing is answered, not left waiting.
    expect(await client.dispatch('app:info', {})).toMatchObject({ ok: false, error: { code: 'internal' } })
  })
})
