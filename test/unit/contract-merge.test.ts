import { z } from 'zod'
import { describe, expect, it } from 'vitest'
import { defineFeature, mergeFeatures } from '../../shared/ipc/channel-table'
import { channelNames, contract } from '../../shared/ipc/contract'
import { providerModules } from '../../electron/core/providers/registry'
import { providerManifests } from '../../shared/providers'

const spec = { summary: 's', access: 'public', input: z.object({}), output: z.object({}) } as const

describe('contract by feature', () => {
  it('merges feature tables and refuses a channel or event two features define', () => {
    const a = defineFeature({ channels: { 'a:one': spec }, events: { 'a:changed': { summary: 'e', payload: z.object({}) } } })
    const b = defineFeature({ channels: { 'b:one': spec } })
    expect(Object.keys(mergeFeatures(a, b).channels)).toEqual(['a:one', 'b:one'])
    expect(() => mergeFeatures(a, defineFeature({ channels: { 'a:one': spec } }))).toThrow(/Two features define the channel "a:one"/)
    expect(() => mergeFeatures(a, defineFeature({ channels: {}, events: { 'a:changed': { summary: 'e', payload: z.object({}) } } }))).toThrow(/event "a:changed"/)
  })

  it('names every channel domain:verb, within what the preload lets through', () => {
    for (const name of channelNames) expect(name).toMatch(/^[a-z][a-zA-Z]*:[a-z][a-zA-Z]*$/)
    expect(Object.keys(contract)).toEqual(channelNames)
  })

  it('gives every provider a unique id, a name in every language, https production URLs, and a module in the manifests’ order', () => {
    expect(new Set(providerManifests.map((m) => m.id)).size).toBe(providerManifests.length)
    for (const manifest of providerManifests) {
      expect(manifest.name.length).toBeGreaterThan(1)
      expect(manifest.names.vi.length).toBeGreaterThan(1)
      expect(manifest.settings.baseUrls.production).toMatch(/^https:\/\//)
    }
    expect(providerModules.map((m) => m.manifest)).toEqual([...providerManifests])
  })
})
