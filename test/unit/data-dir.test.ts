import { resolve } from 'node:path'
import { describe, expect, it } from 'vitest'
import { resolveDataDir } from '../../electron/core/data-dir'

describe('data folder', () => {
  it('comes from TILL_DATA_DIR when set, else from the host default', () => {
    expect(resolveDataDir({ TILL_DATA_DIR: '/srv/till' }, '/home/a/.config/Till')).toBe('/srv/till')
    expect(resolveDataDir({ TILL_DATA_DIR: 'rel/dir' }, '/x')).toBe(resolve('rel/dir'))
    expect(resolveDataDir({ TILL_DATA_DIR: '  ' }, '/home/a/.config/Till')).toBe('/home/a/.config/Till')
    expect(resolveDataDir({}, '.till-data')).toBe(resolve('.till-data'))
  })
})
