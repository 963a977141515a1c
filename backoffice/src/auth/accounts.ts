import { createHash, randomBytes, randomUUID } from 'node:crypto'
import type { Me, NewUser, Role, Store, UserChange, UserView } from '../../../shared/backoffice/screens'
import { recordAudit, type Actor } from '../audit-log'
import type { Database, Sql } from '../db/database'
import { Refused } from '../refused'
import { DEFAULT_PASSWORD_COST, hashPassword, passwordMatches, type PasswordCost } from './password'

/** Wrong passwords are slowed and then locked as a till slows and locks wrong PINs. */
export interface SignInPolicy {
  /** Wrong passwords allowed before the next try must wait. */
  freeAttempts: number
  /** Wrong passwords in a row that lock the account until head office unlocks it. */
  maxAttempts: number
  /** The first wait; each further wrong password doubles it. */
  baseDelayMs: number
  /** A session ends after this long without a call [ASSUMED: a manager's working session]. */
  idleMs: number
  /** And after this long whatever happens. */
  maxAgeMs: number
  cost: PasswordCost
}

export const DEFAULT_SIGN_IN_POLICY: SignInPolicy = { freeAttempts: 3, maxAttempts: 5, baseDelayMs: 1000, idleMs: 2 * 3600_000, maxAgeMs: 12 * 3600_000, cost: DEFAULT_PASSWORD_COST }

/** An account as the service acts for it: head office sees every store; a store manager only theirs. */
export interface Account {
  userId: string
  login: string
  name: string
  role: Role
  /** The stores a store manager may see; null for head office (every store). */
  storeIds: string[] | null
}

export const actorOf = (account: Account | null): Actor => ({ userId: account?.userId ?? null, name: account?.name ?? null })
const tokenHash = (token: string): string => createHash('sha256').update(token).digest('hex')

interface UserRow {
  user_id: string
  login: string
  name: string
  role: Role
  password_hash: string
  failures: number
  last_failure_at: Date | null
  locked_at: Date | null
  disabled_at: Date | null
  created_at: Date
}

async function storesOf(db: Sql, userId: string): Promise<string[]> {
  return (await db.query<{ store_id: string }>('SELECT store_id FROM bo_user_store WHERE user_id = $1 ORDER BY store_id', [userId])).map((r) => r.store_id)
}

async function accountOf(db: Sql, row: Pick<UserRow, 'user_id' | 'login' | 'name' | 'role'>): Promise<Account> {
  return { userId: row.user_id, login: row.login, name: row.name, role: row.role, storeIds: row.role === 'head_office' ? null : await storesOf(db, row.user_id) }
}

/** The stores an account may see, with their names and time zones. */
export async function visibleStores(db: Sql, account: Account): Promise<Store[]> {
  const rows = await db.query<{ store_id: string; name: string; time_zone: string }>(
    'SELECT store_id, name, time_zone FROM store WHERE ($1::text[] IS NULL OR store_id = ANY($1)) ORDER BY name, store_id',
    [account.storeIds]
  )
  return rows.map((r) => ({ storeId: r.store_id, name: r.name, timeZone: r.time_zone }))
}

export async function me(db: Sql, account: Account): Promise<Me> {
  return { userId: account.userId, login: account.login, name: account.name, role: account.role, stores: await visibleStores(db, account) }
}

/** Refuses unless the account may see this store: checked by the service on every call that names one. */
export function mayUseStore(account: Account, storeId: string): void {
  if (account.storeIds !== null && !account.storeIds.includes(storeId)) throw new Refused(403, 'forbidden', `Your account does not cover store ${storeId}.`)
}

export function requireHeadOffice(account: Account): void {
  if (account.role !== 'head_office') throw new Refused(403, 'forbidden', 'Only head office may do this.')
}

async function checkStoresExist(db: Sql, storeIds: readonly string[]): Promise<void> {
  if (storeIds.length === 0) return
  const found = new Set((await db.query<{ store_id: string }>('SELECT store_id FROM store WHERE store_id = ANY($1)', [storeIds])).map((r) => r.store_id))
  const missing = storeIds.filter((id) => !found.has(id))
  if (missing.length > 0) throw new Refused(400, 'not_found', `There is no store ${missing.join(', ')}.`, { what: missing.join(', ') })
}

/**
 * Makes an account. The first head-office account comes from the command line (by: null); every
 * other one from a head-office account on the Accounts screen. A store manager covers at least one store.
 */
