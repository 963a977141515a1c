import { createHash, randomBytes } from 'node:crypto'
import type { EnrolAnswer, EnrolRequest } from '../../shared/backoffice/protocol'
import type { Database, Sql } from './db/database'
import { isValidTimeZone } from '../../shared/domain/preferences'
import { Refused } from './refused'

export const sha256 = (text: string): string => createHash('sha256').update(text).digest('hex')

/** An enrolment code is good for this long [ASSUMED: a day to walk it to the store]. */
export const CODE_VALID_HOURS = 24
const CODE_ALPHABET = 'ABCDEFGHJKLMNPQRSTUVWXYZ23456789'

export { Refused }

/** Twelve characters people can read aloud and type (no 0/O, 1/I), in groups of four. */
export function newEnrolmentCode(): string {
  const chars = Array.from(randomBytes(12), (b) => CODE_ALPHABET[b % CODE_ALPHABET.length]).join('')
  return `${chars.slice(0, 4)}-${chars.slice(4, 8)}-${chars.slice(8)}`
}

const normalCode = (code: string): string => code.toUpperCase().replace(/[^A-Z0-9]/g, '')

/** Makes the store if it is new (its time zone checked), and a one-time enrolment code for it. */
export async function createEnrolmentCode(db: Database, store: { id: string; name?: string; timeZone?: string }, now: Date): Promise<{ code: string; expiresAt: string }> {
  if (store.timeZone !== undefined && !isValidTimeZone(store.timeZone)) throw new Refused(400, 'bad_time_zone', `${store.timeZone} is not a time zone (such as Asia/Ho_Chi_Minh).`)
  const code = newEnrolmentCode()
  const expiresAt = new Date(now.getTime() + CODE_VALID_HOURS * 3600_000).toISOString()
  await db.transaction(async (tx) => {
    const [existing] = await tx.query<{ store_id: string }>('SELECT store_id FROM store WHERE store_id = $1', [store.id])
    if (!existing) {
      if (!store.timeZone) throw new Refused(400, 'new_store', `Store ${store.id} is new: give its time zone (--time-zone) and name (--name).`)
      await tx.query('INSERT INTO store (store_id, name, time_zone) VALUES ($1, $2, $3)', [store.id, store.name ?? store.id, store.timeZone])
    }
    await tx.query('INSERT INTO enrolment_code (store_id, code_hash, expires_at) VALUES ($1, $2, $3)', [store.id, sha256(normalCode(code)), expiresAt])
  })
  return { code, expiresAt }
}

/**
 * A till trades a one-time code for a key of its own. The back office keeps the key's hash, the
 * sequence number the till starts from and the audit hash its chain continues from. A till id
 * already enrolled in another store is refused; one enrolled in this store gets a new key (the old
 * one stops working) and keeps what was applied.
 */
export async function enrol(db: Database, request: EnrolRequest, now: Date): Promise<EnrolAnswer> {
  const key = randomBytes(32).toString('base64url')
  return db.transaction(async (tx) => {
    const [code] = await tx.query<{ store_id: string; expires_at: Date; used_at: Date | null }>('SELECT store_id, expires_at, used_at FROM enrolment_code WHERE code_hash = $1 FOR UPDATE', [
      sha256(normalCode(request.code))
    ])
    if (!code) throw new Refused(403, 'unknown_code', 'This enrolment code is not known. Check it, or ask head office for a new one.')
    if (code.used_at) throw new Refused(403, 'used_code', 'This enrolment code was used already. Ask head office for a new one.')
    if (new Date(code.expires_at).getTime() < now.getTime()) throw new Refused(403, 'expired_code', 'This enrolment code has run out. Ask head office for a new one.')
    const [store] = await tx.query<{ name: string }>('SELECT name FROM store WHERE store_id = $1', [code.store_id])
    const [till] = await tx.query<{ store_id: string }>('SELECT store_id FROM till WHERE till_id = $1 FOR UPDATE', [request.tillId])
    if (till && till.store_id !== code.store_id) throw new Refused(409, 'other_store', `Till ${request.tillId} is enrolled in store ${till.store_id}; a code of store ${code.store_id} cannot move it.`)
    if (till) {
      await tx.query('UPDATE till SET key_hash = $2, revoked_at = NULL, name = coalesce($3, name) WHERE till_id = $1', [request.tillId, sha256(key), request.name ?? null])
    } else {
      await tx.query('INSERT INTO till (till_id, store_id, name, key_hash, applied_seq, audit_head, enrolled_at) VALUES ($1, $2, $3, $4, $5, $6, $7)', [
        request.tillId,
        code.store_id,
        request.name ?? null,
        sha256(key),
        request.fromSeq - 1,
        request.auditHead,
        now.toISOString()
      ])
    }
    await tx.query('UPDATE enrolment_code SET used_at = $2, used_by = $3 WHERE code_hash = $1', [sha256(normalCode(request.code)), now.toISOString(), request.tillId])
    return { tillKey: key, tillId: request.tillId, storeId: code.store_id, storeName: store?.name ?? code.store_id }
  })
}

/** The till a key belongs to; the identity a batch is applied under, whatever its body says. */
export async function tillOfKey(db: Sql, key: string): Promise<string | null> {
  const [row] = await db.query<{ till_id: string }>('SELECT till_id FROM till WHERE key_hash = $1 AND revoked_at IS NULL', [sha256(key)])
  return row?.till_id ?? null
}

export async function revoke(db: Database, tillId: string, now: Date): Promise<boolean> {
  const rows = await db.query<{ till_id: string }>('UPDATE till SET key_hash = NULL, revoked_at = $2 WHERE till_id = $1 AND revoked_at IS NULL RETURNING till_id', [tillId, now.toISOString()])
  return rows.length > 0
}

export interface TillStatus {
  tillId: string
  storeId: string
  name: string | null
  appliedSeq: number
  lastBatchAt: string | null
  lastBatchEvents: number | null
  backlog: number | null
  backlogOldestAt: string | null
  skewMs: number | null
  chainBreak: unknown
  enrolledAt: string
  revokedAt: string | null
}

const iso = (value: Date | string | null): string | null => (value === null ? null : new Date(value).toISOString())

/** Per till: the last batch, the backlog it reported, its clock's skew and any break in its audit chain. */
export async function tillStatuses(db: Sql, storeId?: string): Promise<TillStatus[]> {
  const rows = await db.query<{
    till_id: string
    store_id: string
    name: string | null
    applied_seq: number
    last_batch_at: Date | null
    last_batch_events: number | null
    backlog: number | null
    backlog_oldest: Date | null
    skew_ms: number | null
    chain_break: unknown
    enrolled_at: Date
    revoked_at: Date | null
  }>('SELECT * FROM till WHERE ($1::text IS NULL OR store_id = $1) ORDER BY store_id, till_id', [storeId ?? null])
  return rows.map((r) => ({
    tillId: r.till_id,
    storeId: r.store_id,
    name: r.name,
    appliedSeq: r.applied_seq,
    lastBatchAt: iso(r.last_batch_at),
    lastBatchEvents: r.last_batch_events,
    backlog: r.backlog,
    backlogOldestAt: iso(r.backlog_oldest),
    skewMs: r.skew_ms,
    chainBreak: r.chain_break,
    enrolledAt: iso(r.enrolled_at) ?? '',
    revokedAt: iso(r.revoked_at)
  }))
}
