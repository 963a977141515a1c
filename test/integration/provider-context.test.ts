import { describe, expect, it } from 'vitest'
import { scopeTo } from '../../electron/core/providers/module'
import { useCores } from '../helpers/core'
import { useTempDirs } from '../helpers/temp-dir'

describe('a provider module’s context', () => {
  const tempDir = useTempDirs()
  const openCore = useCores()

  it('holds its own provider’s settings and secrets only', () => {
    const core = openCore({ dataDir: tempDir(), env: { TILL_HUBBLE_MODE: 'sandbox', TILL_HUBBLE_CLIENT_ID: 'hubble-id', TILL_HUBBLE_CLIENT_SECRET: 'hubble-secret', TILL_GOTIT_PIN: '1212' } })
    const gotit = scopeTo(core.context, 'gotit')
    const hubble = scopeTo(core.context, 'hubble')
    expect(hubble.settings.secret('clientSecret')).toBe('hubble-secret')
    expect(hubble.settings.mode()).toBe('sandbox')
    // Got It's module asking for Hubble's secret by its key finds nothing: the names it can reach are its own.
    expect(gotit.settings.secret('clientSecret')).toBeUndefined()
    expect(gotit.settings.secret('storePin')).toBe('1212')
    expect(gotit.settings.mode()).toBe('training')
    expect(Object.keys(gotit.settings).sort()).toEqual(['mode', 'resolve', 'secret', 'values'])
    expect('spec' in gotit.settings || 'apply' in gotit.settings).toBe(false)
    // @ts-expect-error: a module cannot name another provider.
    expect(typeof gotit.settings.values('hubble')).toBe('object')
  })
})