export async function createUser(db: Database, user: NewUser, by: Account | null, now: Date, policy: SignInPolicy = DEFAULT_SIGN_IN_POLICY): Promise<UserView> {
  if (by) requireHeadOffice(by)
  const stores = user.role === 'head_office' ? [] : [...new Set(user.stores)]
  if (user.role === 'store_manager' && stores.length === 0) throw new Refused(400, 'no_stores', 'A store manager covers at least one store.')
  const hash = await hashPassword(user.password, policy.cost)
  const userId = randomUUID()
  await db.transaction(async (tx) => {
    await checkStoresExist(tx, stores)
    const [taken] = await tx.query('SELECT 1 FROM bo_user WHERE lower(login) = lower($1)', [user.login])
    if (taken) throw new Refused(409, 'login_taken', `There is already an account signing in as ${user.login}.`, { login: user.login })
    await tx.query('INSERT INTO bo_user (user_id, login, name, role, password_hash, created_at, created_by) VALUES ($1, $2, $3, $4, $5, $6, $7)', [
      userId,
      user.login,
      user.name,
      user.role,
      hash,
      now.toISOString(),
      by?.userId ?? null
    ])
    for (const storeId of stores) await tx.query('INSERT INTO bo_user_store (user_id, store_id) VALUES ($1, $2)', [userId, storeId])
    await recordAudit(tx, { at: now, actor: actorOf(by), action: 'user_added', subject: user.login, outcome: 'ok', detail: { role: user.role, stores, from: by ? 'screen' : 'command line' } })
  })
  return { userId, login: user.login, name: user.name, role: user.role, stores, locked: false, disabled: false, createdAt: now.toISOString() }
}

export async function listUsers(db: Sql, by: Account): Promise<UserView[]> {
  requireHeadOffice(by)
  const rows = await db.query<UserRow & { stores: string[] | null }>(
    `SELECT u.*, array_remove(array_agg(s.store_id ORDER BY s.store_id), NULL) AS stores FROM bo_user u LEFT JOIN bo_user_store s ON s.user_id = u.user_id GROUP BY u.user_id ORDER BY u.role, u.name`
  )
  return rows.map((r) => ({
    userId: r.user_id,
    login: r.login,
    name: r.name,
    role: r.role,
    stores: r.stores ?? [],
    locked: r.locked_at !== null,
    disabled: r.disabled_at !== null,
    createdAt: new Date(r.created_at).toISOString()
  }))
}

/** Head office disables, enables, unlocks, sets a new password or the stores of an account; each change is in the audit log. */
export async function changeUser(db: Database, userId: string, change: UserChange, by: Account, now: Date, policy: SignInPolicy = DEFAULT_SIGN_IN_POLICY): Promise<void> {
  requireHeadOffice(by)
  const hash = change.change === 'password' ? await hashPassword(change.password, policy.cost) : null
  await db.transaction(async (tx) => {
    const [user] = await tx.query<UserRow>('SELECT * FROM bo_user WHERE user_id = $1 FOR UPDATE', [userId])
    if (!user) throw new Refused(404, 'not_found', 'There is no such account.', { what: userId })
    if (change.change === 'disable') {
      if (user.role === 'head_office') {
        const [others] = await tx.query<{ n: number }>("SELECT count(*)::int AS n FROM bo_user WHERE role = 'head_office' AND disabled_at IS NULL AND user_id <> $1", [userId])
        if ((others?.n ?? 0) === 0) throw new Refused(409, 'last_head_office', 'This is the only head-office account that works; make another before disabling it.')
      }
      await tx.query('UPDATE bo_user SET disabled_at = $2 WHERE user_id = $1', [userId, now.toISOString()])
      await tx.query('DELETE FROM bo_session WHERE user_id = $1', [userId])
    } else if (change.change === 'enable') await tx.query('UPDATE bo_user SET disabled_at = NULL WHERE user_id = $1', [userId])
    else if (change.change === 'unlock') await tx.query('UPDATE bo_user SET locked_at = NULL, failures = 0, last_failure_at = NULL WHERE user_id = $1', [userId])
    else if (change.change === 'password') {
      await tx.query('UPDATE bo_user SET password_hash = $2, locked_at = NULL, failures = 0 WHERE user_id = $1', [userId, hash])
      await tx.query('DELETE FROM bo_session WHERE user_id = $1', [userId])
    } else {
      if (user.role === 'head_office') throw new Refused(400, 'bad_request', 'Head office sees every store; it has no list of stores.')
      const stores = [...new Set(change.stores)]
      if (stores.length === 0) throw new Refused(400, 'no_stores', 'A store manager covers at least one store.')
      await checkStoresExist(tx, stores)
      await tx.query('DELETE FROM bo_user_store WHERE user_id = $1', [userId])
      for (const storeId of stores) await tx.query('INSERT INTO bo_user_store (user_id, store_id) VALUES ($1, $2)', [userId, storeId])
    }
    await recordAudit(tx, { at: now, actor: actorOf(by), action: `user_${change.change}`, subject: user.login, outcome: 'ok', detail: change.change === 'stores' ? { stores: change.stores } : {} })
  })
}

/** A password no account has: an unknown name costs the same time as a known one, so names cannot be told apart by timing. */
let decoy: Promise<string> | null = null

/**
 * Signs in: an unknown name or a wrong password gets the same sentence; after `freeAttempts`
 * wrong passwords the next try must wait (doubling), and `maxAttempts` in a row lock the account
 * until head office unlocks it. Every attempt is in the audit log. Returns the session's token,
 * which only the browser's cookie holds.
 */
