import { describe, expect, it } from 'vitest'
import { hashPin, verifyPin } from '../../electron/core/auth/pin-hash'
import { DEFAULT_PIN_POLICY, pinPolicyFromEnv, retryDelayMs, shouldLock } from '../../electron/core/auth/pin-policy'
import { PinSchema } from '../../shared/domain/staff'

const cheap = { N: 1024, r: 8, p: 1 }

describe('PIN hashing', () => {
  it('stores scrypt with its parameters and a fresh salt, never the PIN', async () => {
    const a = await hashPin('4826', cheap)
    const b = await hashPin('4826', cheap)
    expect(a).toMatch(/^scrypt\$1024\$8\$1\$[\w-]{22}\$[\w-]{43}$/)
    expect(a).not.toBe(b)
    expect(a).not.toContain('4826')
  })

  it('accepts the right PIN and refuses a wrong one or a damaged hash', async () => {
    const stored = await hashPin('4826', cheap)
    expect(await verifyPin('4826', stored)).toBe(true)
    expect(await verifyPin('4827', stored)).toBe(false)
    // Damage the first character of the hash: the last one carries two unused bits, so changing it may not change the bytes.
    const hashStart = stored.lastIndexOf('$') + 1
    const damaged = stored.slice(0, hashStart) + (stored[hashStart] === 'A' ? 'B' : 'A') + stored.slice(hashStart + 1)
    expect(await verifyPin('4826', damaged)).toBe(false)
    expect(await verifyPin('4826', 'plain$4826')).toBe(false)
  })

  it('uses the default cost when none is given', async () => {
    expect(await hashPin('4826')).toMatch(/^scrypt\$16384\$8\$1\$/)
  })
})

describe('PIN rules', () => {
  it('take 4 to 12 digits that are not trivially guessable', () => {
    for (const good of ['4826', '739104', '902341857762']) expect(PinSchema.safeParse(good).success, good).toBe(true)
    for (const bad of ['123', '1234567890123', '12a4', '0000', '1234', '4321', '6789', '']) expect(PinSchema.safeParse(bad).success, bad).toBe(false)
  })
})

describe('wrong-PIN policy', () => {
  it('lets three mistakes pass, then doubles the wait, then locks at the fifth', () => {
    expect([0, 1, 2, 3, 4].map((failures) => retryDelayMs(DEFAULT_PIN_POLICY, failures))).toEqual([0, 0, 0, 1000, 2000])
    expect(shouldLock(DEFAULT_PIN_POLICY, 4)).toBe(false)
    expect(shouldLock(DEFAULT_PIN_POLICY, 5)).toBe(true)
  })
})

describe('wrong-PIN policy from the environment', () => {
  it('takes the first wait from TILL_PIN_RETRY_DELAY_MS and ignores nonsense', () => {
    expect(pinPolicyFromEnv({ TILL_PIN_RETRY_DELAY_MS: '3000' }).baseDelayMs).toBe(3000)
    expect(pinPolicyFromEnv({ TILL_PIN_RETRY_DELAY_MS: 'soon' })).toEqual(DEFAULT_PIN_POLICY)
    expect(pinPolicyFromEnv({ TILL_PIN_RETRY_DELAY_MS: '-5' })).toEqual(DEFAULT_PIN_POLICY)
    expect(pinPolicyFromEnv({})).toEqual(DEFAULT_PIN_POLICY)
  })
})
