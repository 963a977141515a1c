import { minorDigits, type Currency } from './money'

/**
 * One CSV field (RFC 4180): quoted when it holds a comma, quote, CR or LF, quotes doubled. A text
 * field a spreadsheet would take for a formula (= + - @, tab, CR first) gets a leading apostrophe.
 */
export function csvField(value: string | number | null, text = true, delimiter = ','): string {
  if (value === null) return ''
  let s = String(value)
  if (text && /^[=+\-@\t\r]/.test(s)) s = `'${s}`
  return /[",\r\n]/.test(s) || s.includes(delimiter) ? `"${s.replace(/"/g, '""')}"` : s
}

export function csvLine(fields: string[], delimiter = ','): string {
  return `${fields.join(delimiter)}\r\n`
}

/** Minor units as the plain decimal a spreadsheet reads (`100050` INR → `1000.50`), digit by digit. */
export function minorText(amount: number, currency: Currency): string {
  const digits = minorDigits[currency]
  const sign = amount < 0 ? '-' : ''
  const abs = Math.abs(amount)
  return digits === 0 ? `${sign}${abs}` : `${sign}${Math.trunc(abs / 10 ** digits)}.${String(abs % 10 ** digits).padStart(digits, '0')}`
}
