import { resolve } from 'node:path'
import { parseArgs } from 'node:util'
import { z } from 'zod'
import { ensurePartitions } from './db/partitions'
import { openDatabase } from './open'
import { buildServer } from './server'
import { createEnrolmentCode, Refused, revoke, tillStatuses } from './tills'

const EnvSchema = z.object({
  DATABASE_URL: z.string().optional(),
  BACKOFFICE_DATA_DIR: z.string().default('.backoffice-data'),
  BACKOFFICE_HOST: z.string().default('127.0.0.1'),
  BACKOFFICE_PORT: z.coerce.number().int().min(0).max(65535).default(5800),
  BACKOFFICE_ADMIN_TOKEN: z.string().min(16).optional()
})

const usage = `npm run backoffice                       serve the tills' API (DATABASE_URL, or PGlite in BACKOFFICE_DATA_DIR)
npm run backoffice -- enrol --store ID [--name NAME --time-zone ZONE]
                                         a one-time enrolment code for a till of that store
npm run backoffice -- status [--store ID] each till: last batch, backlog, clock skew, audit chain
npm run backoffice -- revoke --till ID   the till's key stops working (it can enrol again)`

async function main(): Promise<void> {
  const env = EnvSchema.safeParse(process.env)
  if (!env.success) throw new Error(`The back office's environment is not right: ${z.prettifyError(env.error)}`)
  const { positionals, values } = parseArgs({
    allowPositionals: true,
    options: { store: { type: 'string' }, name: { type: 'string' }, 'time-zone': { type: 'string' }, till: { type: 'string' }, help: { type: 'boolean' } }
  })
  const command = positionals[0] ?? 'serve'
  if (values.help || !['serve', 'enrol', 'status', 'revoke'].includes(command)) {
    console.log(usage)
    process.exitCode = values.help ? 0 : 2
    return
  }
  const dataDir = resolve(env.data.BACKOFFICE_DATA_DIR)
  const db = await openDatabase({ databaseUrl: env.data.DATABASE_URL, dataDir })
  const where = db.kind === 'postgres' ? 'PostgreSQL at DATABASE_URL' : `the embedded PostgreSQL (PGlite) in ${dataDir}: for trying it and small stores, not for a chain`
  if (command === 'enrol') {
    if (!values.store) throw new Refused(400, 'no_store', 'Say which store: --store ID.')
    const { code, expiresAt } = await createEnrolmentCode(db, { id: values.store, ...(values.name ? { name: values.name } : {}), ...(values['time-zone'] ? { timeZone: values['time-zone'] } : {}) }, new Date())
    console.log(`Enrolment code for store ${values.store}: ${code}`)
    console.log(`Type it with the back office's address in the till's Settings → Back office. It works once, until ${expiresAt}.`)
    await db.close()
    return
  }
  if (command === 'status') {
    console.log(JSON.stringify({ tills: await tillStatuses(db, values.store) }, null, 2))
    await db.close()
    return
  }
  if (command === 'revoke') {
    if (!values.till) throw new Refused(400, 'no_till', 'Say which till: --till ID.')
    console.log((await revoke(db, values.till, new Date())) ? `Till ${values.till}'s key no longer works.` : `Till ${values.till} has no working key.`)
    await db.close()
    return
  }
  const app = buildServer({ db, ...(env.data.BACKOFFICE_ADMIN_TOKEN ? { adminToken: env.data.BACKOFFICE_ADMIN_TOKEN } : {}) })
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

main().catch((error: unknown) => {
  console.error(`The back office could not ${process.argv[2] ?? 'start'}: ${error instanceof Error ? error.message : String(error)}`)
  process.exit(1)
})
