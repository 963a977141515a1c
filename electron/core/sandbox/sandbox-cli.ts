import { parseArgs } from 'node:util'
import { faultProfiles } from './framework/faults'
import { gotItAnnouncement, startGotItSimulator } from './gotit'
import { hubbleAnnouncement, startHubbleSimulator } from './hubble'
import { startVippsSimulator } from './vipps'
import { juspayAnnouncement, startJuspaySimulator } from './juspay'

/**
 * `npm run sandbox`: starts every provider simulator on 127.0.0.1 and prints one JSON line per
 * provider (URL, credentials, named vouchers), then runs until interrupted.
 */
async function main(): Promise<void> {
  const { values } = parseArgs({
    options: {
      port: { type: 'string', default: '0' },
      faults: { type: 'string', default: 'none' },
      whitelisted: { type: 'boolean', default: false },
      replay: { type: 'boolean', default: false },
      stock: { type: 'string', default: '1000' },
      codes: { type: 'string', default: 'placeholder' },
      help: { type: 'boolean', default: false }
    }
  })
  if (values.help) {
    console.log(
      [
        'Usage: npm run sandbox -- [--port N] [--faults PROFILE] [--whitelisted] [--replay]',
        '  --port N         first port to use (0: any free port; providers take N, N+1, …)',
        `  --faults PROFILE ${Object.keys(faultProfiles).join(' | ')}`,
        '  --whitelisted    callers are IP-whitelisted (no 20-code cap)',
        '  --replay         a repeated mark use on the same bill answers as the first time',
        '  --stock N        plain new vouchers to seed from 2000000000 (default 1000)',
        '  --codes SET      return codes and messages: placeholder (SIM_…) or numeric (another set, to try the till against)',
        'Faults and the clock can also be changed at run time: POST <url>/__sim/faults, POST <url>/__sim/clock.'
      ].join('\n')
    )
    return
  }
  const port = Number(values.port)
  const stock = Number(values.stock)
  if (!Number.isInteger(stock) || stock < 0 || stock > 1_000_000) throw new Error(`--stock must be a whole number up to 1000000, not "${values.stock}"`)
  const profile = faultProfiles[values.faults]
  if (!Number.isInteger(port) || port < 0 || port > 65535) throw new Error(`--port must be a port number, not "${values.port}"`)
  if (values.codes !== 'placeholder' && values.codes !== 'numeric') throw new Error(`--codes must be placeholder or numeric, not "${values.codes}"`)
  if (!profile) throw new Error(`--faults must be one of ${Object.keys(faultProfiles).join(', ')}, not "${values.faults}"`)

  const gotit = await startGotItSimulator({
    port,
    config: { whitelisted: values.whitelisted, replaySameBill: values.replay ? 'replay' : 'fail', stock, codeSet: values.codes }
  })
  for (const rule of profile) gotit.faults.add(rule)
  process.stdout.write(`${JSON.stringify({ ...gotItAnnouncement(gotit), faults: values.faults })}\n`)
  const hubble = await startHubbleSimulator({ port: port === 0 ? 0 : port + 1 })
  for (const rule of profile) hubble.faults.add(rule)
  process.stdout.write(`${JSON.stringify({ ...hubbleAnnouncement(hubble), faults: values.faults })}\n`)
  const vipps = await startVippsSimulator({ port: port === 0 ? 0 : port + 2 })
  for (const rule of profile) vipps.faults.add(rule)
  process.stdout.write(
    `${JSON.stringify({ provider: 'vipps', url: vipps.url, clientId: vipps.clientId, clientSecret: vipps.clientSecret, subscriptionKey: vipps.subscriptionKey, msn: vipps.msn, control: `${vipps.url}/__sim/`, faults: values.faults })}\n`
  )

  const juspay = await startJuspaySimulator({ port: port === 0 ? 0 : port + 3 })
  for (const rule of profile) juspay.faults.add(rule)
  process.stdout.write(`${JSON.stringify({ ...juspayAnnouncement(juspay), faults: values.faults })}\n`)

  const stop = (): void => {
    void Promise.all([gotit.close(), hubble.close(), vipps.close(), juspay.close()]).then(() => process.exit(0))
  }
  process.once('SIGINT', stop)
  process.once('SIGTERM', stop)
}

main().catch((error: unknown) => {
  console.error(`The sandbox could not start: ${error instanceof Error ? error.message : String(error)}`)
  process.exit(1)
})
