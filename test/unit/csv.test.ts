import { describe, expect, it } from 'vitest'
import { csvField, csvLine } from '../../shared/csv'

describe('CSV fields (RFC 4180, spreadsheet-safe)', () => {
  it('quotes a field with a comma, quote, CR or LF and doubles its quotes', () => {
    expect(csvField('plain')).toBe('plain')
    expect(csvField('a,b')).toBe('"a,b"')
    expect(csvField('say "hi"')).toBe('"say ""hi"""')
    expect(csvField('two\nlines')).toBe('"two\nlines"')
    expect(csvField(null)).toBe('')
    expect(csvLine(['a', 'b'])).toBe('a,b\r\n')
  })

  it('keeps a spreadsheet from running text as a formula, but leaves numbers alone', () => {
    for (const evil of ['=HYPERLINK("http://x","y")', '+1', '-2+3', '@SUM(A1)', '\tx', '\rx']) expect(csvField(evil).replace(/^"/, '').startsWith("'")).toBe(true)
    expect(csvField('=1+1')).toBe("'=1+1")
    expect(csvField('-1500.00', false)).toBe('-1500.00')
  })
})
