import { existsSync } from 'node:fs'
import { dirname, join, resolve } from 'node:path'
import { createInterface } from 'node:readline'
import { fileURLToPath } from 'node:url'
import { parseArgs } from 'node:util'
import { z } from 'zod'
import { NewUserSchema } from '../../shared/backoffice/screens'
import { createUser, DEFAULT_SIGN_IN_POLICY, unlockFromCommandLine } from './auth/accounts'
import { DEFAULT_TILL_THRESHOLDS } from './screens/tills-view'
import { ensurePartitions } from './db/partitions'
import { openDatabase } from './open'
import { buildServer } from './server'
import { createEnrolmentCode, Refused, revoke, tillStatuses } from './tills'

const EnvSchema = z.object({
  DATABASE_URL: z.string().optional(),
  BACKOFFICE_DATA_DIR: z.string().default('.backoffice-data'),
  BACKOFFICE_HOST: z.string().default('127.0.0.1'),
  BACKOFFICE_PORT: z.coerce.number().int().min(0).max(65535).default(5800),
  BACKOFFICE_ADMIN_TOKEN: z.string().min(16).optional(),
  BACKOFFICE_STOPPED_AFTER_MINUTES: z.coerce.number().min(0.05).max(10_080).default(DEFAULT_TILL_THRESHOLDS.stoppedAfterMinutes),
  BACKOFFICE_SKEW_LIMIT_SECONDS: z.coerce.number().min(1).max(86_400).default(DEFAULT_TILL_THRESHOLDS.skewLimitSeconds),
  BACKOFFICE_PASSWORD_RETRY_DELAY_MS: z.coerce.number().int().min(0).max(3_600_000).default(DEFAULT_SIGN_IN_POLICY.baseDelayMs),
  /** Only to try the service over plain http from another computer: a browser drops a Secure cookie there. */
  BACKOFFICE_INSECURE_COOKIE: z.enum(['0', '1']).default('0'),
  BACKOFFICE_TRUST_PROXY: z.string().default('loopback')
})

const usage = `npm run backoffice                       serve the tills' API (DATABASE_URL, or PGlite in BACKOFFICE_DATA_DIR)
npm run backoffice -- enrol --store ID [--name NAME --time-zone ZONE]
                                         a one-time enrolment code for a till of that store
npm run backoffice -- status [--store ID] each till: last batch, backlog, clock skew, audit chain
npm run backoffice -- revoke --till ID   the till's key stops working (it can enrol again)
npm run backoffice -- add-user --login NAME --name "Full Name" --role head_office|store_manager [--store ID ...]
                                         an account; the password is asked for (or read from stdin)
npm run backoffice -- unlock-user --login NAME
                                         unlocks an account locked by wrong passwords`

