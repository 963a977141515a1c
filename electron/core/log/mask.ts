/** Keys whose values never reach a log, whatever they hold. */
const SECRET_KEY = /(pin|secret|password|passwd|token|api[-_]?key|authorization|subscription[-_]?key|cardnumber|card_number|cvv)/i
/** Keys that hold voucher codes or card numbers: bearer money, shown by their last 4 characters. */
const CODE_KEY = /^(code|codes|voucher|vouchercode|cardno|card)$/i
/** Long runs of digits and capitals in free text look like codes or card numbers. */
const CODE_IN_TEXT = /\b[A-Z0-9]{10,24}\b/g

export function maskTail(value: string): string {
  return value.length <= 4 ? '****' : `****${value.slice(-4)}`
}

/**
 * A copy of a log record fit for a file that support may read: secrets removed, codes masked,
 * both in named fields and in free text.
 */
export function maskForLog(value: unknown, key = '', depth = 0): unknown {
  if (depth > 8) return '[deep]'
  if (SECRET_KEY.test(key)) return value === undefined || value === null ? value : '[secret]'
  if (typeof value === 'string') {
    if (CODE_KEY.test(key)) return maskTail(value)
    return value.replace(CODE_IN_TEXT, (run) => (/\d{6,}/.test(run) || /^[A-Z0-9]{12,}$/.test(run) ? maskTail(run) : run))
  }
  if (Array.isArray(value)) return value.map((item) => maskForLog(item, CODE_KEY.test(key) ? key : '', depth + 1))
  if (value instanceof Error) return { name: value.name, message: maskForLog(value.message, 'message', depth + 1), stack: maskForLog(value.stack ?? '', 'stack', depth + 1) }
  if (value && typeof value === 'object') {
    return Object.fromEntries(Object.entries(value as Record<string, unknown>).map(([k, v]) => [k, maskForLog(v, k, depth + 1)]))
  }
  return value
}
