import { describe, expect, it } from 'vitest'
import { TillError } from '../../shared/errors'
import { createDispatcher, type Handlers } from '../../electron/core/dispatch'
import { recordingLog } from '../helpers/core'

const prefs = { language: 'en' as const, timeZone: 'UTC' }

function handlers(overrides: Partial<Handlers> = {}): Handlers {
  return {
    'app:info': () => ({ version: '1', tillId: 't', host: 'web', trainingMode: true, schemaVersion: 1, preferences: prefs }),
    'prefs:get': () => prefs,
    'prefs:set': () => prefs,
    'providers:status': () => [],
    ...overrides
  }
}

const uuid = /^[0-9a-f-]{36}$/

describe('dispatcher', () => {
  it('answers an unknown channel with unknown_channel and a request id', async () => {
    const dispatch = createDispatcher(handlers(), recordingLog())
    const result = await dispatch('vouchers:steal', {})
    expect(result).toEqual({ ok: false, error: { code: 'unknown_channel', message: 'There is no channel named "vouchers:steal".', requestId: expect.stringMatching(uuid) } })
  })

  it('never calls the handler with input outside the schema', async () => {
    let called = false
    const dispatch = createDispatcher(handlers({ 'prefs:set': () => ((called = true), prefs) }), recordingLog())
    for (const input of [{ language: 'fr' }, {}, { language: 'en', extra: 1 }, 'en', 42, [1]]) {
      const result = await dispatch('prefs:set', input)
      expect(result.ok).toBe(false)
      if (!result.ok) expect(result.error.code).toBe('invalid_input')
    }
    expect(called).toBe(false)
  })

  it('names the field that is wrong', async () => {
    const dispatch = createDispatcher(handlers(), recordingLog())
    const result = await dispatch('prefs:set', { timeZone: 'Mars/Olympus' })
    expect(!result.ok && result.error.message).toMatch(/^timeZone: Unknown time zone/)
  })

  it('turns a TillError into its envelope and keeps the request id it carries', async () => {
    const dispatch = createDispatcher(
      handlers({ 'prefs:get': () => { throw new TillError('provider_unreachable', 'Got It did not answer', { requestId: 'req-1' }) } }),
      recordingLog()
    )
    expect(await dispatch('prefs:get', {})).toEqual({ ok: false, error: { code: 'provider_unreachable', message: 'Got It did not answer', requestId: 'req-1' } })
  })

  it('hides an unexpected exception behind internal, and logs it with the same request id', async () => {
    const log = recordingLog()
    const dispatch = createDispatcher(handlers({ 'prefs:get': () => { throw new Error('disk on fire at /secret/path') } }), log)
    const result = await dispatch('prefs:get', {})
    expect(result.ok).toBe(false)
    if (result.ok) return
    expect(result.error.code).toBe('internal')
    expect(result.error.message).not.toContain('/secret/path')
    expect(log.entries[0]?.detail).toMatchObject({ channel: 'prefs:get', requestId: result.error.requestId })
  })

  it('refuses to pass on output that breaks the contract', async () => {
    const log = recordingLog()
    const dispatch = createDispatcher(handlers({ 'prefs:get': () => ({ language: 'xx', timeZone: 'UTC' }) as never }), log)
    const result = await dispatch('prefs:get', {})
    expect(!result.ok && result.error.code).toBe('internal')
    expect(log.entries[0]?.message).toMatch(/outside its contract/)
  })
})
