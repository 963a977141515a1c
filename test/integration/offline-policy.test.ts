import { gotItOf } from '../../electron/core/providers/gotit'
import { readFileSync } from 'node:fs'
import { join } from 'node:path'
import { describe, expect, it } from 'vitest'
import { namedVoucherCodes as V } from '../../electron/core/sandbox/gotit/fixtures'
import { CASHIER_PIN, errorOf, MANAGER_PIN, staffedTill, useCores, valueOf } from '../helpers/core'
import { useTempDirs } from '../helpers/temp-dir'

describe('offline policy for Got It', () => {
  const tempDir = useTempDirs()
  const openCore = useCores()

  async function offlineTill(enabled = true) {
    const core = openCore({ dataDir: tempDir(), worker: { tickMs: 3_600_000, backoff: { baseMs: 1, capMs: 5 } }, probeIntervalMs: 3_600_000 })
    const { managerId, cashierId } = await staffedTill(core)
    valueOf(await core.call('settings:setStore', { offlinePolicy: { enabled, perVoucherCap: 200_000, perShiftCap: 300_000 } }))
    valueOf(await core.call('auth:signIn', { staffId: cashierId, pin: CASHIER_PIN }))
    const sim = await gotItOf(core).connection.simulator()
    sim.faults.add({ route: '*', kind: 'reset-before' })
    expect(errorOf(await core.call('redeem:check', { codes: [V.new] })).code).toBe('provider_unreachable')
    return { core, sim, managerId, cashierId }
  }

  const accept = (managerId: string, vouchers: { code: string; value: number }[], managerPin = MANAGER_PIN) => ({ vouchers, managerId, managerPin })

  it('is off by default', async () => {
    const { core, managerId } = await offlineTill(false)
    expect(errorOf(await core.call('redeem:acceptOffline', accept(managerId, [{ code: V.new, value: 100_000 }]))).code).toBe('forbidden')
  })

  it('accepts vouchers within the caps with a manager PIN, queues the mark use and settles it when Got It is back', async () => {
    const { core, sim, managerId } = await offlineTill()
    const bill = valueOf(
      await core.call(
        'redeem:acceptOffline',
        accept(managerId, [
          { code: V.new, value: 100_000 },
          { code: V.new_50k, value: 50_000 }
        ])
      )
    )
    expect(bill).toMatchObject({ status: 'verifying', total: { amount: 150_000 } })
    expect(valueOf(await core.call('offline:exposure', {}))).toEqual({ count: 1, amount: { amount: 150_000, currency: 'VND' }, shiftTotal: { amount: 150_000, currency: 'VND' } })
    const [entry] = valueOf(await core.call('journal:list', {}))
    expect(entry).toMatchObject({ subject: bill.billNumber, operation: 'gotit.markUse' })

    sim.faults.clear()
    core.context.journal.makeDue('gotit')
    await core.context.worker.drain()
    expect(valueOf(await core.call('redeem:get', { billNumber: bill.billNumber })).status).toBe('redeemed')
    expect(sim.sim.uses.get(V.new)).toBe(1)
    expect(valueOf(await core.call('offline:exposure', {}))).toMatchObject({ count: 0, amount: { amount: 0 }, shiftTotal: { amount: 150_000 } })
  })

  it('shows who approved an offline acceptance by name in History, and the id in the CSV’s own column', async () => {
    const { core, managerId } = await offlineTill()
    const bill = valueOf(await core.call('redeem:acceptOffline', accept(managerId, [{ code: V.new, value: 100_000 }])))
    valueOf(await core.call('auth:signIn', { staffId: managerId, pin: MANAGER_PIN }))
    const entry = valueOf(await core.call('history:list', { limit: 10 })).entries.find((e) => e.ref === bill.billNumber)
    expect(entry).toMatchObject({ approvedBy: 'Mai Manager', approvedById: managerId, offline: true })
    const exported = valueOf(await core.call('history:export', {}))
    const csv = readFileSync(join(core.context.dataDir, 'exports', exported.file), 'utf8')
    const header = csv.split('\r\n')[0]?.replace('\uFEFF', '').split(',') ?? []
    const row =
      csv
        .split('\r\n')
        .find((line) => line.includes(bill.billNumber))
        ?.split(',') ?? []
    expect(row[header.indexOf('approved by')]).toBe('Mai Manager')
    expect(row[header.indexOf('approved by (id)')]).toBe(managerId)
  })

  it('refuses above the per-voucher cap, above the shift cap, with a wrong PIN or without a manager', async () => {
    const { core, managerId, cashierId } = await offlineTill()
    expect(errorOf(await core.call('redeem:acceptOffline', accept(managerId, [{ code: V.new, value: 250_000 }]))).message).toMatch(/above the offline limit of 200000/)
    valueOf(await core.call('redeem:acceptOffline', accept(managerId, [{ code: V.new, value: 200_000 }])))
    expect(errorOf(await core.call('redeem:acceptOffline', accept(managerId, [{ code: V.new_200k, value: 150_000 }])))).toMatchObject({
      code: 'conflict',
      params: { cap: 300_000, used: 200_000 }
    })
    expect(errorOf(await core.call('redeem:acceptOffline', accept(managerId, [{ code: V.new_50k, value: 50_000 }], '0000'))).code).toBe('wrong_pin')
    expect(errorOf(await core.call('redeem:acceptOffline', accept(cashierId, [{ code: V.new_50k, value: 50_000 }], CASHIER_PIN))).code).toBe('forbidden')
    const audit = core.context.db.prepare("SELECT detail FROM audit_log WHERE action = 'offline_accepted'").pluck().all() as string[]
    expect(audit).toHaveLength(1)
    expect(audit[0]).toContain('Mai Manager')
    expect(audit[0]).not.toContain(V.new)
  })

  it('refuses when Got It can be reached: check the vouchers instead', async () => {
    const { core, sim, managerId } = await offlineTill()
    sim.faults.clear()
    valueOf(await core.call('redeem:check', { codes: [V.new] }))
    expect(errorOf(await core.call('redeem:acceptOffline', accept(managerId, [{ code: V.new, value: 100_000 }]))).code).toBe('conflict')
  })

  it('makes a manager task of a voucher Got It refuses once it is back', async () => {
    const { core, sim, managerId } = await offlineTill()
    const bill = valueOf(await core.call('redeem:acceptOffline', accept(managerId, [{ code: V.used, value: 100_000 }])))
    sim.faults.clear()
    core.context.journal.makeDue('gotit')
    await core.context.worker.drain()
    expect(valueOf(await core.call('redeem:get', { billNumber: bill.billNumber })).status).toBe('needs_review')
    const [task] = valueOf(await core.call('journal:list', { states: ['needs_review'] }))
    expect(task).toMatchObject({ subject: bill.billNumber, state: 'needs_review' })
    expect(task?.lastError).toMatch(/Got It refused •••0040: Voucher has been used \(accepted offline on bill T/)
    expect(valueOf(await core.call('offline:exposure', {})).count).toBe(1)
  })
})
