import { describe, expect, it } from 'vitest'
import { isGotItCodeFormat, maskCode, normalizeCode } from '../../shared/domain/voucher-code'
import { screenForShortcut } from '../../renderer/src/app/screens'

describe('voucher codes', () => {
  it('keep leading zeros and drop the spaces scanners and people add', () => {
    expect(normalizeCode(' 0708 9802 2379\t')).toBe('070898022379')
  })

  it('accept 10 to 16 letters or digits only', () => {
    expect(isGotItCodeFormat('7132616187')).toBe(true)
    expect(isGotItCodeFormat('070898022379ABCD')).toBe(true)
    expect(isGotItCodeFormat('713261618')).toBe(false)
    expect(isGotItCodeFormat('070898022379ABCDE')).toBe(false)
    expect(isGotItCodeFormat('0708-98022379')).toBe(false)
  })

  it('are masked to their last four characters', () => {
    expect(maskCode('070898022379')).toBe('•••2379')
    expect(maskCode('123')).toBe('123')
  })
})

describe('keyboard shortcuts', () => {
  const key = (k: string, extra: Partial<{ altKey: boolean; ctrlKey: boolean; metaKey: boolean }> = {}) => ({ key: k, altKey: true, ctrlKey: false, metaKey: false, ...extra })
  it('open the screens in menu order with Alt+1 to Alt+7', () => {
    expect(screenForShortcut(key('1'))).toBe('redeem')
    expect(screenForShortcut(key('7'))).toBe('settings')
    expect(screenForShortcut(key('8'))).toBeNull()
    expect(screenForShortcut(key('0'))).toBeNull()
    expect(screenForShortcut(key('1', { altKey: false }))).toBeNull()
    expect(screenForShortcut(key('1', { ctrlKey: true }))).toBeNull()
  })
})
