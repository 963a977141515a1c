import { expect, startGotItSandbox, test } from './fixtures'

test('npm run sandbox prints one JSON line per simulator and serves it until stopped', async () => {
  const { announced, sandbox, stop } = await startGotItSandbox(['--faults', 'none'])
  try {
    const gotit = announced as { provider: string; pin: string; vouchers: Record<string, string> }
    expect(gotit.provider).toBe('gotit')
    expect(Object.keys(gotit.vouchers)).toEqual(expect.arrayContaining(['new', 'used', 'expired', 'cancelled', 'inactive', 'split', 'reserved_other', 'conditional']))
    const check = await fetch(`${sandbox.url}/merchant/v6.0/checkmultiple`, {
      method: 'POST',
      body: JSON.stringify({ pin: gotit.pin, codes: [gotit.vouchers['new'], gotit.vouchers['used']] })
    })
    expect(await check.json()).toMatchObject({ success: false, return_code: 'SIM_VOUCHER_USED', data: [{ code: gotit.vouchers['used'] }] })
  } finally {
    stop()
  }
})

test('a fault profile is armed from the command line', async () => {
  const { sandbox, stop } = await startGotItSandbox(['--faults', 'offline'])
  try {
    await expect(fetch(`${sandbox.url}/merchant/v6.0/checkmultiple`, { method: 'POST', body: '{}' })).rejects.toThrow()
    expect(await sandbox.control('faults')).toMatchObject([{ route: '*', kind: 'reset-before' }])
  } finally {
    stop()
  }
})
