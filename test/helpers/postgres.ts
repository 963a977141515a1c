import { execFile } from 'node:child_process'
import { chownSync, existsSync, mkdirSync, mkdtempSync, readdirSync, rmSync, writeFileSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { promisify } from 'node:util'
import pg from 'pg'
import { freePort } from './free-port'

const run = promisify(execFile)

/** Where Debian's `postgresql` package puts initdb and pg_ctl (TILL_PG_BIN wins); null when there is none. */
export function postgresBin(): string | null {
  const fromEnv = process.env['TILL_PG_BIN']
  if (fromEnv) return existsSync(join(fromEnv, 'initdb')) ? fromEnv : null
  const root = '/usr/lib/postgresql'
  if (!existsSync(root)) return null
  const versions = readdirSync(root)
    .filter((v) => existsSync(join(root, v, 'bin', 'initdb')))
    .sort((a, b) => Number(b) - Number(a))
  return versions[0] ? join(root, versions[0], 'bin') : null
}

/** Records for `npm test`'s closing lines whether the back office's tests had a real PostgreSQL server. */
export function notePostgres(available: boolean): void {
  const reports = join(process.cwd(), '.tmp', 'test-reports')
  mkdirSync(reports, { recursive: true })
  writeFileSync(join(reports, 'postgres.json'), JSON.stringify({ available }))
}

export interface PostgresCluster {
  /** A connection string for a new, empty database of its own. */
  database(): Promise<string>
  /** Stops the server the way a crash would (SIGKILL of the postmaster: in-flight transactions are lost). */
  crash(): Promise<void>
  /** Starts it again on the same port and data. */
  restart(): Promise<void>
  stop(): Promise<void>
}

/**
 * A throwaway PostgreSQL cluster in a temporary folder, on 127.0.0.1 and a free port, as the
 * README's tests need. PostgreSQL refuses to run as root, so as root it runs as the `postgres`
 * user the Debian package makes. `fsync` stays on unless the caller turns it off.
 */
export async function startPostgres(options: { fsync?: boolean } = {}): Promise<PostgresCluster> {
  const bin = postgresBin()
  if (!bin) throw new Error('PostgreSQL is not installed here (apt-get install -y postgresql, or set TILL_PG_BIN).')
  const root = process.getuid?.() === 0
  const dir = mkdtempSync(join(tmpdir(), 'till-pg-'))
  const owner = root ? await run('id', ['-u', 'postgres']).then((r) => Number(r.stdout.trim())) : null
  if (owner !== null) chownSync(dir, owner, owner)
  const as = (command: string, args: string[]) => (root ? run('runuser', ['-u', 'postgres', '--', join(bin, command), ...args]) : run(join(bin, command), args))
  await as('initdb', ['-D', join(dir, 'data'), '-A', 'trust', '-U', 'till', '--no-sync', '-E', 'UTF8', '--locale', 'C'])
  const port = await freePort()
  const settings = `-p ${port} -k ${dir} -c listen_addresses=127.0.0.1 -c max_connections=300${options.fsync === false ? ' -c fsync=off -c synchronous_commit=off' : ''}`
  const start = () => as('pg_ctl', ['-D', join(dir, 'data'), '-l', join(dir, 'log'), '-w', '-t', '60', 'start', '-o', settings])
  await start()
  let made = 0
  return {
    async database() {
      const name = `t${process.pid}_${++made}`
      const admin = new pg.Client({ connectionString: `postgres://till@127.0.0.1:${port}/postgres` })
      await admin.connect()
      await admin.query(`CREATE DATABASE ${name}`)
      await admin.end()
      return `postgres://till@127.0.0.1:${port}/${name}`
    },
    async crash() {
      const pid = (await run('head', ['-1', join(dir, 'data', 'postmaster.pid')])).stdout.trim()
      process.kill(Number(pid), 'SIGKILL')
      // The postmaster's children go with it once it is gone; wait until the port is free.
      for (let i = 0; i < 200 && existsSync(join(dir, 'data', 'postmaster.pid')); i++) {
        try {
          process.kill(Number(pid), 0)
        } catch {
          break
        }
        await new Promise((resolve) => setTimeout(resolve, 25))
      }
    },
    restart: async () => {
      await start()
    },
    async stop() {
      await as('pg_ctl', ['-D', join(dir, 'data'), '-w', '-m', 'immediate', 'stop']).catch(() => undefined)
      rmSync(dir, { recursive: true, force: true })
    }
  }
}
