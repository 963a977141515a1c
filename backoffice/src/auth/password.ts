import { randomBytes, scrypt, timingSafeEqual } from 'node:crypto'

/** scrypt at N=2^15, r=8: about 100 ms and 32 MiB per try on a small server, which a sign-in can afford and a stolen database cannot. */
export interface PasswordCost {
  N: number
  r: number
  p: number
}
export const DEFAULT_PASSWORD_COST: PasswordCost = { N: 32768, r: 8, p: 1 }

function derive(password: string, salt: Buffer, cost: PasswordCost): Promise<Buffer> {
  return new Promise((resolve, reject) => {
    scrypt(password.normalize('NFKC'), salt, 32, { N: cost.N, r: cost.r, p: cost.p, maxmem: 256 * cost.N * cost.r }, (error, key) => (error ? reject(error) : resolve(key)))
  })
}

/** `scrypt$N$r$p$salt$key` in base64url: the cost travels with the hash, so it can be raised later. */
export async function hashPassword(password: string, cost: PasswordCost = DEFAULT_PASSWORD_COST): Promise<string> {
  const salt = randomBytes(16)
  return `scrypt$${cost.N}$${cost.r}$${cost.p}$${salt.toString('base64url')}$${(await derive(password, salt, cost)).toString('base64url')}`
}

export async function passwordMatches(password: string, stored: string): Promise<boolean> {
  const parts = stored.split('$')
  if (parts.length !== 6 || parts[0] !== 'scrypt') return false
  const [, n, r, p, salt = '', key = ''] = parts
  const expected = Buffer.from(key, 'base64url')
  const actual = await derive(password, Buffer.from(salt, 'base64url'), { N: Number(n), r: Number(r), p: Number(p) })
  return actual.length === expected.length && timingSafeEqual(actual, expected)
}
