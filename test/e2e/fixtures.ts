import { test as base, expect, type BrowserContext, type Page } from '@playwright/test'
import { spawn, type ChildProcess } from 'node:child_process'
import { mkdtempSync, readFileSync, rmSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'

export interface TillHost {
  url: string
  token: string
  dataDir: string
  /** Calls the contract the way an operator's script would. */
  rpc(channel: string, input?: unknown): Promise<{ status: number; body: unknown }>
  /** Creates the first manager (signed in) and a cashier, as a new store would. */
  staff(): Promise<{ managerId: string; cashierId: string }>
  /** The process the till's core runs in now (the web host starts a new one if it stops). */
  corePid(): number
  /** With `gotitSandbox`: the Got It simulator the till talks to, in its own process. */
  gotit: GotItSandbox | null
  /** With `vippsSandbox`: the Vipps MobilePay simulator the till talks to, in its own process. */
  vipps: VippsSandbox | null
  /** With `juspaySandbox`: the Juspay simulator the till talks to, in its own process. */
  juspay: JuspaySandbox | null
}

export interface VippsSandbox {
  url: string
  clientId: string
  clientSecret: string
  subscriptionKey: string
  msn: string
  control: GotItSandbox['control']
}

export interface JuspaySandbox {
  url: string
  merchantId: string
  apiKey: string
  webhookUser: string
  webhookPassword: string
  control: GotItSandbox['control']
  /** The simulator's own controls: `orders/<id>`, `deliver`, `config`. */
  juspay(path: string, body?: unknown): Promise<unknown>
}

export interface GotItSandbox {
  url: string
  vouchers: Record<string, string>
  control(path: string, method?: string, body?: unknown): Promise<unknown>
}

/** `npm run sandbox` in its own process (built), with the line it announces itself with. */
export async function startGotItSandbox(args: string[] = []): Promise<{
  sandbox: GotItSandbox
  announced: Record<string, unknown>
  hubble: { url: string; clientId: string; clientSecret: string; control(path: string): Promise<unknown> }
  vipps: VippsSandbox
  juspay: JuspaySandbox
  stop(): void
}> {
  const child = spawn(process.execPath, ['out/web-host/sandbox.mjs', ...args], { stdio: ['ignore', 'pipe', 'pipe'] })
  // One JSON line per provider, each naming its provider: found by name, not by position.
  const lines = await new Promise<Map<string, string>>((resolve, reject) => {
    let out = ''
    child.stdout.on('data', (chunk: Buffer) => {
      out += chunk.toString()
      const byProvider = new Map<string, string>()
      for (const text of out.split('\n').filter((l) => l.startsWith('{'))) byProvider.set((JSON.parse(text) as { provider?: string }).provider ?? '', text)
      if (['gotit', 'hubble', 'vipps', 'juspay'].every((provider) => byProvider.has(provider))) resolve(byProvider)
    })
    child.once('exit', (code) => reject(new Error(`sandbox exited with ${code}`)))
  })
  const [line, hubbleLine, vippsLine, juspayLine] = ['gotit', 'hubble', 'vipps', 'juspay'].map((provider) => lines.get(provider))
  const announced = JSON.parse(line ?? '{}') as { url: string; vouchers: Record<string, string>; pin: string }
  const hubbleAnnounced = JSON.parse(hubbleLine ?? '{}') as { url: string; clientId: string; clientSecret: string }
  const hubble = { ...hubbleAnnounced, control: async (path: string) => (await (await fetch(`${hubbleAnnounced.url}/__sim/${path}`)).json()) as unknown }
  const vippsAnnounced = JSON.parse(vippsLine ?? '{}') as Omit<VippsSandbox, 'control'>
  const vipps = { ...vippsAnnounced, control: controlOf(vippsAnnounced.url) }
  const juspayAnnounced = JSON.parse(juspayLine ?? '{}') as Omit<JuspaySandbox, 'control' | 'juspay'>
  const juspay = {
    ...juspayAnnounced,
    control: controlOf(juspayAnnounced.url),
    juspay: async (path: string, body: unknown = {}) => (await (await fetch(`${juspayAnnounced.url}/__juspay/${path}`, { method: 'POST', body: JSON.stringify(body) })).json()) as unknown
  }
  return { sandbox: { url: announced.url, vouchers: announced.vouchers, control: controlOf(announced.url) }, announced, hubble, vipps, juspay, stop: () => child.kill('SIGTERM') }
}

/** The simulator's control endpoint (`/__sim/…`): faults, clock, state, requests. */
function controlOf(url: string): GotItSandbox['control'] {
  return async (path: string, method = 'GET', body?: unknown) => {
    const response = await fetch(`${url}/__sim/${path}`, { method, ...(body === undefined ? {} : { body: JSON.stringify(body) }) })
    return (await response.json()) as unknown
  }
}

export const MANAGER = { name: 'Mai Manager', pin: '4826' }
export const CASHIER = { name: 'Cuong Cashier', pin: '7391' }

function waitForUrl(child: ChildProcess): Promise<string> {
  return new Promise((resolve, reject) => {
    let output = ''
    const timer = setTimeout(() => reject(new Error(`web host did not start:\n${output}`)), 15_000)
    const onData = (chunk: Buffer): void => {
      output += chunk.toString()
      const match = /running at (http:\/\/127\.0\.0\.1:\d+)/.exec(output)
      if (match?.[1]) {
        clearTimeout(timer)
        resolve(match[1])
      }
    }
    child.stdout?.on('data', onData)
    child.stderr?.on('data', onData)
    child.once('exit', (code) => {
      clearTimeout(timer)
      reject(new Error(`web host exited with ${code}:\n${output}`))
    })
  })
}

/** Each test gets its own web host (the built one, as `npm run start:web` runs it) and data folder. */
export const test = base.extend<{ till: TillHost; tillEnv: Record<string, string>; gotitSandbox: boolean; vippsSandbox: boolean; juspaySandbox: boolean }>({
  /** Extra environment for the web host of a test: `test.use({ tillEnv: { … } })`. */
  tillEnv: [{}, { option: true }],
  /** Run Got It in sandbox mode against `npm run sandbox` in another process, so tests can inject faults. */
  gotitSandbox: [false, { option: true }],
  /** Run Vipps MobilePay in sandbox mode against `npm run sandbox` in another process. */
  vippsSandbox: [false, { option: true }],
  /** Run Juspay in sandbox mode against `npm run sandbox` in another process. */
  juspaySandbox: [false, { option: true }],
  till: async ({ tillEnv, gotitSandbox, vippsSandbox, juspaySandbox, context }, use) => {
    const dataDir = mkdtempSync(join(tmpdir(), 'till-e2e-'))
    const sim = gotitSandbox || vippsSandbox || juspaySandbox ? await startGotItSandbox() : null
    const simEnv = {
      ...(sim && gotitSandbox ? { TILL_GOTIT_MODE: 'sandbox', TILL_GOTIT_BASE_URL: sim.sandbox.url, TILL_GOTIT_PIN: '1212' } : {}),
      ...(sim && vippsSandbox
        ? {
            TILL_VIPPS_MODE: 'sandbox',
            TILL_VIPPS_BASE_URL: sim.vipps.url,
            TILL_VIPPS_CLIENT_ID: sim.vipps.clientId,
            TILL_VIPPS_CLIENT_SECRET: sim.vipps.clientSecret,
            TILL_VIPPS_SUBSCRIPTION_KEY: sim.vipps.subscriptionKey,
            TILL_VIPPS_MSN: sim.vipps.msn
          }
        : {}),
      ...(sim && juspaySandbox
        ? {
            TILL_JUSPAY_MODE: 'sandbox',
            TILL_JUSPAY_BASE_URL: sim.juspay.url,
            TILL_JUSPAY_MERCHANT_ID: sim.juspay.merchantId,
            TILL_JUSPAY_API_KEY: sim.juspay.apiKey,
            TILL_JUSPAY_WEBHOOK_USER: sim.juspay.webhookUser,
            TILL_JUSPAY_WEBHOOK_PASSWORD: sim.juspay.webhookPassword
          }
        : {})
    }
    const child = spawn(process.execPath, ['out/web-host/index.mjs'], {
      env: { ...process.env, ...simEnv, ...tillEnv, TILL_DATA_DIR: dataDir, TILL_PORT: '0' },
      stdio: ['ignore', 'pipe', 'pipe']
    })
    let corePid = 0
    child.stdout?.on('data', (chunk: Buffer) => {
      for (const match of chunk.toString().matchAll(/\(pid (\d+)\)/g)) corePid = Number(match[1])
    })
    try {
      const url = await waitForUrl(child)
      const token = readFileSync(join(dataDir, 'web-token'), 'utf8').trim()
      await signInBrowser(context, url, token)
      const rpc = async (channel: string, input: unknown = {}) => {
        const response = await fetch(`${url}/rpc/${channel}`, {
          method: 'POST',
          headers: { Authorization: `Bearer ${token}`, 'Content-Type': 'application/json' },
          body: JSON.stringify(input)
        })
        return { status: response.status, body: (await response.json()) as unknown }
      }
      const staff = async () => {
        const setup = await rpc('auth:setup', MANAGER)
        const cashier = await rpc('staff:add', { ...CASHIER, role: 'cashier' })
        const id = (result: { body: unknown }) => {
          const body = result.body as { ok: boolean; value?: { id?: string; staff?: { id: string } } }
          if (!body.ok || !body.value) throw new Error(`staff setup failed: ${JSON.stringify(body)}`)
          return body.value.staff?.id ?? body.value.id ?? ''
        }
        return { managerId: id(setup), cashierId: id(cashier) }
      }
      await use({
        url,
        token,
        dataDir,
        rpc,
        staff,
        corePid: () => corePid,
        gotit: gotitSandbox ? (sim?.sandbox ?? null) : null,
        vipps: vippsSandbox ? (sim?.vipps ?? null) : null,
        juspay: juspaySandbox ? (sim?.juspay ?? null) : null
      })
    } finally {
      sim?.stop()
      child.kill('SIGTERM')
      rmSync(dataDir, { recursive: true, force: true })
    }
  }
})

export { expect }

/** Gives a browser context the web host's session cookie, as opening a one-time sign-in address would. */
export async function signInBrowser(context: BrowserContext, url: string, token: string): Promise<void> {
  const minted = await fetch(`${url}/session/code`, { method: 'POST', headers: { Authorization: `Bearer ${token}` } })
  const code = new URL(((await minted.json()) as { url: string }).url).hash.replace('#sign-in=', '')
  const answer = await fetch(`${url}/session`, { method: 'POST', headers: { 'Content-Type': 'application/json' }, body: JSON.stringify({ code }) })
  const cookie = /till_session=([^;]+)/.exec(answer.headers.get('set-cookie') ?? '')?.[1]
  if (!cookie) throw new Error(`the web host did not sign the browser in (${answer.status})`)
  await context.addCookies([{ name: 'till_session', value: cookie, url, httpOnly: true, sameSite: 'Strict' }])
}

/** A cashier's way through one voucher with the keys alone: scan, F2 checks, F4 redeems. */
export async function redeemWithKeys(page: Page, code: string): Promise<void> {
  const field = page.getByLabel('Voucher code')
  await field.pressSequentially(code)
  await field.press('Enter')
  await page.keyboard.press('F2')
  await expect(page.getByRole('button', { name: /^Redeem 1 voucher:/ })).toBeEnabled()
  await page.keyboard.press('F4')
  await expect(page.getByRole('status').filter({ hasText: /^Redeemed / })).toBeVisible()
}

/** A new till's first minutes in a desktop window: the first manager is made and signs in, then redeems a training voucher. */
export async function firstManagerRedeems(page: Page): Promise<void> {
  await expect(page.getByRole('heading', { name: 'Welcome to Till' })).toBeVisible()
  await page.getByLabel('Name').fill('Lan Pham')
  await page.getByLabel('PIN', { exact: true }).fill('5093')
  await page.getByLabel('PIN again').fill('5093')
  await page.getByRole('button', { name: 'Create manager and sign in' }).click()
  await expect(page.getByRole('heading', { level: 1 })).toHaveText('Redeem vouchers')
  await redeemWithKeys(page, '1000000001')
}

/** A ₹500 practice gift card sold through the contract (the catalogue synced first), as a cashier's earlier sale. */
export async function sellPracticeGiftCard(till: TillHost): Promise<{ value: { order: { referenceId: string } } }> {
  await till.rpc('giftcards:sync')
  const sold = await till.rpc('giftcards:sell', {
    productId: '01GMAW822RPDJ5C50XK24QC2C4',
    lines: [{ denomination: 50000, quantity: 1 }],
    customer: { name: 'Asha Rao', phone: '9876543210', email: 'asha@example.com' }
  })
  return sold.body as { value: { order: { referenceId: string } } }
}
