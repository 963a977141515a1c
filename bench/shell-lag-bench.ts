import { join } from 'node:path'
import { percentile } from './stats'
import { monitorEventLoopDelay } from 'node:perf_hooks'
import { createCore, type Core } from '../electron/core/core'
import { gotItOf } from '../electron/core/providers/gotit'
import { CoreClient } from '../electron/core/process/core-client'
import { forkCore } from '../electron/core/process/node-fork'
import { spawn, type ChildProcess } from 'node:child_process'

const PIN = '4826'

/** The Got It simulator in a process of its own (`npm run sandbox`), so its work is not counted as the shell's. */
async function sandboxProcess(root: string, stock: number): Promise<{ child: ChildProcess; url: string; pin: string; uses(): Promise<Record<string, number>> }> {
  const child = spawn(process.execPath, [join(root, 'out', 'web-host', 'sandbox.mjs'), '--port', '0', '--stock', String(stock)], { stdio: ['ignore', 'pipe', 'inherit'] })
  const announced = await new Promise<{ url: string; pin: string }>((resolve, reject) => {
    let out = ''
    child.stdout?.on('data', (chunk: Buffer) => {
      out += chunk.toString()
      const line = out.split('\n').find((l) => l.includes('"provider":"gotit"'))
      if (line) resolve(JSON.parse(line) as { url: string; pin: string })
    })
    child.once('exit', (code) => reject(new Error(`the sandbox exited with ${String(code)}`)))
  })
  const uses = async () => ((await (await fetch(`${announced.url}/__sim/state`)).json()) as { uses: Record<string, number> }).uses
  return { child, ...announced, uses }
}

/** A Node process that does nothing but watch its own event loop: what any process's lag is on this machine while the drain keeps its CPUs busy. */
function idleWatcher(): { stop(): Promise<{ p99: number; max: number }> } {
  const script = `const { monitorEventLoopDelay } = require('node:perf_hooks'); const h = monitorEventLoopDelay({ resolution: 1 }); h.enable(); process.stdin.once('data', () => { h.disable(); process.stdout.write(JSON.stringify({ p99: h.percentile(99) / 1e6, max: h.max / 1e6 }) + '\\n'); process.exit(0) })`
  const child = spawn(process.execPath, ['-e', script], { stdio: ['pipe', 'pipe', 'inherit'] })
  return {
    stop: () =>
      new Promise((resolve) => {
        let out = ''
        child.stdout?.on('data', (chunk: Buffer) => (out += chunk.toString()))
        child.once('exit', () => resolve(JSON.parse(out) as { p99: number; max: number }))
        child.stdin?.write('stop\n')
      })
  }
}

/**
 * The window's side of a drain: the core in its own process (forked, as the web host and, through
 * utilityProcess, Electron's main start it) drains `rows` queued mark uses against a Got It
 * simulator in a third process, while the shell's event loop is watched and a contract call is
 * made every 50 ms, as a window asking for its Queue would. Before the core had its own process,
 * every reply waited for the drain's synchronous SQLite work (12-20 ms p99). An idle process's
 * lag is measured beside it: on two CPUs kept busy by the core and the simulator, that is what
 * waiting for a CPU costs any process, whatever it runs.
 */
