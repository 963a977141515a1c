import { spawn, type ChildProcess } from 'node:child_process'
import { mkdtempSync, readFileSync, rmSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { expect, test } from '@playwright/test'
import { startGotItSandbox } from './fixtures'

/**
 * Crash safety, proven: the core runs in its own process under the web host (as under Electron's
 * main), redeems vouchers against the Got It sandbox (another process), and is killed with
 * SIGKILL at each moment that matters; the shell starts it again on the same data folder and it
 * reconciles. `npm run test:crash` runs more rounds.
 */
const ROUNDS = Number(process.env['TILL_CRASH_ROUNDS'] ?? '2')
const POINTS = ['after-journal-write', 'after-request-left', 'after-provider-answer'] as const
const PIN = '4826'

interface Till {
  child: ChildProcess
  exited: Promise<number | null>
  /** The core's process now (the shell starts a new one when it stops). */
  corePid(): number
  signIn(): Promise<void>
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
  let corePid = 0
  const url = await new Promise<string>((resolve, reject) => {
    let out = ''
    child.stdout?.on('data', (chunk: Buffer) => {
      out += chunk.toString()
      for (const match of chunk.toString().matchAll(/\(pid (\d+)\)/g)) corePid = Number(match[1])
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
  const signIn = async (): Promise<void> => {
    const status = (await rpc('auth:status')).value as { setupNeeded: boolean }
    if (status.setupNeeded) await rpc('auth:setup', { name: 'Crash Test Manager', pin: PIN })
    else {
      const [manager] = (await rpc('auth:staffList')).value as { id: string }[]
      await rpc('auth:signIn', { staffId: manager?.id, pin: PIN })
    }
  }
  await signIn()
  return { child, exited, rpc, signIn, corePid: () => corePid }
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
        const firstCore = doomed.corePid()
        let answer: Promise<{ ok: boolean; error?: { code: string } }>
        if (point === 'after-request-left') {
          await sandbox.control('faults', 'POST', { route: 'usemultiple', kind: 'latency', latencyMs: 300, times: 1 })
          const before = ((await sandbox.control('requests')) as unknown[]).length
          answer = doomed.rpc('redeem:redeem', { billNumber: check.billNumber })
          await expect.poll(async () => ((await sandbox.control('requests')) as unknown[]).length, { timeout: 5000, intervals: [5] }).toBeGreaterThan(before)
          process.kill(firstCore, 'SIGKILL')
        } else {
          answer = doomed.rpc('redeem:redeem', { billNumber: check.billNumber })
        }
        // The cashier's side is still there and says the outcome is not known yet.
        expect((await answer).error?.code, point).toBe('outcome_unknown')

        // The shell started the core again on the same data folder: the journal picks up where it stopped.
        await expect.poll(() => doomed.corePid(), { timeout: 15_000 }).not.toBe(firstCore)
        await doomed.signIn()
        await expect.poll(() => unsettled(doomed), { timeout: 15_000 }).toEqual([])
        const bill = (await doomed.rpc('redeem:get', { billNumber: check.billNumber })).value as { status: string }
        expect(bill.status, `${point}, round ${round}`).toBe('redeemed')
        doomed.child.kill('SIGTERM')
        await doomed.exited
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
      const firstCore = doomed.corePid()
      expect((await doomed.rpc('giftcards:sell', sale)).error?.code, point).toBe('outcome_unknown')
      await expect.poll(() => doomed.corePid(), { timeout: 15_000 }).not.toBe(firstCore)
      await doomed.signIn()
      await expect.poll(() => unsettled(doomed), { timeout: 15_000 }).toEqual([])
      const orders = (await doomed.rpc('giftcards:orders', {})).value as { referenceId: string; status: string }[]
      expect(orders[0]?.status, point).toBe('succeeded')
      const state = (await hubble.control('state')) as { orders: { referenceId: string }[] }
      expect(
        state.orders.filter((o) => o.referenceId === orders[0]?.referenceId),
        point
      ).toHaveLength(1)
      doomed.child.kill('SIGTERM')
      await doomed.exited
    }
  } finally {
    stop()
    rmSync(dataDir, { recursive: true, force: true })
  }
})
