import { z } from 'zod'
import { describe, expect, it } from 'vitest'
import { contract, maxInputBytesOf } from '../../shared/ipc/contract'

type Json = { [key: string]: unknown }

/** Every place in a JSON schema where an unbounded string, array or record key could come in. */
function unbounded(schema: unknown, path: string, found: string[]): void {
  if (!schema || typeof schema !== 'object') return
  const node = schema as Json
  if (node['type'] === 'string' && node['maxLength'] === undefined && node['enum'] === undefined && node['const'] === undefined && node['format'] === undefined) {
    found.push(path)
  }
  if (node['type'] === 'array' && node['maxItems'] === undefined && !Array.isArray(node['prefixItems'])) found.push(`${path}[]`)
  if (node['additionalProperties'] && typeof node['additionalProperties'] === 'object') {
    const keys = node['propertyNames'] as Json | undefined
    if (!keys || keys['maxLength'] === undefined) found.push(`${path}{key}`)
  }
  for (const [key, value] of Object.entries(node)) {
    if (key === 'propertyNames') continue
    if (Array.isArray(value)) value.forEach((item, i) => unbounded(item, `${path}.${key}[${i}]`, found))
    else if (value && typeof value === 'object') unbounded(value, `${path}.${key}`, found)
  }
}

describe('input limits', () => {
  it('bound every string, array and record key any channel accepts, so no input can be echoed back at any size', () => {
    const found: string[] = []
    for (const [name, spec] of Object.entries(contract)) unbounded(z.toJSONSchema(spec.input, { io: 'input', unrepresentable: 'any' }), name, found)
    expect(found).toEqual([])
  })

  it('fit every channel’s largest legal input in its body limit, so no legal call is refused for its size', () => {
    const tooBig: string[] = []
    for (const [name, spec] of Object.entries(contract)) {
      const largest = largestJson(z.toJSONSchema(spec.input, { io: 'input', unrepresentable: 'any' }))
      if (largest > maxInputBytesOf(name)) tooBig.push(`${name}: ${largest} > ${maxInputBytesOf(name)}`)
    }
    expect(tooBig).toEqual([])
    // The image channel is the one that needs more than the default: 2 MB as base64.
    expect(largestJson(z.toJSONSchema(contract['receipts:image'].input, { io: 'input' }))).toBeGreaterThan(2_700_000)
  })
})

/** Entries assumed for a record whose number of keys the schema does not bound (the keys themselves are bounded above). */
const RECORD_ENTRIES = 64

/** The most bytes a legal input can take as JSON, text written as ASCII (a node's own bound, or 0 when it has none). */
function largestJson(schema: unknown): number {
  if (!schema || typeof schema !== 'object') return 0
  const n = schema as Json
  if (n['const'] !== undefined) return JSON.stringify(n['const']).length
  if (Array.isArray(n['enum'])) return Math.max(...n['enum'].map((v) => JSON.stringify(v).length))
  for (const key of ['anyOf', 'oneOf'] as const) if (Array.isArray(n[key])) return Math.max(...n[key].map(largestJson))
  const types = Array.isArray(n['type']) ? (n['type'] as string[]) : [n['type']]
  return Math.max(
    ...types.map((type) => {
      switch (type) {
        case 'string':
          return (typeof n['maxLength'] === 'number' ? n['maxLength'] : 40) + 2
        case 'integer':
        case 'number':
          return 24
        case 'boolean':
          return 5
        case 'array':
          return 2 + (typeof n['maxItems'] === 'number' ? n['maxItems'] : 0) * (largestJson(n['items']) + 1)
        case 'object': {
          const properties = Object.entries((n['properties'] ?? {}) as Record<string, unknown>).reduce((sum, [key, value]) => sum + key.length + 4 + largestJson(value), 2)
          const extra = n['additionalProperties'] && typeof n['additionalProperties'] === 'object' ? RECORD_ENTRIES * (largestJson(n['propertyNames']) + 2 + largestJson(n['additionalProperties'])) : 0
          return properties + extra
        }
        default:
          return 4
      }
    })
  )
}
