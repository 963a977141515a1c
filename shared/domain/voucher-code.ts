/** Got It codes are 10–16 characters, kept as strings: leading zeros matter. */
const GOTIT_CODE = /^[0-9A-Za-z]{10,16}$/

/** Scanners and people add spaces; codes never contain them. */
export function normalizeCode(raw: string): string {
  return raw.replace(/\s+/g, '')
}

export function isGotItCodeFormat(code: string): boolean {
  return GOTIT_CODE.test(code)
}

/** Voucher codes are bearer money: lists, logs and errors show only the last four characters. */
export function maskCode(code: string): string {
  return code.length <= 4 ? code : `•••${code.slice(-4)}`
}
