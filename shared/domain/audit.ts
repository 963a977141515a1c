import { z } from 'zod'
import { providerManifests, type ProviderManifests } from '../providers'

/** What the till itself records; each provider's manifest adds its own (a redemption requested, a refund). */
const tillAuditActions = [
  'setup',
  'sign_in',
  'sign_in_failed',
  'sign_out',
  'lock',
  'unlock',
  'unlock_failed',
  'access_denied',
  'staff_added',
  'staff_disabled',
  'staff_enabled',
  'staff_pin_reset',
  'staff_unlocked',
  'settings_changed',
  'provider_settings_changed',
  'queue_item_resolved',
  'shift_closed',
  'offline_accepted',
  'till_identity_changed',
  'manager_recovered',
  'provider_corrected',
  'backoffice_enrolled'
] as const

export type AuditAction = (typeof tillAuditActions)[number] | ProviderManifests[number]['auditActions'][number]
export const auditActions: readonly AuditAction[] = [...tillAuditActions, ...providerManifests.flatMap((m) => m.auditActions)]
export const AuditActionSchema = z.enum(auditActions as [AuditAction, ...AuditAction[]])

export const AuditOutcomeSchema = z.enum(['ok', 'denied', 'failed'])
export type AuditOutcome = z.infer<typeof AuditOutcomeSchema>

export const AuditEntrySchema = z.object({
  id: z.number().int().positive(),
  at: z.iso.datetime(),
  tillId: z.string(),
  actorId: z.string().nullable(),
  actorName: z.string().nullable(),
  action: AuditActionSchema,
  subject: z.string().nullable(),
  outcome: AuditOutcomeSchema,
  /** What changed, in words and values; never a secret or a PIN. */
  detail: z.record(z.string(), z.union([z.string(), z.number(), z.boolean(), z.null()])),
  hash: z.string()
})
export type AuditEntry = z.infer<typeof AuditEntrySchema>

export const AuditPageInputSchema = z
  .object({
    /** Entries older than this id; omit for the newest. */
    before: z.number().int().positive().optional(),
    limit: z.number().int().min(1).max(500).default(100)
  })
  .strict()

export const AuditVerificationSchema = z.object({
  intact: z.boolean(),
  checked: z.number().int().nonnegative(),
  /** The first entry whose hash or link does not match, when the log was altered. */
  brokenAt: z.number().int().nullable(),
  problem: z.string().nullable()
})
export type AuditVerification = z.infer<typeof AuditVerificationSchema>
