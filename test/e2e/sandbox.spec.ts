import { spawn } from 'node:child_process'
import { expect, test } from './fixtures'

test('npm run sandbox prints one JSON line per simulator and serves it until stopped', async () => {
  const child = spawn(process.execPath, ['out/web-host/sandbox.mjs', '--faults', 'none'], { stdio: ['ignore', 'pipe', 'pipe'] })
  try {
    const line = await new Promise<string>((resolve, reject) => {
      let out = ''
      child.stdout.on('data', (chunk: Buffer) => {
        out += chunk.toString()
        const newline = out.indexOf('\n')
        if (newline !== -1) resolve(out.slice(0, newline))
      })
      child.once('exit', (code) => reject(new Error(`sandbox exited with ${code}`)))
    })
    const gotit = JSON.parse(line) as { provider: string; url: string; pin: string; vouchers: Record<string, string> }
    expect(gotit.provider).toBe('gotit')
    expect(Object.keys(gotit.vouchers)).toEqual(expect.arrayContaining(['new', 'used', 'expired', 'cancelled', 'inactive', 'split', 'reserved_other', 'conditional']))
    const check = await fetch(`${gotit.url}/merchant/v6.0/checkmultiple`, {
      method: 'POST',
      body: JSON.stringify({ pin: gotit.pin, codes: [gotit.vouchers['new'], gotit.vouchers['used']] })
    })
    expect(await check.json()).toMatchObject({ success: false, return_code: 'SIM_VOUCHER_USED', data: [{ code: gotit.vouchers['used'] }] })
  } finally {
    child.kill('SIGINT')
  }
})

test('a fault profile is armed from the command line', async () => {
  const child = spawn(process.execPath, ['out/web-host/sandbox.mjs', '--faults', 'offline'], { stdio: ['ignore', 'pipe', 'pipe'] })
  try {
    const url = await new Promise<string>((resolve) => child.stdout.once('data', (chunk: Buffer) => resolve((JSON.parse(chunk.toString()) as { url: string }).url)))
    await expect(fetch(`${url}/merchant/v6.0/checkmultiple`, { method: 'POST', body: '{}' })).rejects.toThrow()
    const faults = await (await fetch(`${url}/__sim/faults`)).json()
    expect(faults).toMatchObject([{ route: '*', kind: 'reset-before' }])
  } finally {
    child.kill('SIGINT')
  }
})
