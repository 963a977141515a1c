import { parse } from 'csv-parse/sync'
import type { StatementMapping } from '../../../shared/backoffice/screens'
import { CurrencySchema, decimalToMinor, minorDigits, type Currency } from '../../../shared/money'
import { Refused } from '../refused'

export interface StatementLine {
  /** The line of the file it came from (the header is line 1). */
  lineNo: number
  providerRef: string
  amountMinor: number
  currency: Currency
  at: string | null
}

/** A statement of more lines than this is refused rather than slowing the service for everyone. */
export const MAX_STATEMENT_LINES = 500_000
/** How many unreadable lines a refusal names. */
const NAMED = 5

/**
 * Reads a provider's statement (CSV) with its saved mapping: the header row names the columns,
 * amounts become minor units in the line's currency, read digit by digit. A statement with a
 * missing column or unreadable lines is refused whole, naming the lines, so nothing is matched
 * against half a file.
 */
export function readStatement(csv: string, mapping: StatementMapping): StatementLine[] {
  let records: { record: string[]; info: { lines: number } }[]
  try {
    records = parse(csv, { delimiter: mapping.delimiter, bom: true, info: true, skip_empty_lines: true, relax_column_count: true, trim: true, max_record_size: 100_000 }) as unknown as {
      record: string[]
      info: { lines: number }
    }[]
  } catch (error) {
    throw new Refused(400, 'statement_unreadable', `This file cannot be read as CSV: ${error instanceof Error ? error.message : String(error)}`)
  }
  const [header, ...rows] = records
  if (!header) throw new Refused(400, 'statement_empty', 'The statement is empty.')
  if (rows.length > MAX_STATEMENT_LINES)
    throw new Refused(400, 'statement_too_long', `The statement has ${rows.length} lines; split it into files of at most ${MAX_STATEMENT_LINES}.`, { lines: rows.length, max: MAX_STATEMENT_LINES })
  const names = header.record.map((name) => name.trim().toLowerCase())
  const column = (name: string | null): number | null => {
    if (name === null || name === '') return null
    const at = names.indexOf(name.trim().toLowerCase())
    if (at < 0)
      throw new Refused(400, 'statement_column', `The statement has no column "${name}"; its columns are ${header.record.join(', ')}. Change the mapping to match.`, {
        column: name,
        columns: header.record.join(', ').slice(0, 500)
      })
    return at
  }
  const id = column(mapping.idColumn)
  const amount = column(mapping.amountColumn)
  const currencyAt = column(mapping.currencyColumn)
  const timeAt = column(mapping.timeColumn)
  const bad: number[] = []
  const lines: StatementLine[] = []
  for (const { record, info } of rows) {
    const ref = id === null ? '' : (record[id] ?? '').trim()
    const currency = CurrencySchema.safeParse(currencyAt === null ? mapping.currency : (record[currencyAt] ?? '').trim().toUpperCase())
    const text = amount === null ? '' : (record[amount] ?? '').replace(/[\s\u00a0]/g, '')
    const minor = currency.success ? (mapping.amountUnit === 'minor' ? (/^-?\d+$/.test(text) ? Number(text) : null) : decimalToMinor(text, minorDigits[currency.data])) : null
    if (ref === '' || minor === null || !currency.success || !Number.isSafeInteger(minor)) {
      bad.push(info.lines)
      continue
    }
    lines.push({ lineNo: info.lines, providerRef: ref.slice(0, 200), amountMinor: minor, currency: currency.data, at: timeAt === null ? null : (record[timeAt] ?? '').slice(0, 40) || null })
  }
  if (bad.length > 0) {
    const named = bad.slice(0, NAMED).join(', ')
    throw new Refused(
      400,
      'statement_lines',
      `${bad.length} line(s) of the statement have no ${mapping.idColumn}, or an amount or currency that cannot be read (line ${named}${bad.length > NAMED ? ', …' : ''}).`,
      { count: bad.length, lines: `${named}${bad.length > NAMED ? ', …' : ''}` }
    )
  }
  return lines
}
