import { readFileSync } from 'node:fs'
import { join, resolve } from 'node:path'
import { resolveDataDir } from '../data-dir'
import { startWebHost } from './web'
import { CoreClient } from '../process/core-client'
import { forkCore } from '../process/node-fork'
import { keepServingOnUnhandledRejections } from '../process-guard'
import type { TillEvent } from '../events'

const DEFAULT_PORT = 5710

function parsePort(value: string | undefined): number {
  if (value === undefined || value.trim() === '') return DEFAULT_PORT
  const port = Number(value)
  if (!Number.isInteger(port) || port < 0 || port > 65535) {
    throw new Error(`TILL_PORT must be a port number from 0 to 65535, not "${value}".`)
  }
  return port
}

async function main(): Promise<void> {
  // Built to out/web-host/index.mjs, beside out/renderer and the core's entry; package.json is two folders up.
  const here = import.meta.dirname
  const root = resolve(here, '..', '..')
  const { version } = JSON.parse(readFileSync(join(root, 'package.json'), 'utf8')) as { version: string }
  const dataDir = resolveDataDir(process.env, join(process.cwd(), '.till-data'))
  const port = parsePort(process.env['TILL_PORT'])

  // The core runs in a process of its own, as under Electron. Secrets come only from the
  // environment here (TILL_GOTIT_PIN, …): no vault key, nothing secret written to disk.
  const core = new CoreClient({
    spawn: forkCore(join(here, 'core.mjs')),
    start: { host: 'web', version, dataDir, vault: null },
    log: (message, detail) => console.error(`[till] ${message}`, detail ?? '')
  })
  keepServingOnUnhandledRejections({ error: (message, detail) => console.error(`[till] ${message}`, detail ?? '') })
  core.events.subscribe((event) => {
    if (event.name === 'core:changed' && (event as TillEvent<'core:changed'>).payload.state === 'running') console.log(`The till’s core is running again (pid ${String(core.pid)}).`)
  })
  await core.start()
  const host = await startWebHost({ core, dataDir, port, rendererDir: join(root, 'out', 'renderer') }).catch(async (error: unknown) => {
    await core.close()
    if (error instanceof Error && 'code' in error && error.code === 'EADDRINUSE') {
      throw new Error(`Port ${port} is already in use. Stop the other program or choose another port with TILL_PORT.`)
    }
    throw error
  })

  console.log(`Till web host is running at ${host.url}`)
  console.log(`Open the till in a browser with this one-time sign-in address: ${host.signInUrl}`)
  console.log(`(Each address signs in one browser once; a fresh one is always in ${host.signInFile}.)`)
  console.log(`Data folder: ${dataDir}`)
  console.log(`The till’s core runs in its own process (pid ${String(core.pid)}).`)
  console.log(`Scripts: send Authorization: Bearer <the token in ${host.tokenFile}> to POST /rpc/<channel> and GET /events. Press Ctrl+C to stop.`)

  const stop = (): void => {
    void host
      .close()
      .then(() => core.close())
      .then(() => process.exit(0))
  }
  process.once('SIGINT', stop)
  process.once('SIGTERM', stop)
}

main().catch((error: unknown) => {
  console.error(`Till could not start: ${error instanceof Error ? error.message : String(error)}`)
  process.exit(1)
})
