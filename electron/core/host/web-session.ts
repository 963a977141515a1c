import { createHash, randomBytes } from 'node:crypto'

export const SESSION_COOKIE = 'till_session'

const digest = (secret: string): string => createHash('sha256').update(secret).digest('hex')

/**
 * How a browser signs in to the web host without the page ever carrying a secret: the host
 * hands out one-time sign-in codes (printed at start, kept fresh in a private file, or asked for
 * with the bearer token), and the page trades one for an httpOnly, SameSite=Strict session
 * cookie. Only digests are kept, so lookups do not compare secrets byte by byte.
 */
export class WebSessions {
  private readonly codes = new Set<string>()
  private readonly sessions = new Set<string>()

  /** A new one-time sign-in code. */
  newCode(): string {
    const code = randomBytes(24).toString('base64url')
    this.codes.add(digest(code))
    return code
  }

  /** Spends a sign-in code; the new session's id, or null when the code is unknown or spent. */
  redeem(code: string): string | null {
    if (!this.codes.delete(digest(code))) return null
    const session = randomBytes(32).toString('base64url')
    this.sessions.add(digest(session))
    return session
  }

  /** Whether the request's Cookie header carries a live session. */
  signedIn(cookieHeader: string | undefined): boolean {
    const session = cookieOf(cookieHeader, SESSION_COOKIE)
    return session !== null && this.sessions.has(digest(session))
  }
}

/** One cookie's value from a Cookie header, or null. */
export function cookieOf(header: string | undefined, name: string): string | null {
  for (const part of (header ?? '').split(';')) {
    const at = part.indexOf('=')
    if (at > 0 && part.slice(0, at).trim() === name) return part.slice(at + 1).trim()
  }
  return null
}

/** The Set-Cookie header of a session: not readable by scripts, never sent by another site. */
export function sessionCookie(session: string): string {
  return `${SESSION_COOKIE}=${session}; HttpOnly; SameSite=Strict; Path=/`
}
