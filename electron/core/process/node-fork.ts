import { fork } from 'node:child_process'
import type { CoreChild, SpawnCore } from './core-client'

/**
 * The core's process under plain Node (the web host, tests, benchmarks), standing in for
 * Electron's `utilityProcess.fork`. A crash point the crash tests arm fires in the first core
 * only, so the one started again shows the recovery.
 */
export function forkCore(entry: string, env: NodeJS.ProcessEnv = process.env): SpawnCore {
  return (attempt) => {
    const childEnv = attempt === 0 ? env : Object.fromEntries(Object.entries(env).filter(([name]) => name !== 'TILL_CRASH_AT'))
    const child = fork(entry, [], { env: childEnv, serialization: 'advanced', stdio: ['ignore', 'inherit', 'inherit', 'ipc'] })
    const core: CoreChild = {
      get pid() {
        return child.pid
      },
      post: (message) => {
        if (child.connected) child.send(message)
      },
      onMessage: (listener) => child.on('message', listener),
      onExit: (listener) => child.once('exit', (code) => listener(code)),
      kill: () => void child.kill('SIGKILL')
    }
    return core
  }
}
