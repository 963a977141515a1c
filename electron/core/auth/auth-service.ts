import { TillError } from '../../../shared/errors'
import type { Access } from '../../../shared/ipc/contract'
import type { AuthStatus, Session, StaffSummary } from '../../../shared/domain/staff'
import type { AuditLog, AuditRecord } from '../audit/audit-log'
import { isStorageFailure } from '../db/storage-errors'
import type { Db } from '../db/connection'
import type { EventBus } from '../events'
import { hashPin, verifyPin, type ScryptCost } from './pin-hash'
import { retryDelayMs, shouldLock, type PinPolicy } from './pin-policy'
import { StaffRepo, toSummary, type StaffRow } from './staff-repo'

export interface AuthOptions {
  db: Db
  audit: AuditLog
  events: EventBus
  now: () => Date
  policy: PinPolicy
  scryptCost: ScryptCost
  idleLockSeconds: () => number
  /** An audit entry that could not be written because the disk refused it. */
  onStorageFailure?: (entry: AuditRecord, error: unknown) => void
}

interface LiveSession {
  staff: StaffSummary
  signedInAt: string
  locked: boolean
  lastActivityMs: number
}

/**
 * Sign-in, lock and roles. A till is one terminal, so there is one session at a time: a new
 * sign-in replaces it. Every decision that matters is written to the audit log.
 */
export class AuthService {
  private session: LiveSession | null = null
  readonly staff: StaffRepo

  constructor(private readonly o: AuthOptions) {
    this.staff = new StaffRepo(o.db)
  }

  status(): AuthStatus {
    this.lockIfIdle()
    return {
      setupNeeded: this.staff.count() === 0,
      session: this.publicSession(),
      idleLockSeconds: this.o.idleLockSeconds()
    }
  }

  /** Throws the error the caller should see, or returns who is calling (null for public calls). */
  authorize(access: Access, channel: string): StaffSummary | null {
    if (access === 'public') return this.session && !this.session.locked ? this.session.staff : null
    this.lockIfIdle()
    const session = this.session
    if (!session) throw new TillError('unauthenticated', 'Nobody is signed in to the till.')
    if (session.locked) throw new TillError('till_locked', 'The till is locked; enter the PIN to unlock it.')
    if (access === 'manager' && session.staff.role !== 'manager') {
      this.record({ actor: session.staff, action: 'access_denied', subject: channel, outcome: 'denied' })
      throw new TillError('forbidden', `Only a manager may use ${channel}.`)
    }
    session.lastActivityMs = this.o.now().getTime()
    return session.staff
  }

  async setup(name: string, pin: string): Promise<Session> {
    const pinHash = await hashPin(pin, this.o.scryptCost)
    const row = this.o.db
      .transaction(() => {
        if (this.staff.count() > 0) throw new TillError('conflict', 'The first manager already exists; sign in instead.')
        const created = this.staff.insert({ name, role: 'manager', pinHash, createdAt: this.o.now().toISOString() })
        this.o.audit.append({ actor: toSummary(created), action: 'setup', subject: created.id, outcome: 'ok', detail: { name, role: 'manager' } })
        return created
      })
      .immediate()
    return this.start(row)
  }

  async signIn(staffId: string, pin: string): Promise<Session> {
    const row = await this.checkPin(staffId, pin, 'sign_in_failed')
    if (this.session && this.session.staff.id !== row.id) {
      this.record({ actor: this.session.staff, action: 'sign_out', outcome: 'ok', detail: { reason: `replaced by ${row.name}` } })
    }
    return this.start(row)
  }

  /** Only the person whose session it is unlocks it; anyone else signs in instead. */
  async unlock(pin: string): Promise<Session> {
    const session = this.session
    if (!session) throw new TillError('unauthenticated', 'Nobody is signed in to the till.')
    if (!session.locked) return this.requirePublicSession()
    const row = await this.checkPin(session.staff.id, pin, 'unlock_failed')
    session.locked = false
    session.lastActivityMs = this.o.now().getTime()
    this.record({ actor: toSummary(row), action: 'unlock', outcome: 'ok' })
    this.changed()
    return this.requirePublicSession()
  }

  lock(reason: 'manual' | 'idle'): void {
    if (!this.session || this.session.locked) return
    this.session.locked = true
    this.recordEvenIfFull({ actor: this.session.staff, action: 'lock', outcome: 'ok', detail: { reason } })
    this.changed()
  }

  signOut(reason = 'signed out'): void {
    const session = this.session
    if (!session) return
    // The session ends whatever the disk says: leaving someone signed in is worse than a missing entry.
    this.session = null
    this.recordEvenIfFull({ actor: session.staff, action: 'sign_out', outcome: 'ok', detail: { reason } })
    this.changed()
  }

