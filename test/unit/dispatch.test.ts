import { describe, expect, it } from 'vitest'
import { TillError } from '../../shared/errors'
import { createDispatcher, type Authorize, type Handlers } from '../../electron/core/dispatch'
import { recordingLog, useCores } from '../helpers/core'
import { useTempDirs } from '../helpers/temp-dir'

const uuid = /^[0-9a-f-]{36}$/
const anyone: Authorize = () => null

describe('dispatcher', () => {
  const tempDir = useTempDirs()
  const openCore = useCores()
  const handlers = (overrides: Partial<Handlers> = {}): Handlers => ({ ...openCore({ dataDir: tempDir() }).handlers, ...overrides })

  it('answers an unknown channel with unknown_channel and a request id', async () => {
    const dispatch = createDispatcher(handlers(), recordingLog(), anyone)
    const result = await dispatch('vouchers:steal', {})
    expect(result).toEqual({ ok: false, error: { code: 'unknown_channel', message: 'There is no channel named "vouchers:steal".', requestId: expect.stringMatching(uuid) } })
  })

  it('never calls the handler with input outside the schema', async () => {
    let called = false
    const dispatch = createDispatcher(
      handlers({
        'prefs:setLanguage': () => {
          called = true
          throw new Error('reached')
        }
      }),
      recordingLog(),
      anyone
    )
    for (const input of [{ language: 'fr' }, {}, { language: 'en', extra: 1 }, 'en', 42, [1]]) {
      const result = await dispatch('prefs:setLanguage', input)
      expect(result.ok).toBe(false)
      if (!result.ok) expect(result.error.code).toBe('invalid_input')
    }
    expect(called).toBe(false)
  })

  it('names the field that is wrong', async () => {
    const dispatch = createDispatcher(handlers(), recordingLog(), anyone)
    const result = await dispatch('settings:setStore', { timeZone: 'Mars/Olympus' })
    expect(!result.ok && result.error.message).toMatch(/^timeZone: Unknown time zone/)
  })

  it('asks who is calling before it looks at the input, and passes the caller to the handler', async () => {
    const seen: string[] = []
    const refuse: Authorize = (access, channel) => {
      seen.push(`${access} ${channel}`)
      if (access === 'manager') throw new TillError('forbidden', 'managers only')
      return { id: 's1', name: 'Lan', role: 'cashier' }
    }
    let actor: unknown
    const dispatch = createDispatcher(handlers({ 'auth:activity': (_input, call) => ((actor = call.actor), { done: true }) }), recordingLog(), refuse)
    expect(await dispatch('staff:add', { nonsense: true })).toMatchObject({ ok: false, error: { code: 'forbidden' } })
    expect(await dispatch('auth:activity', {})).toEqual({ ok: true, value: { done: true } })
    expect(actor).toEqual({ id: 's1', name: 'Lan', role: 'cashier' })
    expect(seen).toEqual(['manager staff:add', 'staff auth:activity'])
  })

  it('turns a TillError into its envelope and keeps the request id and params it carries', async () => {
    const dispatch = createDispatcher(
      handlers({
        'prefs:get': () => {
          throw new TillError('pin_retry_later', 'wait', { requestId: 'req-1', params: { seconds: 4 } })
        }
      }),
      recordingLog(),
      anyone
    )
    expect(await dispatch('prefs:get', {})).toEqual({ ok: false, error: { code: 'pin_retry_later', message: 'wait', requestId: 'req-1', params: { seconds: 4 } } })
  })

  it('hides an unexpected exception behind internal, and logs it with the same request id', async () => {
    const log = recordingLog()
    const dispatch = createDispatcher(
      handlers({
        'prefs:get': () => {
          throw new Error('disk on fire at /secret/path')
        }
      }),
      log,
      anyone
    )
    const result = await dispatch('prefs:get', {})
    expect(result.ok).toBe(false)
    if (result.ok) return
    expect(result.error.code).toBe('internal')
    expect(result.error.message).not.toContain('/secret/path')
    expect(log.entries[0]?.detail).toMatchObject({ channel: 'prefs:get', requestId: result.error.requestId })
  })

  it('refuses to pass on output that breaks the contract', async () => {
    const log = recordingLog()
    const dispatch = createDispatcher(handlers({ 'prefs:get': () => ({ language: 'xx', timeZone: 'UTC', idleLockSeconds: 0 }) as never }), log, anyone)
    const result = await dispatch('prefs:get', {})
    expect(!result.ok && result.error.code).toBe('internal')
    expect(log.entries[0]?.message).toMatch(/outside its contract/)
  })
})