export async function shellDuringDrain(root: string, dir: string, rows: number) {
  const sim = await sandboxProcess(root, rows + 10)
  const env = { ...process.env, TILL_GOTIT_MODE: 'sandbox', TILL_GOTIT_BASE_URL: sim.url, TILL_GOTIT_PIN: sim.pin }
  try {
    // The queue is filled beforehand, in this process, with the worker off.
    const seeding = createCore({ dataDir: dir, host: 'web', version: 'bench', env, startWorker: false })
    try {
      const setup = await seeding.call('auth:setup', { name: 'Bench Manager', pin: PIN })
      if (!setup.ok) throw new Error(setup.error.message)
      // The sandbox seeds plain new vouchers from 2000000000.
      for (let i = 0; i < rows; i++) gotItOf(seeding).offline.enqueueMarkUse([{ code: String(2000000000 + i), amount: 10000 }], null)
    } finally {
      await seeding.close()
    }

    const client = new CoreClient({ spawn: forkCore(join(root, 'out', 'web-host', 'core.mjs'), env), start: { host: 'web', version: 'bench', dataDir: dir, vault: null } })
    const lag = monitorEventLoopDelay({ resolution: 1 })
    const replies: number[] = []
    try {
      await client.start()
      const idle = idleWatcher()
      lag.enable()
      const started = performance.now()
      const staff = await client.dispatch('auth:staffList', {})
      const id = staff.ok ? (staff.value as { id: string }[])[0]?.id : undefined
      const signedIn = await client.dispatch('auth:signIn', { staffId: id, pin: PIN })
      if (!signedIn.ok) throw new Error(signedIn.error.message)
      for (;;) {
        const asked = performance.now()
        const waiting = await client.dispatch('journal:list', {})
        replies.push(performance.now() - asked)
        if (waiting.ok && (waiting.value as unknown[]).length === 0) break
        if (performance.now() - started > 600_000) throw new Error('the drain did not finish in ten minutes')
        await new Promise((resolve) => setTimeout(resolve, 50))
      }
      const seconds = (performance.now() - started) / 1000
      lag.disable()
      const floor = await idle.stop()
      const used = Object.values(await sim.uses())
      if (used.length !== rows || used.some((n) => n !== 1)) throw new Error('a queued voucher was not used exactly once')
      replies.sort((a, b) => a - b)
      return {
        rows,
        drain_ops_per_s: rows / seconds,
        shell_lag_p99_ms: lag.percentile(99) / 1e6,
        shell_lag_max_ms: lag.max / 1e6,
        idle_process_lag_p99_ms: floor.p99,
        reply_p50_ms: percentile(replies, 50),
        reply_p99_ms: percentile(replies, 99)
      }
    } finally {
      await client.close()
    }
  } finally {
    sim.child.kill('SIGTERM')
  }
}

/** Drains a core's journal once, watching its event loop: the rate and the lag's p99. */
export async function timedDrain(core: Core, rows: number): Promise<{ rate: number; lagP99Ms: number }> {
  const lag = monitorEventLoopDelay({ resolution: 5 })
  lag.enable()
  const started = performance.now()
  await core.context.worker.drain()
  const seconds = (performance.now() - started) / 1000
  lag.disable()
  return { rate: rows / seconds, lagP99Ms: lag.percentile(99) / 1e6 }
}

/**
 * The drain with Got It's simulator on a CPU of its own (a process of its own), as a real Got It
 * is on its own machines: the till's event loop does only the till's work. The same rows, the same
 * core, in this process.
 */
export async function drainWithRemoteProvider(root: string, dir: string, rows: number) {
  const sim = await sandboxProcess(root, rows + 10)
  const env = { ...process.env, TILL_GOTIT_MODE: 'sandbox', TILL_GOTIT_BASE_URL: sim.url, TILL_GOTIT_PIN: sim.pin }
  const core = createCore({ dataDir: dir, host: 'web', version: 'bench', env, worker: { tickMs: 3_600_000 } })
  try {
    const setup = await core.call('auth:setup', { name: 'Bench Manager', pin: PIN })
    if (!setup.ok) throw new Error(setup.error.message)
    for (let i = 0; i < rows; i++) gotItOf(core).offline.enqueueMarkUse([{ code: String(2000000000 + i), amount: 10000 }], null)
    const drained = await timedDrain(core, rows)
    const used = Object.values(await sim.uses())
    if (used.length !== rows || used.some((n) => n !== 1)) throw new Error('a queued voucher was not used exactly once')
    return { rows, drain_ops_per_s: drained.rate, lag_p99_ms: drained.lagP99Ms }
  } finally {
    await core.close()
    sim.child.kill('SIGTERM')
  }
}
