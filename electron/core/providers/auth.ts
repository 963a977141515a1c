/**
 * How a provider knows it is us. A strategy adds what the provider needs to each request; a
 * token strategy can also renew its token when the provider answers 401.
 */
export interface AuthStrategy {
  /** Headers to add, and fields to merge into a JSON or form body. */
  credentials(): Promise<Credentials>
  /**
   * The provider refused the credentials (401). Returns true when new ones were obtained and
   * one retry may help; the HTTP layer retries at most once.
   */
  renew?(): Promise<boolean>
}

export interface Credentials {
  headers?: Record<string, string>
  bodyFields?: Record<string, string>
}

/** A token login could not get a token; carries the login's own outcome for the error shown. */
export class LoginFailed extends Error {
  constructor(
    readonly status: number | null,
    readonly body: unknown,
    readonly requestId: string,
    /** Whether the login request may have reached the provider (it changes nothing there either way). */
    readonly reached: boolean,
    message: string
  ) {
    super(message)
    this.name = 'LoginFailed'
  }
}

/** A secret sent in the body of every request (Got It's store PIN). */
export function bodyFieldAuth(fields: Record<string, string>): AuthStrategy {
  return { credentials: () => Promise.resolve({ bodyFields: fields }) }
}

/** HTTP Basic (Juspay: the API key as user name and an empty password). */
export function basicAuth(user: string, password = ''): AuthStrategy {
  const header = `Basic ${Buffer.from(`${user}:${password}`).toString('base64')}`
  return { credentials: () => Promise.resolve({ headers: { Authorization: header } }) }
}

export interface Token {
  value: string
  /** When the provider stops accepting it. */
  expiresAt: Date
}

export interface TokenAuthOptions {
  /** Gets a new token; throws LoginFailed when the provider refuses. */
  login(): Promise<Token>
  now: () => Date
  /** How the token is sent; Bearer by default. */
  header?: (token: string) => Record<string, string>
  /** Renew this long before expiry: the smaller of this and a fifth of the token's life. */
  refreshBeforeMs?: number
}

/**
 * An OAuth-style token: kept in memory, renewed before it expires, one login at a time however
 * many calls wait for it, and a fresh login when the provider answers 401.
 */
export class TokenAuth implements AuthStrategy {
  private token: Token | null = null
  private obtainedAt = 0
  private loggingIn: Promise<Token> | null = null

  constructor(private readonly options: TokenAuthOptions) {}

  async credentials(): Promise<Credentials> {
    const token = await this.current()
    return { headers: this.options.header ? this.options.header(token.value) : { Authorization: `Bearer ${token.value}` } }
  }

  async renew(): Promise<boolean> {
    const before = this.token
    // Another call may have renewed it while this one waited for its 401.
    if (this.loggingIn) await this.loggingIn.catch(() => undefined)
    if (this.token && this.token !== before) return true
    this.token = null
    await this.login()
    return true
  }

  /** Forgets the token (settings changed). */
  reset(): void {
    this.token = null
  }

  private async current(): Promise<Token> {
    const token = this.token
    if (token && !this.dueForRenewal(token)) return token
    return this.login()
  }

  private dueForRenewal(token: Token): boolean {
    const now = this.options.now().getTime()
    const life = token.expiresAt.getTime() - this.obtainedAt
    const margin = Math.min(this.options.refreshBeforeMs ?? 60_000, Math.max(0, life / 5))
    return now >= token.expiresAt.getTime() - margin
  }

  private login(): Promise<Token> {
    this.loggingIn ??= this.options
      .login()
      .then((token) => {
        this.token = token
        this.obtainedAt = this.options.now().getTime()
        return token
      })
      .finally(() => {
        this.loggingIn = null
      })
    return this.loggingIn
  }
}
