import { spawn, type ChildProcess } from 'node:child_process'
import { mkdtempSync, readFileSync, rmSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { expect, test } from '@playwright/test'
import { startGotItSandbox } from './fixtures'

/**
 * Crash safety, proven: the core runs as a real child process (the web host), redeems vouchers
 * against the Got It sandbox (another process), and is killed with SIGKILL at each moment that
 * matters, then restarted on the same data folder to reconcile. `npm run test:crash` runs more rounds.
 */
const ROUNDS = Number(process.env['TILL_CRASH_ROUNDS'] ?? '2')
const POINTS = ['after-journal-write', 'after-request-left', 'after-provider-answer'] as const
const PIN = '4826'

interface Till {
  child: ChildProcess
  exited: Promise<number | null>
  rpc(channel: string, input?: unknown): Promise<{ ok: boolean; value?: unknown; error?: { code: string } }>
}

async function startTill(dataDir: string, sandboxUrl: string, crashAt?: string, hubble?: { url: string; clientId: string; clientSecret: string }): Promise<Till> {
  const child = spawn(process.execPath, ['out/web-host/index.mjs'], {
    env: {
      ...process.env,
      TILL_DATA_DIR: dataDir,
      TILL_PORT: '0',
      TILL_GOTIT_MODE: 'sandbox',
      TILL_GOTIT_BASE_URL: sandboxUrl,
      TILL_GOTIT_PIN: '1212',
      TILL_GOTIT_TIMEOUT_MS: '3000',
      ...(hubble ? { TILL_HUBBLE_MODE: 'sandbox', TILL_HUBBLE_BASE_URL: hubble.url, TILL_HUBBLE_CLIENT_ID: hubble.clientId, TILL_HUBBLE_CLIENT_SECRET: hubble.clientSecret } : {}),
      ...(crashAt ? { TILL_CRASH_TEST: '1', TILL_CRASH_AT: crashAt } : {})
    },
    stdio: ['ignore', 'pipe', 'pipe']
  })
  const exited = new Promise<number | null>((resolve) => child.once('exit', (code) => resolve(code)))
  const url = await new Promise<string>((resolve, reject) => {
    let out = ''
    child.stdout?.on('data', (chunk: Buffer) => {
      out += chunk.toString()
      const match = /running at (http:\/\/127\.0\.0\.1:\d+)/.exec(out)
      if (match?.[1]) resolve(match[1])
    })
    void exited.then((code) => reject(new Error(`till exited with ${code}: ${out}`)))
  })
  const token = readFileSync(join(dataDir, 'web-token'), 'utf8').trim()
  const rpc = async (channel: string, input: unknown = {}) => {
    const response = await fetch(`${url}/rpc/${channel}`, { method: 'POST', headers: { Authorization: `Bearer ${token}` }, body: JSON.stringify(input) })
    return (await response.json()) as { ok: boolean; value?: unknown; error?: { code: string } }
  }
  const status = (await rpc('auth:status')).value as { setupNeeded: boolean }
  if (status.setupNeeded) await rpc('auth:setup', { name: 'Crash Test Manager', pin: PIN })
  else {
    const [manager] = (await rpc('auth:staffList')).value as { id: string }[]
    await rpc('auth:signIn', { staffId: manager?.id, pin: PIN })
  }
  return { child, exited, rpc }
}

async function unsettled(till: Till): Promise<unknown[]> {
  return (await till.rpc('journal:list')).value as unknown[]
}

test('SIGKILL at every point of a redemption loses nothing and doubles nothing', async () => {
  test.setTimeout(60_000 + ROUNDS * 30_000)
  const { sandbox, stop } = await startGotItSandbox()
  const dataDir = mkdtempSync(join(tmpdir(), 'till-crash-'))
  const confirmed: string[] = []
  const crashed: { code: string; bill: string }[] = []
  let next = 2000000000
  try {
    for (let round = 0; round < ROUNDS; round++) {
      for (const point of POINTS) {
        // A redemption the cashier sees confirmed, then one that the till dies in the middle of.
        const steady = await startTill(dataDir, sandbox.url)
        const okCode = String(next++)
        const okCheck = (await steady.rpc('redeem:check', { codes: [okCode] })).value as { billNumber: string }
        const ok = (await steady.rpc('redeem:redeem', { billNumber: okCheck.billNumber })).value as { status: string }
        expect(ok.status).toBe('redeemed')
        confirmed.push(okCode)
        steady.child.kill('SIGTERM')
        await steady.exited

        const doomed = await startTill(dataDir, sandbox.url, point === 'after-request-left' ? undefined : point)
        const code = String(next++)
        const check = (await doomed.rpc('redeem:check', { codes: [code] })).value as { billNumber: string }
        crashed.push({ code, bill: check.billNumber })
        if (point === 'after-request-left') {
          await sandbox.control('faults', 'POST', { route: 'usemultiple', kind: 'latency', latencyMs: 300, times: 1 })
          const before = ((await sandbox.control('requests')) as unknown[]).length
          void doomed.rpc('redeem:redeem', { billNumber: check.billNumber }).catch(() => undefined)
          await expect.poll(async () => ((await sandbox.control('requests')) as unknown[]).length, { timeout: 5000, intervals: [5] }).toBeGreaterThan(before)
          doomed.child.kill('SIGKILL')
        } else {
          await expect(doomed.rpc('redeem:redeem', { billNumber: check.billNumber })).rejects.toThrow()
        }
        expect(await doomed.exited).toBeNull() // killed by a signal, not exited

        // Restart on the same data folder: the journal picks up where it stopped.
        const revived = await startTill(dataDir, sandbox.url)
        await expect.poll(() => unsettled(revived), { timeout: 15_000 }).toEqual([])
        const bill = (await revived.rpc('redeem:get', { billNumber: check.billNumber })).value as { status: string }
        expect(bill.status, `${point}, round ${round}`).toBe('redeemed')
        revived.child.kill('SIGTERM')
        await revived.exited
      }
    }
    const state = (await sandbox.control('state')) as { uses: Record<string, number> }
    for (const code of confirmed) expect(state.uses[code], `confirmed ${code}`).toBe(1)
    for (const { code } of crashed) expect(state.uses[code], `crashed ${code}`).toBe(1)
    expect(Object.values(state.uses).every((uses) => uses === 1)).toBe(true)
  } finally {
    stop()
    rmSync(dataDir, { recursive: true, force: true })
  }
})

test('SIGKILL while a gift card order is in flight: the restarted till settles it, and there is one order', async () => {
  test.setTimeout(90_000)
  const { sandbox, hubble, stop } = await startGotItSandbox()
  const dataDir = mkdtempSync(join(tmpdir(), 'till-crash-gift-'))
  const sale = { productId: '01GMAW822RPDJ5C50XK24QC2C4', lines: [{ denomination: 50000, quantity: 1 }], customer: { name: 'Asha Rao', phone: '9876543210', email: 'asha@example.com' } }
  try {
    const setup = await startTill(dataDir, sandbox.url, undefined, hubble)
    expect((await setup.rpc('giftcards:sync')).ok).toBe(true)
    setup.child.kill('SIGTERM')
    await setup.exited
    for (const point of ['after-journal-write', 'after-provider-answer']) {
      const doomed = await startTill(dataDir, sandbox.url, point, hubble)
      await expect(doomed.rpc('giftcards:sell', sale)).rejects.toThrow()
      expect(await doomed.exited).toBeNull()
      const revived = await startTill(dataDir, sandbox.url, undefined, hubble)
      await expect.poll(() => unsettled(revived), { timeout: 15_000 }).toEqual([])
      const orders = (await revived.rpc('giftcards:orders', {})).value as { referenceId: string; status: string }[]
      expect(orders[0]?.status, point).toBe('succeeded')
      const state = (await hubble.control('state')) as { orders: { referenceId: string }[] }
      expect(state.orders.filter((o) => o.referenceId === orders[0]?.referenceId), point).toHaveLength(1)
      revived.child.kill('SIGTERM')
      await revived.exited
    }
  } finally {
    stop()
    rmSync(dataDir, { recursive: true, force: true })
  }
})
