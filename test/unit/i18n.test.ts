import { readdirSync, readFileSync } from 'node:fs'
import { join } from 'node:path'
import { describe, expect, it } from 'vitest'
import { errorCodes, TillError } from '../../shared/errors'
import { ErrorReasonSchema, type ErrorReason } from '../../shared/ipc/contract'
import { languages } from '../../shared/domain/preferences'
import { dictionaries, translator } from '../../renderer/src/i18n/i18n'
import { mergeBundles } from '../../shared/i18n'
import { defineMessages } from '../../renderer/src/i18n/define'
import { auditActions } from '../../shared/domain/audit'
import { juspayOrderStatuses } from '../../shared/domain/payments'
import { providerManifests } from '../../shared/providers'
import { trainingVoucherNames } from '../../electron/core/providers/gotit'

const en = dictionaries.en
const placeholders = (text: string) => [...new Set([...text.matchAll(/\{(\w+)(?:\}|, plural,)/g)].map((m) => m[1]))].sort()

describe('translations', () => {
  it('have a non-empty sentence for every key in every language, with the same placeholders', () => {
    for (const language of languages) {
      for (const key of Object.keys(en) as (keyof typeof en)[]) {
        const text = dictionaries[language][key]
        expect(text.trim(), `${language} ${key}`).not.toBe('')
        expect(placeholders(text), `${language} ${key}`).toEqual(placeholders(en[key]))
      }
    }
  })

  it('have words for exactly the reasons the features declare, and the types hold both sides to them', () => {
    for (const language of languages) {
      const reasons = Object.keys(dictionaries[language])
        .filter((key) => key.startsWith('reason.'))
        .map((key) => key.slice('reason.'.length))
      expect(reasons.sort(), language).toEqual([...ErrorReasonSchema.options].sort())
    }
    const words = (words: Record<`reason.${ErrorReason}`, string>) => Object.keys(words).length
    // @ts-expect-error: a language missing a declared reason's words does not compile.
    expect(words({ 'reason.unreachable': 'x' })).toBe(1)
    // @ts-expect-error: the core cannot send a reason no feature declares.
    expect(new TillError('conflict', 'x', { params: { reason: 'someone_changed_it' } }).params).toEqual({ reason: 'someone_changed_it' })
  })

  it('have a sentence for every error code the core can send', () => {
    for (const language of languages) {
      for (const code of errorCodes) expect(dictionaries[language][`error.${code}`]).toMatch(/\.$/)
    }
  })

  it('have a sentence for every reason an error of the core carries, so none falls back to its code’s words', () => {
    const sources = readdirSync('electron/core', { recursive: true, encoding: 'utf8' }).filter((f) => f.endsWith('.ts'))
    const reasons = new Set<string>()
    for (const file of sources) {
      const text = readFileSync(join('electron/core', file), 'utf8')
      // Each `new TillError(…)` up to the next statement, and every reason literal in it.
      for (const call of text.matchAll(/new TillError\(([\s\S]*?)\)\s*(?:\n|$)/g)) for (const m of (call[1] ?? '').matchAll(/reason: '([a-z_]+)'/g)) reasons.add(m[1] ?? '')
      for (const m of text.matchAll(/const reason = ([^\n]+)/g)) for (const literal of (m[1] ?? '').matchAll(/(?<!\?)[?:]\s*'([a-z_]+)'/g)) reasons.add(literal[1] ?? '')
    }
    expect(reasons.size).toBeGreaterThan(15)
    for (const language of languages) for (const reason of reasons) expect(Object.hasOwn(dictionaries[language], `reason.${reason}`), `${language} reason.${reason}`).toBe(true)
  })

  it('have a sentence for every order status Juspay documents, in every language', () => {
    for (const language of languages) for (const status of juspayOrderStatuses) expect(Object.hasOwn(dictionaries[language], `payments.status.${status}`), `${language} ${status}`).toBe(true)
  })

  it('name every provider setting field, audit action and training voucher', () => {
    const keys = new Set(Object.keys(en))
    for (const provider of providerManifests) for (const spec of provider.settings.fields) expect(keys.has(`field.${spec.key}`), spec.key).toBe(true)
    for (const action of auditActions) expect(keys.has(`audit.action.${action}`), action).toBe(true)
    for (const name of trainingVoucherNames) expect(keys.has(`training.voucher.${name}`), name).toBe(true)
  })

  it('say one and many right in each language', () => {
    expect(translator('en')('redeem.redeem', { count: 1, amount: '₫100,000' })).toBe('Redeem 1 voucher: ₫100,000')
    expect(translator('en')('redeem.redeem', { count: 3, amount: '₫350,000' })).toBe('Redeem 3 vouchers: ₫350,000')
    expect(translator('vi')('redeem.redeem', { count: 1, amount: '100.000 ₫' })).toBe('Đổi 1 voucher: 100.000 ₫')
    expect(translator('en')('audit.intact', { count: 1 })).toBe('The log is intact: its 1 entry checks out.')
  })

  it('have a sentence for every documented Hubble error id, in every language', () => {
    for (const id of ['E001', 'E100', 'E101', 'E102', 'E150', 'E151', 'E152', 'E153', 'E154', 'E155', 'E156', 'E157', 'E158', 'E159', 'E160', 'E300']) {
      for (const language of languages) expect(dictionaries[language][`gift.error.${id}` as keyof typeof en], `${language} ${id}`).toMatch(/\.$|:/)
    }
    expect(translator('en')('gift.error.E300')).toBe('The store’s gift card account is empty: call a manager.')
  })

  it('refuse two features defining the same key', () => {
    const a = defineMessages({ en: { 'x.title': 'A' }, vi: { 'x.title': 'A' } })
    const b = defineMessages({ en: { 'x.title': 'B' }, vi: { 'x.title': 'B' } })
    expect(() => mergeBundles([a, b])).toThrow(/Two features define the message "x.title"/)
  })

  it('fill placeholders and leave unknown ones visible', () => {
    expect(translator('en')('code.duplicate', { code: '0123456789' })).toBe('Code 0123456789 is already on this bill.')
    expect(translator('vi')('redeem.codesOnBill', { count: 2, max: 20 })).toBe('Số mã trên hóa đơn: 2/20')
    expect(translator('en')('code.duplicate')).toBe('Code {code} is already on this bill.')
  })
})