async function main(): Promise<void> {
  const env = EnvSchema.safeParse(process.env)
  if (!env.success) throw new Error(`The back office's environment is not right: ${z.prettifyError(env.error)}`)
  const { positionals, values } = parseArgs({
    allowPositionals: true,
    options: {
      store: { type: 'string', multiple: true },
      name: { type: 'string' },
      'time-zone': { type: 'string' },
      till: { type: 'string' },
      login: { type: 'string' },
      role: { type: 'string' },
      help: { type: 'boolean' }
    }
  })
  const command = positionals[0] ?? 'serve'
  const store = values.store?.[0]
  if (values.help || !['serve', 'enrol', 'status', 'revoke', 'add-user', 'unlock-user'].includes(command)) {
    console.log(usage)
    process.exitCode = values.help ? 0 : 2
    return
  }
  const dataDir = resolve(env.data.BACKOFFICE_DATA_DIR)
  const db = await openDatabase({ databaseUrl: env.data.DATABASE_URL, dataDir })
  const where = db.kind === 'postgres' ? 'PostgreSQL at DATABASE_URL' : `the embedded PostgreSQL (PGlite) in ${dataDir}: for trying it and small stores, not for a chain`
  if (command === 'enrol') {
    if (!store) throw new Refused(400, 'no_store', 'Say which store: --store ID.')
    const { code, expiresAt } = await createEnrolmentCode(
      db,
      { id: store, ...(values.name ? { name: values.name } : {}), ...(values['time-zone'] ? { timeZone: values['time-zone'] } : {}) },
      new Date()
    )
    console.log(`Enrolment code for store ${store}: ${code}`)
    console.log(`Type it with the back office's address in the till's Settings → Back office. It works once, until ${expiresAt}.`)
    await db.close()
    return
  }
  if (command === 'status') {
    console.log(JSON.stringify({ tills: await tillStatuses(db, store) }, null, 2))
    await db.close()
    return
  }
  if (command === 'revoke') {
    if (!values.till) throw new Refused(400, 'no_till', 'Say which till: --till ID.')
    console.log((await revoke(db, values.till, new Date())) ? `Till ${values.till}'s key no longer works.` : `Till ${values.till} has no working key.`)
    await db.close()
    return
  }
  if (command === 'add-user') {
    const user = NewUserSchema.safeParse({ login: values.login, name: values.name, role: values.role, stores: values.store ?? [], password: await readPassword() })
    if (!user.success) throw new Refused(400, 'bad_request', z.prettifyError(user.error))
    const made = await createUser(db, user.data, null, new Date())
    console.log(`Account ${made.login} (${made.role === 'head_office' ? 'head office' : `store manager of ${made.stores.join(', ')}`}) is made; sign in at the back office's address.`)
    await db.close()
    return
  }
  if (command === 'unlock-user') {
    if (!values.login) throw new Refused(400, 'bad_request', 'Say which account: --login NAME.')
    console.log((await unlockFromCommandLine(db, values.login, new Date())) ? `Account ${values.login} is unlocked.` : `There is no account ${values.login}.`)
    await db.close()
    return
  }
  // The page is built beside this file (out/backoffice/web); a service built without it answers the API alone.
  const webRoot = join(dirname(fileURLToPath(import.meta.url)), 'web')
  const app = buildServer({
    db,
    ...(env.data.BACKOFFICE_ADMIN_TOKEN ? { adminToken: env.data.BACKOFFICE_ADMIN_TOKEN } : {}),
    ...(existsSync(join(webRoot, 'index.html')) ? { webRoot } : {}),
    policy: { ...DEFAULT_SIGN_IN_POLICY, baseDelayMs: env.data.BACKOFFICE_PASSWORD_RETRY_DELAY_MS },
    thresholds: { stoppedAfterMinutes: env.data.BACKOFFICE_STOPPED_AFTER_MINUTES, skewLimitSeconds: env.data.BACKOFFICE_SKEW_LIMIT_SECONDS },
    secureCookie: env.data.BACKOFFICE_INSECURE_COOKIE === '0',
    trustProxy: env.data.BACKOFFICE_TRUST_PROXY === 'false' ? false : env.data.BACKOFFICE_TRUST_PROXY
  })
  const address = await app.listen({ host: env.data.BACKOFFICE_HOST, port: env.data.BACKOFFICE_PORT })
  console.log(`Back office is running at ${address} on ${where}.`)
  console.log('Put a reverse proxy that ends TLS in front of it: tills send only to https:// (or to this computer).')
  const daily = setInterval(() => void ensurePartitions(db, new Date()).catch((error: unknown) => app.log.error(error)), 24 * 3600_000)
  daily.unref()
  const stop = (): void => {
    clearInterval(daily)
    void app
      .close()
      .then(() => db.close())
      .then(() => process.exit(0))
  }
  process.once('SIGINT', stop)
  process.once('SIGTERM', stop)
}

/** The new account's password: typed without echo at a terminal, else the first line of stdin (a script's pipe). */
async function readPassword(): Promise<string> {
  if (!process.stdin.isTTY) {
    const lines = createInterface({ input: process.stdin })
    for await (const line of lines) return line
    return ''
  }
  process.stdout.write('Password (at least 10 characters): ')
  return new Promise((resolvePassword) => {
    let typed = ''
    process.stdin.setRawMode(true)
    process.stdin.resume()
    process.stdin.setEncoding('utf8')
    const onData = (chunk: string): void => {
      for (const char of chunk) {
        if (char === '\r' || char === '\n') {
          process.stdin.setRawMode(false)
          process.stdin.pause()
          process.stdin.off('data', onData)
          process.stdout.write('\n')
          resolvePassword(typed)
          return
        }
        if (char === '\u0003') process.exit(130)
        typed = char === '\u007f' ? typed.slice(0, -1) : typed + char
      }
    }
    process.stdin.on('data', onData)
  })
}

main().catch((error: unknown) => {
  console.error(`The back office could not ${process.argv[2] ?? 'start'}: ${error instanceof Error ? error.message : String(error)}`)
  process.exit(1)
})