  /** Locking and signing out must happen even when the disk is full; the entry then goes to the log file only. */
  private recordEvenIfFull(entry: AuditRecord): void {
    try {
      this.record(entry)
    } catch (error) {
      if (!isStorageFailure(error)) throw error
      this.o.onStorageFailure?.(entry, error)
    }
  }

  /** After a staff change: a disabled person's session ends at once. */
  endSessionOf(staffId: string, reason: string): void {
    if (this.session?.staff.id === staffId) this.signOut(reason)
  }

  /** A manager approves something at the till with their PIN, without taking over the session. */
  async approveAsManager(staffId: string, pin: string): Promise<StaffSummary> {
    const row = await this.checkPin(staffId, pin, 'sign_in_failed')
    if (row.role !== 'manager') throw new TillError('forbidden', `${row.name} is not a manager.`)
    return toSummary(row)
  }

  async newPinHash(pin: string): Promise<string> {
    return hashPin(pin, this.o.scryptCost)
  }

  record(entry: AuditRecord): void {
    this.o.audit.append(entry)
  }

  private async checkPin(staffId: string, pin: string, failureAction: 'sign_in_failed' | 'unlock_failed'): Promise<StaffRow> {
    const before = this.staff.get(staffId)
    if (!before) throw new TillError('not_found', 'There is no such person on this till.')
    const who = toSummary(before)
    if (before.disabled) {
      this.record({ actor: who, action: failureAction, outcome: 'denied', detail: { reason: 'disabled' } })
      throw new TillError('account_disabled', `${before.name} is disabled on this till.`)
    }
    if (before.locked) {
      this.record({ actor: who, action: failureAction, outcome: 'denied', detail: { reason: 'account locked' } })
      throw new TillError('account_locked', `${before.name} is locked after too many wrong PINs; a manager must unlock it.`)
    }
    const waitMs = this.remainingWaitMs(before)
    if (waitMs > 0) {
      const seconds = Math.ceil(waitMs / 1000)
      throw new TillError('pin_retry_later', `Too many wrong PINs; try again in ${seconds} s.`, { params: { seconds } })
    }
    // Count the attempt as failed before the slow hash, in the same turn as the checks above: any
    // number of attempts sent at once all see the count and the wait of those before them.
    const failures = before.failed_attempts + 1
    const lock = shouldLock(this.o.policy, failures)
    this.staff.recordFailure(staffId, this.o.now().toISOString(), lock)
    if (await verifyPin(pin, before.pin_hash)) {
      const current = this.staff.get(staffId)
      if (!current) throw new TillError('not_found', 'There is no such person on this till.')
      // Wrong PINs sent alongside this right one locked the account meanwhile: the lock stands.
      if (current.locked && current.failed_attempts > failures) {
        throw new TillError('account_locked', `${before.name} is locked after too many wrong PINs; a manager must unlock it.`)
      }
      this.staff.clearFailures(staffId)
      return this.staff.get(staffId) ?? current
    }
    const name = before.name
    this.o.audit.append({ actor: who, action: failureAction, outcome: 'failed', detail: { failures, locked: lock } })
    if (lock) {
      if (this.session?.staff.id === staffId) {
        this.session = null
        this.changed()
      }
      throw new TillError('account_locked', `${name} is now locked after ${failures} wrong PINs; a manager must unlock it.`)
    }
    const left = this.o.policy.maxAttempts - failures
    throw new TillError('wrong_pin', `Wrong PIN for ${name}; ${left} more wrong PINs lock the account.`, { params: { left, name } })
  }

  private remainingWaitMs(row: StaffRow): number {
    if (!row.last_failed_at) return 0
    const until = Date.parse(row.last_failed_at) + retryDelayMs(this.o.policy, row.failed_attempts)
    return Math.max(0, until - this.o.now().getTime())
  }

  private start(row: StaffRow): Session {
    const now = this.o.now()
    this.session = { staff: toSummary(row), signedInAt: now.toISOString(), locked: false, lastActivityMs: now.getTime() }
    this.record({ actor: this.session.staff, action: 'sign_in', outcome: 'ok', detail: { role: row.role } })
    this.changed()
    return this.requirePublicSession()
  }

  private lockIfIdle(): void {
    const idle = this.o.idleLockSeconds()
    if (!this.session || this.session.locked || idle === 0) return
    if (this.o.now().getTime() - this.session.lastActivityMs >= idle * 1000) this.lock('idle')
  }

  private publicSession(): Session | null {
    const s = this.session
    return s ? { staff: s.staff, locked: s.locked, signedInAt: s.signedInAt } : null
  }

  private requirePublicSession(): Session {
    const session = this.publicSession()
    if (!session) throw new TillError('unauthenticated', 'Nobody is signed in to the till.')
    return session
  }

  private changed(): void {
    this.o.events.emit('auth:changed', this.status())
  }
}
