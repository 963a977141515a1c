import { z } from 'zod'
import { AuditEntrySchema, AuditPageInputSchema, AuditVerificationSchema } from '../domain/audit'
import { PinSchema, RoleSchema, StaffIdSchema, StaffMemberSchema, StaffNameSchema } from '../domain/staff'
import { defineFeature } from '../ipc/channel-table'
import { NoInput } from './common'

/** A manager's work on people and the audit log. */
export const staffFeature = defineFeature({
  /** Why a change to the staff was refused. */
  reasons: z.enum(['last_manager']),
  channels: {
    'staff:list': { summary: 'Every person on the till with role and status.', access: 'manager', input: NoInput, output: z.array(StaffMemberSchema) },
    'staff:add': {
      summary: 'Adds a cashier or manager with a PIN.',
      access: 'manager',
      input: z.object({ name: StaffNameSchema, role: RoleSchema, pin: PinSchema }).strict(),
      output: StaffMemberSchema
    },
    'staff:setDisabled': {
      summary: 'Disables (or enables again) a person; a disabled person cannot sign in and is signed out.',
      access: 'manager',
      input: z.object({ staffId: StaffIdSchema, disabled: z.boolean() }).strict(),
      output: StaffMemberSchema
    },
    'staff:resetPin': {
      summary: 'Gives a person a new PIN; also unlocks the account.',
      access: 'manager',
      input: z.object({ staffId: StaffIdSchema, pin: PinSchema }).strict(),
      output: StaffMemberSchema
    },
    'staff:unlock': {
      summary: 'Unlocks an account locked by wrong PINs.',
      access: 'manager',
      input: z.object({ staffId: StaffIdSchema }).strict(),
      output: StaffMemberSchema
    },
    'audit:list': {
      summary: 'Audit log entries, newest first, a page at a time.',
      access: 'manager',
      input: AuditPageInputSchema,
      output: z.array(AuditEntrySchema)
    },
    'audit:verify': {
      summary: 'Checks the hash chain of the whole audit log and reports the first altered or missing entry.',
      access: 'manager',
      input: NoInput,
      output: AuditVerificationSchema
    }
  }
})
