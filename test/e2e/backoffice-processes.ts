import { spawn, spawnSync, type ChildProcess } from 'node:child_process'

/** A process started for a test, with what it printed and a promise of its end. */
export interface Started {
  child: ChildProcess
  exited: Promise<number | null>
  output(): string
}

function start(args: string[], env: Record<string, string>, ready: RegExp): Promise<Started & { match: RegExpExecArray }> {
  const child = spawn(process.execPath, args, { env: { ...process.env, ...env }, stdio: ['ignore', 'pipe', 'pipe'] })
  let out = ''
  const exited = new Promise<number | null>((resolve) => child.once('exit', (code) => resolve(code)))
  return new Promise((resolve, reject) => {
    const timer = setTimeout(() => reject(new Error(`${args.join(' ')} did not start:\n${out}`)), 30_000)
    const onData = (chunk: Buffer): void => {
      out += chunk.toString()
      const match = ready.exec(out)
      if (match) {
        clearTimeout(timer)
        resolve({ child, exited, output: () => out, match })
      }
    }
    child.stdout.on('data', onData)
    child.stderr.on('data', onData)
    void exited.then((code) => {
      clearTimeout(timer)
      reject(new Error(`${args.join(' ')} exited with ${code}:\n${out}`))
    })
  })
}

/** The built back office (`npm run backoffice`) on a free port, against `databaseUrl`. */
export async function startBackoffice(databaseUrl: string, port = 0, env: Record<string, string> = {}): Promise<Started & { url: string }> {
  const started = await start(['out/backoffice/index.mjs'], { DATABASE_URL: databaseUrl, BACKOFFICE_PORT: String(port), ...env }, /running at (http:\/\/127\.0\.0\.1:\d+)/)
  return { ...started, url: started.match[1] ?? '' }
}

/** `npm run backoffice -- enrol --store …`: a one-time enrolment code. */
export async function enrolmentCode(databaseUrl: string, store: string, name = `Store ${store}`): Promise<string> {
  const started = await start(
    ['out/backoffice/index.mjs', 'enrol', '--store', store, '--name', name, '--time-zone', 'Asia/Kolkata'],
    { DATABASE_URL: databaseUrl },
    /Enrolment code for store \S+: ([A-Z0-9-]+)/
  )
  await started.exited
  return started.match[1] ?? ''
}

/** `npm run backoffice -- add-user …`, the password given on stdin as a script would. */
export function addUser(databaseUrl: string, user: { login: string; name: string; role: 'head_office' | 'store_manager'; stores?: string[]; password: string }): void {
  const args = ['out/backoffice/index.mjs', 'add-user', '--login', user.login, '--name', user.name, '--role', user.role, ...(user.stores ?? []).flatMap((s) => ['--store', s])]
  const done = spawnSync(process.execPath, args, { env: { ...process.env, DATABASE_URL: databaseUrl }, input: `${user.password}\n`, encoding: 'utf8' })
  if (done.status !== 0) throw new Error(`add-user failed: ${done.stdout}${done.stderr}`)
}

export interface WebTill extends Started {
  url: string
  rpc<T = unknown>(channel: string, input?: unknown): Promise<{ ok: boolean; value?: T; error?: { code: string; message: string } }>
}

/** The built web host on a data folder, with extra environment (training mode unless told otherwise). */
export async function startWebTill(dataDir: string, env: Record<string, string> = {}): Promise<WebTill> {
  const started = await start(['out/web-host/index.mjs'], { TILL_DATA_DIR: dataDir, TILL_PORT: '0', ...env }, /running at (http:\/\/127\.0\.0\.1:\d+)/)
  const url = started.match[1] ?? ''
  const { readFileSync } = await import('node:fs')
  const { join } = await import('node:path')
  const token = readFileSync(join(dataDir, 'web-token'), 'utf8').trim()
  return {
    ...started,
    url,
    rpc: async (channel, input = {}) => {
      const response = await fetch(`${url}/rpc/${channel}`, { method: 'POST', headers: { Authorization: `Bearer ${token}`, 'Content-Type': 'application/json' }, body: JSON.stringify(input) })
      return (await response.json()) as never
    }
  }
}