export async function signIn(
  db: Database,
  login: string,
  password: string,
  now: Date,
  address: string | null,
  policy: SignInPolicy = DEFAULT_SIGN_IN_POLICY
): Promise<{ token: string; account: Account; expiresAt: Date }> {
  const [user] = await db.query<UserRow>('SELECT * FROM bo_user WHERE lower(login) = lower($1)', [login])
  const refuse = async (code: string, status: number, message: string, params: Record<string, string | number> = {}): Promise<never> => {
    await recordAudit(db, {
      at: now,
      actor: { userId: user?.user_id ?? null, name: user?.name ?? null },
      action: 'sign_in',
      subject: login.slice(0, 100),
      outcome: 'refused',
      detail: { reason: code },
      address
    })
    throw new Refused(status, code, message, params)
  }
  if (!user || user.disabled_at) {
    decoy ??= hashPassword('decoy', policy.cost)
    await passwordMatches(password, await decoy)
    return refuse('wrong_password', 401, 'That name or password is not right.')
  }
  if (user.locked_at) return refuse('locked', 423, 'This account is locked after too many wrong passwords. Head office can unlock it.')
  const waitMs =
    user.failures >= policy.freeAttempts && user.last_failure_at ? policy.baseDelayMs * 2 ** (user.failures - policy.freeAttempts) - (now.getTime() - new Date(user.last_failure_at).getTime()) : 0
  if (waitMs > 0) return refuse('wait', 429, `Wait ${Math.ceil(waitMs / 1000)} seconds before trying again.`, { seconds: Math.ceil(waitMs / 1000) })
  if (!(await passwordMatches(password, user.password_hash))) {
    // Counted in one statement: tries racing in parallel each count.
    const [counted] = await db.query<{ failures: number; locked: boolean }>(
      'UPDATE bo_user SET failures = failures + 1, last_failure_at = $2, locked_at = CASE WHEN failures + 1 >= $3 THEN $2::timestamptz ELSE locked_at END WHERE user_id = $1 RETURNING failures, locked_at IS NOT NULL AS locked',
      [user.user_id, now.toISOString(), policy.maxAttempts]
    )
    const failures = counted?.failures ?? policy.maxAttempts
    if (counted?.locked !== false) return refuse('locked', 423, 'This account is locked after too many wrong passwords. Head office can unlock it.')
    return refuse('wrong_password', 401, 'That name or password is not right.', { left: policy.maxAttempts - failures })
  }
  const token = randomBytes(32).toString('base64url')
  const expiresAt = new Date(now.getTime() + policy.maxAgeMs)
  await db.transaction(async (tx) => {
    await tx.query('UPDATE bo_user SET failures = 0, last_failure_at = NULL WHERE user_id = $1', [user.user_id])
    await tx.query('DELETE FROM bo_session WHERE expires_at < $1', [now.toISOString()])
    await tx.query('INSERT INTO bo_session (token_hash, user_id, created_at, last_seen_at, expires_at) VALUES ($1, $2, $3, $3, $4)', [
      tokenHash(token),
      user.user_id,
      now.toISOString(),
      expiresAt.toISOString()
    ])
    await recordAudit(tx, { at: now, actor: { userId: user.user_id, name: user.name }, action: 'sign_in', subject: user.login, outcome: 'ok', address })
  })
  return { token, account: await accountOf(db, user), expiresAt }
}

/** The account a session's token signs in, or null when it is unknown, ended, idle too long or its account was disabled or locked. */
export async function sessionAccount(db: Sql, token: string, now: Date, policy: SignInPolicy = DEFAULT_SIGN_IN_POLICY): Promise<Account | null> {
  const [row] = await db.query<Pick<UserRow, 'user_id' | 'login' | 'name' | 'role'> & { last_seen_at: Date }>(
    `UPDATE bo_session s SET last_seen_at = $2 FROM bo_user u
     WHERE s.token_hash = $1 AND u.user_id = s.user_id AND s.expires_at > $2 AND s.last_seen_at > $3 AND u.disabled_at IS NULL AND u.locked_at IS NULL
     RETURNING u.user_id, u.login, u.name, u.role, s.last_seen_at`,
    [tokenHash(token), now.toISOString(), new Date(now.getTime() - policy.idleMs).toISOString()]
  )
  return row ? accountOf(db, row) : null
}

export async function signOut(db: Sql, token: string, account: Account, now: Date): Promise<void> {
  await db.query('DELETE FROM bo_session WHERE token_hash = $1', [tokenHash(token)])
  await recordAudit(db, { at: now, actor: actorOf(account), action: 'sign_out', subject: account.login, outcome: 'ok' })
}

/** For the command line: unlocks an account (the only way back in for a locked, lone head-office account). */
export async function unlockFromCommandLine(db: Database, login: string, now: Date): Promise<boolean> {
  const rows = await db.query<{ login: string }>('UPDATE bo_user SET locked_at = NULL, failures = 0, last_failure_at = NULL WHERE lower(login) = lower($1) RETURNING login', [login])
  if (rows.length > 0) await recordAudit(db, { at: now, actor: { userId: null, name: null }, action: 'user_unlock', subject: login, outcome: 'ok', detail: { from: 'command line' } })
  return rows.length > 0
}
