import { z } from 'zod'
import { describe, expect, it } from 'vitest'
import { contract } from '../../shared/ipc/contract'

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
})
