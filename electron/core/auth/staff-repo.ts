import { randomUUID } from 'node:crypto'
import type { Db } from '../db/connection'
import type { Role, StaffMember, StaffSummary } from '../../../shared/domain/staff'

export interface StaffRow {
  id: string
  name: string
  role: Role
  pin_hash: string
  disabled: 0 | 1
  failed_attempts: number
  last_failed_at: string | null
  locked: 0 | 1
  created_at: string
}

export function toSummary(row: StaffRow): StaffSummary {
  return { id: row.id, name: row.name, role: row.role }
}

export function toMember(row: StaffRow): StaffMember {
  return {
    ...toSummary(row),
    status: row.disabled ? 'disabled' : row.locked ? 'locked' : 'active',
    failedAttempts: row.failed_attempts,
    createdAt: row.created_at
  }
}

/** All SQL about staff lives here. */
export class StaffRepo {
  constructor(private readonly db: Db) {}

  count(): number {
    return this.db.prepare('SELECT count(*) FROM staff').pluck().get() as number
  }

  get(id: string): StaffRow | undefined {
    return this.db.prepare<[string], StaffRow>('SELECT * FROM staff WHERE id = ?').get(id)
  }

  all(): StaffRow[] {
    return this.db.prepare<[], StaffRow>('SELECT * FROM staff ORDER BY name COLLATE NOCASE').all()
  }

  nameTaken(name: string): boolean {
    return this.db.prepare('SELECT 1 FROM staff WHERE name = ? COLLATE NOCASE').get(name) !== undefined
  }

  insert(staff: { name: string; role: Role; pinHash: string; createdAt: string }): StaffRow {
    const id = `staff-${randomUUID()}`
    this.db.prepare('INSERT INTO staff (id, name, role, pin_hash, created_at) VALUES (?, ?, ?, ?, ?)').run(id, staff.name, staff.role, staff.pinHash, staff.createdAt)
    const row = this.get(id)
    if (!row) throw new Error('staff row vanished after insert')
    return row
  }

  recordFailure(id: string, at: string, lock: boolean): void {
    this.db.prepare('UPDATE staff SET failed_attempts = failed_attempts + 1, last_failed_at = ?, locked = CASE WHEN ? THEN 1 ELSE locked END WHERE id = ?').run(at, lock ? 1 : 0, id)
  }

  clearFailures(id: string): void {
    this.db.prepare('UPDATE staff SET failed_attempts = 0, last_failed_at = NULL, locked = 0 WHERE id = ?').run(id)
  }

  setDisabled(id: string, disabled: boolean): void {
    this.db.prepare('UPDATE staff SET disabled = ? WHERE id = ?').run(disabled ? 1 : 0, id)
  }

  setPinHash(id: string, pinHash: string): void {
    this.db.prepare('UPDATE staff SET pin_hash = ?, failed_attempts = 0, last_failed_at = NULL, locked = 0 WHERE id = ?').run(pinHash, id)
  }

  activeManagers(): number {
    return this.db.prepare("SELECT count(*) FROM staff WHERE role = 'manager' AND disabled = 0").pluck().get() as number
  }
}
