import { describe, expect, it } from 'vitest'
import { existsSync, readFileSync, writeFileSync } from 'node:fs'
import { join } from 'node:path'
import { RECOVERY_FILE, RECOVERY_RESULT_FILE } from '../../electron/core/auth/recovery'
import type { Core } from '../../electron/core/core'
import type { TillEvent } from '../../electron/core/events'
import { CASHIER_PIN, errorOf, MANAGER_PIN, staffedTill, useCores, valueOf } from '../helpers/core'
import { useTempDirs } from '../helpers/temp-dir'

describe('staff sign-in and roles', () => {
  const tempDir = useTempDirs()
  const openCore = useCores()
  let clock = new Date('2026-11-22T08:00:00Z')
  const till = (): Core => {
    clock = new Date('2026-11-22T08:00:00Z')
    return openCore({ dataDir: tempDir(), now: () => clock })
  }
  const advance = (ms: number) => (clock = new Date(clock.getTime() + ms))

  it('asks for the first manager on a new till, and only once', async () => {
    const core = till()
    expect(valueOf(await core.call('auth:status', {}))).toMatchObject({ setupNeeded: true, session: null })
    expect(errorOf(await core.call('staff:list', {})).code).toBe('unauthenticated')
    const session = valueOf(await core.call('auth:setup', { name: 'Mai', pin: MANAGER_PIN }))
    expect(session).toMatchObject({ staff: { name: 'Mai', role: 'manager' }, locked: false })
    expect(errorOf(await core.call('auth:setup', { name: 'Eve', pin: '9182' })).code).toBe('conflict')
    expect(valueOf(await core.call('auth:status', {}))).toMatchObject({ setupNeeded: false, session: { staff: { name: 'Mai' } } })
  })

  it('refuses weak PINs when staff are created', async () => {
    const core = till()
    expect(errorOf(await core.call('auth:setup', { name: 'Mai', pin: '1111' }))).toMatchObject({ code: 'invalid_input', message: 'pin: A PIN of one repeated digit is too easy to guess' })
  })

  it('signs people in with their own PIN and keeps the PIN out of the database', async () => {
    const core = till()
    const { cashierId } = await staffedTill(core)
    const session = valueOf(await core.call('auth:signIn', { staffId: cashierId, pin: CASHIER_PIN }))
    expect(session.staff).toMatchObject({ id: cashierId, role: 'cashier' })
    const stored = core.context.db.prepare('SELECT pin_hash FROM staff').pluck().all() as string[]
    expect(stored.every((hash) => hash.startsWith('scrypt$') && !hash.includes(CASHIER_PIN) && !hash.includes(MANAGER_PIN))).toBe(true)
  })

  it('refuses a cashier every manager channel, in the core, and records the attempt', async () => {
    const core = till()
    const { cashierId } = await staffedTill(core)
    valueOf(await core.call('auth:signIn', { staffId: cashierId, pin: CASHIER_PIN }))
    for (const [channel, input] of [
      ['staff:list', {}],
      ['staff:add', { name: 'X', role: 'manager', pin: '9182' }],
      ['settings:get', {}],
      ['settings:setProvider', { provider: 'gotit', mode: 'sandbox' }],
      ['audit:list', {}],
      ['settings:setStore', { idleLockSeconds: 0 }]
    ] as const) {
      expect(errorOf(await core.call(channel, input)), channel).toMatchObject({ code: 'forbidden' })
    }
    expect(valueOf(await core.call('auth:activity', {}))).toEqual({ done: true })
    const denied = core.context.db.prepare("SELECT subject FROM audit_log WHERE action = 'access_denied'").pluck().all()
    expect(denied).toEqual(['staff:list', 'staff:add', 'settings:get', 'settings:setProvider', 'audit:list', 'settings:setStore'])
  })

  it('slows down repeated wrong PINs, then locks the account until a manager unlocks it', async () => {
    const core = till()
    const { managerId, cashierId } = await staffedTill(core)
    const attempt = (pin: string) => core.call('auth:signIn', { staffId: cashierId, pin })
    expect(errorOf(await attempt('0001'))).toMatchObject({ code: 'wrong_pin', params: { left: 4 } })
    expect(errorOf(await attempt('0002'))).toMatchObject({ code: 'wrong_pin', params: { left: 3 } })
    expect(errorOf(await attempt('0003'))).toMatchObject({ code: 'wrong_pin', params: { left: 2 } })
    // Now the till makes them wait, even with the right PIN, and the wait does not count as a try.
    expect(errorOf(await attempt(CASHIER_PIN))).toMatchObject({ code: 'pin_retry_later', params: { seconds: 1 } })
    advance(1000)
    expect(errorOf(await attempt('0004'))).toMatchObject({ code: 'wrong_pin', params: { left: 1 } })
    advance(1000)
    expect(errorOf(await attempt('0005'))).toMatchObject({ code: 'pin_retry_later', params: { seconds: 1 } })
    advance(1000)
    expect(errorOf(await attempt('0005')).code).toBe('account_locked')
    advance(60_000)
    expect(errorOf(await attempt(CASHIER_PIN)).code).toBe('account_locked')

    valueOf(await core.call('auth:signIn', { staffId: managerId, pin: MANAGER_PIN }))
    const list = valueOf(await core.call('staff:list', {}))
    expect(list.find((m) => m.id === cashierId)).toMatchObject({ status: 'locked', failedAttempts: 5 })
    expect(valueOf(await core.call('staff:unlock', { staffId: cashierId }))).toMatchObject({ status: 'active', failedAttempts: 0 })
    expect(valueOf(await attempt(CASHIER_PIN)).staff.id).toBe(cashierId)
    const actions = core.context.db.prepare('SELECT action, outcome FROM audit_log ORDER BY id').all()
    expect(actions).toEqual(
      expect.arrayContaining([
        { action: 'sign_in_failed', outcome: 'failed' },
        { action: 'staff_unlocked', outcome: 'ok' }
      ])
    )
  })

  it('counts every PIN attempt before the slow hash: 200 guesses sent at once check only as many PINs as the policy allows', async () => {
    const core = till()
    const { cashierId } = await staffedTill(core)
    const guesses = Array.from({ length: 200 }, (_, i) => core.call('auth:signIn', { staffId: cashierId, pin: String(1000 + i) }))
    const answers = await Promise.all(guesses)
    const codes = answers.map((answer) => errorOf(answer).code)
    const checked = core.context.db.prepare("SELECT count(*) FROM audit_log WHERE action = 'sign_in_failed' AND outcome = 'failed'").pluck().get()
    expect(checked).toBe(3)
    expect(codes.filter((code) => code === 'wrong_pin')).toHaveLength(3)
    expect(new Set(codes)).toEqual(new Set(['wrong_pin', 'pin_retry_later']))
  })

  it('lets IT recover the only manager, locked by wrong PINs, with a file in the data folder: applied once, deleted, audited', async () => {
    const dataDir = tempDir()
    const first = openCore({ dataDir, now: () => clock, pinPolicy: { freeAttempts: 5, maxAttempts: 5, baseDelayMs: 0 } })
    const { managerId } = await staffedTill(first)
    for (let i = 0; i < 5; i++) await first.call('auth:signIn', { staffId: managerId, pin: `900${i}` })
    expect(errorOf(await first.call('auth:signIn', { staffId: managerId, pin: MANAGER_PIN })).code).toBe('account_locked')
    await first.close()

    writeFileSync(join(dataDir, RECOVERY_FILE), JSON.stringify({ manager: 'mai manager', newPin: '583920' }))
    const second = openCore({ dataDir, now: () => clock })
    expect(await second.recovery).toMatch(/Mai Manager can sign in with the new PIN/)
    expect(existsSync(join(dataDir, RECOVERY_FILE))).toBe(false)
    expect(readFileSync(join(dataDir, RECOVERY_RESULT_FILE), 'utf8')).not.toContain('583920')
    expect(errorOf(await second.call('auth:signIn', { staffId: managerId, pin: MANAGER_PIN })).code).toBe('wrong_pin')
    valueOf(await second.call('auth:signIn', { staffId: managerId, pin: '583920' }))
    const [entry] = valueOf(await second.call('audit:list', { limit: 10 })).filter((e) => e.action === 'manager_recovered')
    expect(entry).toMatchObject({ actorName: null, detail: { name: 'Mai Manager', wasLocked: true } })

    writeFileSync(join(dataDir, RECOVERY_FILE), JSON.stringify({ manager: 'Cuong Cashier', newPin: '583920' }))
    await second.close()
    const third = openCore({ dataDir, now: () => clock })
    expect(await third.recovery).toMatch(/no manager called Cuong Cashier/)
    expect(existsSync(join(dataDir, RECOVERY_FILE))).toBe(false)
  })

  it('locks after the idle time and on demand, and only the same PIN unlocks', async () => {
    const core = till()
    const { managerId } = await staffedTill(core)
    valueOf(await core.call('settings:setStore', { idleLockSeconds: 60 }))
    const events: TillEvent[] = []
    core.events.subscribe((event) => events.push(event))
    advance(59_000)
    valueOf(await core.call('auth:activity', {}))
    advance(59_000)
    valueOf(await core.call('staff:list', {}))
    advance(60_000)
    expect(errorOf(await core.call('staff:list', {})).code).toBe('till_locked')
    expect(events.at(-1)).toMatchObject({ name: 'auth:changed', payload: { session: { locked: true } } })
    expect(errorOf(await core.call('auth:unlock', { pin: CASHIER_PIN })).code).toBe('wrong_pin')
    expect(valueOf(await core.call('auth:unlock', { pin: MANAGER_PIN }))).toMatchObject({ locked: false, staff: { id: managerId } })
    valueOf(await core.call('auth:lock', {}))
    expect(errorOf(await core.call('auth:activity', {})).code).toBe('till_locked')
    valueOf(await core.call('auth:signOut', {}))
    expect(valueOf(await core.call('auth:status', {})).session).toBeNull()
    const reasons = core.context.db.prepare("SELECT json_extract(detail, '$.reason') FROM audit_log WHERE action = 'lock' ORDER BY id").pluck().all()
    expect(reasons).toEqual(['idle', 'manual'])
  })

  it('signs out and refuses a disabled person, keeps the last manager, and a new PIN unlocks', async () => {
    const core = till()
    const { managerId, cashierId } = await staffedTill(core)
    expect(errorOf(await core.call('staff:setDisabled', { staffId: managerId, disabled: true }))).toMatchObject({ code: 'conflict', params: { reason: 'last_manager' } })
    valueOf(await core.call('staff:setDisabled', { staffId: cashierId, disabled: true }))
    expect(errorOf(await core.call('auth:signIn', { staffId: cashierId, pin: CASHIER_PIN })).code).toBe('account_disabled')
    expect(valueOf(await core.call('auth:staffList', {})).map((s) => s.id)).toEqual([managerId])
    valueOf(await core.call('auth:signIn', { staffId: managerId, pin: MANAGER_PIN }))
    valueOf(await core.call('staff:setDisabled', { staffId: cashierId, disabled: false }))
    valueOf(await core.call('staff:resetPin', { staffId: cashierId, pin: '5093' }))
    expect(errorOf(await core.call('auth:signIn', { staffId: cashierId, pin: CASHIER_PIN })).code).toBe('wrong_pin')
    expect(valueOf(await core.call('auth:signIn', { staffId: cashierId, pin: '5093' })).staff.id).toBe(cashierId)
  })

  it('ends the session of a manager who disables a signed-in colleague', async () => {
    const core = till()
    const { cashierId } = await staffedTill(core)
    const second = valueOf(await core.call('staff:add', { name: 'Second Manager', role: 'manager', pin: '5093' }))
    valueOf(await core.call('auth:signIn', { staffId: second.id, pin: '5093' }))
    valueOf(await core.call('staff:setDisabled', { staffId: second.id, disabled: true }))
    expect(valueOf(await core.call('auth:status', {})).session).toBeNull()
    expect(errorOf(await core.call('staff:list', {})).code).toBe('unauthenticated')
    expect(cashierId).toBeTruthy()
  })

  it('refuses a second person with the same name', async () => {
    const core = till()
    await staffedTill(core)
    expect(errorOf(await core.call('staff:add', { name: 'cuong cashier', role: 'cashier', pin: '5093' })).code).toBe('conflict')
  })
})
