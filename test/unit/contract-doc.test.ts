import { readFileSync } from 'node:fs'
import { describe, expect, it } from 'vitest'
import { renderContractDoc } from '../../shared/ipc/contract-doc'
import { channelNames, eventNames } from '../../shared/ipc/contract'

describe('operator contract document', () => {
  it('is up to date with the schemas (run npm run contract:doc when this fails)', () => {
    expect(readFileSync('docs/contract.md', 'utf8')).toBe(renderContractDoc())
  })

  it('documents every channel and event', () => {
    const doc = renderContractDoc()
    for (const name of [...channelNames, ...eventNames]) expect(doc).toContain(`### \`${name}\``)
  })

  it('is linked from the README', () => {
    expect(readFileSync('README.md', 'utf8')).toContain('docs/contract.md')
  })
})
