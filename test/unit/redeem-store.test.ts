import { beforeEach, describe, expect, it } from 'vitest'
import { MAX_CODES_PER_BILL, useRedeemStore } from '../../renderer/src/features/redeem/redeem-store'

describe('codes on a bill', () => {
  beforeEach(() => useRedeemStore.getState().clear())
  const add = (code: string) => useRedeemStore.getState().addCode(code)

  it('refuses empty, malformed and repeated codes, and more than the limit', () => {
    expect(add('')).toBe('code.empty')
    expect(add('12345')).toBe('code.format')
    expect(add('1000000001')).toBeNull()
    expect(add('1000000001')).toBe('code.duplicate')
    for (let i = 2; i <= MAX_CODES_PER_BILL; i++) expect(add(`10000000${String(i).padStart(2, '0')}`)).toBeNull()
    expect(add('2000000001')).toBe('code.tooMany')
    expect(useRedeemStore.getState().codes).toHaveLength(MAX_CODES_PER_BILL)
  })

  it('removes one code or clears the bill', () => {
    add('1000000001')
    add('1000000002')
    useRedeemStore.getState().removeCode('1000000001')
    expect(useRedeemStore.getState().codes).toEqual(['1000000002'])
  })
})
