import { readFileSync } from 'node:fs'
import { join, resolve } from 'node:path'
import { createCore } from '../core'
import { resolveDataDir } from '../data-dir'
import { DatabaseTooNewError } from '../db/migrations'
import { startWebHost } from './web'
import { keepServingOnUnhandledRejections } from '../process-guard'

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
  // Built to out/web-host/index.mjs, beside out/renderer; package.json is two folders up.
  const here = import.meta.dirname
  const root = resolve(here, '..', '..')
  const { version } = JSON.parse(readFileSync(join(root, 'package.json'), 'utf8')) as { version: string }
  const dataDir = resolveDataDir(process.env, join(process.cwd(), '.till-data'))
  const port = parsePort(process.env['TILL_PORT'])

  // Secrets come only from the environment here (TILL_GOTIT_PIN, …); nothing secret is written to disk.
  // How often the back office's outbox is looked at, and how often a quiet till says it is alive (tests shorten both); the sender's defaults otherwise.
  const whole = (name: string): number | null => {
    const value = Number(process.env[name] ?? '')
    return Number.isInteger(value) && value > 0 ? value : null
  }
  const interval = whole('TILL_BACKOFFICE_INTERVAL_MS')
  const heartbeat = whole('TILL_BACKOFFICE_HEARTBEAT_MS')
  const backoffice = { ...(interval ? { intervalMs: interval } : {}), ...(heartbeat ? { heartbeatMs: heartbeat } : {}) }
  const core = createCore({ dataDir, host: 'web', version, env: process.env, ...(Object.keys(backoffice).length > 0 ? { backoffice } : {}) })
  keepServingOnUnhandledRejections(core.context.log)
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
  if (error instanceof DatabaseTooNewError || error instanceof Error) console.error(`Till could not start: ${error.message}`)
  else console.error('Till could not start:', error)
  process.exit(1)
})
