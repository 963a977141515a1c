import { runCoreProcess } from './core-process'
import type { FromCore, MessageLine } from './protocol'

/** Electron's utility process gives the child `process.parentPort`; Node's fork gives it `process.send`. */
interface ParentPort {
  postMessage(message: unknown): void
  on(event: 'message', listener: (event: { data: unknown }) => void): void
}

function lineToShell(): MessageLine<FromCore> {
  const parentPort = (process as { parentPort?: ParentPort }).parentPort
  if (parentPort) return { post: (message) => parentPort.postMessage(message), onMessage: (listener) => parentPort.on('message', (event) => listener(event.data)) }
  const send = process.send?.bind(process)
  if (!send) throw new Error('The till’s core runs as a child of the till’s shell (Electron’s main process or the web host), not on its own.')
  return { post: (message) => void send(message), onMessage: (listener) => process.on('message', listener) }
}

const line = lineToShell()
// The last message (closed, or why it could not start) must reach the shell before the process ends.
const exit = (code: number): void => {
  if (process.send) process.send({ kind: 'exiting', code } satisfies FromCore, () => process.exit(code))
  else setImmediate(() => process.exit(code))
}
const core = runCoreProcess(line, process.env, exit)
// The core lives until its shell says close (or goes away): a listener on Electron's parentPort
// alone has been seen not to hold a packaged utility process open (electron/electron#42978).
setInterval(() => undefined, 2 ** 30)
// Under Node's fork the channel closes when the shell goes; Electron ends a utility process with its parent itself.
process.on('disconnect', () => core.shellGone())
