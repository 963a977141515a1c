import { writeFileSync } from 'node:fs'
import { join } from 'node:path'
import { afterEach, describe, expect, it } from 'vitest'
import { CODE_TABLE_FILE } from '../../electron/core/providers/gotit/classify'
import { startGotItSimulator, type RunningGotItSimulator } from '../../electron/core/sandbox/gotit'
import { namedVoucherCodes as V } from '../../electron/core/sandbox/gotit/fixtures'
import type { GotItSimConfig } from '../../electron/core/sandbox/gotit/gotit-simulator'
import { errorOf, recordingLog, staffedTill, useCores, valueOf } from '../helpers/core'
import { useTempDirs } from '../helpers/temp-dir'

/**
 * Got It's return codes are not public, so the till must understand a refusal from what else the
 * answer says. Every case runs against two different code sets: our placeholders and another.
 */
describe.each<GotItSimConfig['codeSet']>(['placeholder', 'numeric'])('Got It refusals with the %s code set', (codeSet) => {
  const tempDir = useTempDirs()
  const openCore = useCores()
  const sims: RunningGotItSimulator[] = []
  afterEach(async () => {
    for (const sim of sims.splice(0)) await sim.close()
  })

  async function till(pin = '1212', dataDir = tempDir()) {
    const sim = await startGotItSimulator({ config: { codeSet } })
    sims.push(sim)
    const log = recordingLog()
    const core = openCore({ dataDir, logger: log, env: { TILL_GOTIT_MODE: 'sandbox', TILL_GOTIT_BASE_URL: sim.url, TILL_GOTIT_PIN: pin, TILL_GOTIT_TIMEOUT_MS: '2000' } })
    await staffedTill(core)
    return { core, sim, dataDir, log }
  }

  it('names the problem of every voucher from its state, fields and messages', async () => {
    const { core } = await till()
    const codes = [V.new, V.used, V.expired, V.cancelled, V.inactive, V.split, V.reserved_other, '9999999999', V.not_for_this_store, V.reserved_other_merchant]
    const check = valueOf(await core.call('redeem:check', { codes }))
    expect(check.vouchers.map((v) => [v.code, v.problem])).toEqual([
      [V.new, null],
      [V.used, 'used'],
      [V.expired, 'expired'],
      [V.cancelled, 'cancelled'],
      [V.inactive, 'inactive'],
      [V.split, 'split'],
      [V.reserved_other, 'reserved_other'],
      ['9999999999', 'not_found'],
      [V.not_for_this_store, 'not_for_this_store'],
      [V.reserved_other_merchant, 'reserved_other']
    ])
  })

  it('tells unmet conditions from a plain refusal', async () => {
    const { core } = await till()
    const check = valueOf(await core.call('redeem:check', { codes: [V.conditional], billTotal: 200000, skus: [{ sku: 'SKU777', quantity: 1, price: 200000 }] }))
    expect(check.vouchers[0]?.problem).toBe('conditions_not_met')
  })

  it('says the store PIN is wrong, not that the voucher was refused', async () => {
    const { core } = await till('9090')
    expect(errorOf(await core.call('redeem:check', { codes: [V.new] })).code).toBe('invalid_store_pin')
  })

  it('follows the code table IT keeps in the data folder, read again when it changes, and ignores a broken one', async () => {
    const { core, sim, dataDir, log } = await till()
    const codeOfUsed = codeSet === 'numeric' ? '1001' : 'SIM_VOUCHER_USED'
    // IT maps a code to another meaning: the table wins over the message (the voucher's state still says used).
    writeFileSync(join(dataDir, CODE_TABLE_FILE), JSON.stringify({ [codeOfUsed]: 'conditions_not_met' }))
    expect(valueOf(await core.call('redeem:check', { codes: [V.used] })).vouchers[0]?.problem).toBe('conditions_not_met')
    writeFileSync(join(dataDir, CODE_TABLE_FILE), '{ "1001": "no such meaning" }  ')
    expect(valueOf(await core.call('redeem:check', { codes: [V.used] })).vouchers[0]?.problem).toBe('used')
    expect(log.entries).toEqual([])
    expect(sim.requests.length).toBeGreaterThan(0)
  })
})
