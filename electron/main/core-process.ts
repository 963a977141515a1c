import { utilityProcess } from 'electron'
import type { CoreChild, SpawnCore } from '../core/process/core-client'

/** The core in an Electron utility process (Chromium's services, Node inside): the same protocol Node's fork carries in tests. */
export function utilityCore(entry: string): SpawnCore {
  return () => {
    const child = utilityProcess.fork(entry, [], { serviceName: 'Till core', stdio: 'inherit' })
    const core: CoreChild = {
      get pid() {
        return child.pid
      },
      post: (message) => child.postMessage(message),
      onMessage: (listener) => child.on('message', listener),
      onExit: (listener) => child.once('exit', (code) => listener(code)),
      kill: () => void child.kill()
    }
    return core
  }
}
