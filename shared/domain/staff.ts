import { z } from 'zod'

export const RoleSchema = z.enum(['cashier', 'manager'])
export type Role = z.infer<typeof RoleSchema>

export const StaffIdSchema = z.string().min(1).max(64)

/** 4 to 12 digits: what a cashier can type fast on a till keypad. */
export const PinSchema = z
  .string()
  .max(12, { message: 'A PIN is 4 to 12 digits' })
  .regex(/^\d{4,12}$/, { message: 'A PIN is 4 to 12 digits' })
  .refine((pin) => !/^(\d)\1+$/.test(pin), { message: 'A PIN of one repeated digit is too easy to guess' })
  .refine((pin) => !'01234567890123456789'.includes(pin) && !'98765432109876543210'.includes(pin), {
    message: 'A PIN of consecutive digits is too easy to guess'
  })

/** What a sign-in attempt may send: any digits, so that a wrong-but-weak PIN is simply wrong. */
export const PinAttemptSchema = z
  .string()
  .max(12, { message: 'A PIN is at most 12 digits' })
  .regex(/^\d{1,12}$/, { message: 'A PIN is digits only' })

export const StaffNameSchema = z.string().trim().min(1, { message: 'Enter a name' }).max(60)

export const StaffStatusSchema = z.enum(['active', 'disabled', 'locked'])
export type StaffStatus = z.infer<typeof StaffStatusSchema>

export const StaffSummarySchema = z.object({ id: StaffIdSchema, name: z.string(), role: RoleSchema })
export type StaffSummary = z.infer<typeof StaffSummarySchema>

export const StaffMemberSchema = StaffSummarySchema.extend({
  status: StaffStatusSchema,
  failedAttempts: z.number().int().nonnegative(),
  createdAt: z.iso.datetime()
})
export type StaffMember = z.infer<typeof StaffMemberSchema>

export const SessionSchema = z.object({
  staff: StaffSummarySchema,
  locked: z.boolean(),
  signedInAt: z.iso.datetime()
})
export type Session = z.infer<typeof SessionSchema>

export const AuthStatusSchema = z.object({
  /** No staff exist yet: the till asks for the first manager. */
  setupNeeded: z.boolean(),
  session: SessionSchema.nullable(),
  idleLockSeconds: z.number().int().nonnegative()
})
export type AuthStatus = z.infer<typeof AuthStatusSchema>
