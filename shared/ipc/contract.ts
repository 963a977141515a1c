import { z } from 'zod'
import { AppInfoSchema } from '../domain/app-info'
import { AuditEntrySchema, AuditPageInputSchema, AuditVerificationSchema } from '../domain/audit'
import { LanguageInputSchema, PreferencesSchema, StoreSettingsPatchSchema } from '../domain/preferences'
import { ProviderSettingsPatchSchema, ProviderSettingsViewSchema, SettingsViewSchema } from '../domain/provider-settings'
import { ProviderStatusListSchema } from '../domain/providers'
import { BillInputSchema, CheckResultSchema, OfflineAcceptInputSchema, OfflineExposureSchema, RedemptionSchema } from '../domain/redeem'
import { JournalItemSchema, JournalListInputSchema } from '../domain/journal'
import {
  AuthStatusSchema,
  PinAttemptSchema,
  PinSchema,
  RoleSchema,
  SessionSchema,
  StaffIdSchema,
  StaffMemberSchema,
  StaffNameSchema,
  StaffSummarySchema
} from '../domain/staff'
import type { ChannelName, EventName } from './channels'

const NoInput = z.object({}).strict()
const Done = z.object({ done: z.literal(true) })

/** Who may call a channel: anyone, a signed-in person on an unlocked till, or a manager. */
export type Access = 'public' | 'staff' | 'manager'

export interface ChannelSpec {
  summary: string
  access: Access
  input: z.ZodType
  output: z.ZodType
}

export interface EventSpec {
  summary: string
  payload: z.ZodType
}

/** Every call the renderer (or an operator's script through the web host) may make. */
export const contract = {
  'app:info': {
    summary: 'Version, till id, host, whether training mode is on, and the current preferences.',
    access: 'public',
    input: NoInput,
    output: AppInfoSchema
  },
  'prefs:get': {
    summary: 'The till preferences: interface language, store time zone and idle lock.',
    access: 'public',
    input: NoInput,
    output: PreferencesSchema
  },
  'prefs:setLanguage': {
    summary: 'Switches the interface language (anyone may, even before signing in); emits prefs:changed.',
    access: 'public',
    input: LanguageInputSchema,
    output: PreferencesSchema
  },
  'providers:status': {
    summary: 'Each provider with its mode and whether it is reachable, as last seen by a real call or probe.',
    access: 'public',
    input: NoInput,
    output: ProviderStatusListSchema
  },
  'training:vouchers': {
    summary: 'In training mode, the named simulator vouchers a cashier can practise with (one per voucher state); empty otherwise.',
    access: 'staff',
    input: NoInput,
    output: z.array(z.object({ name: z.string(), code: z.string() }))
  },
  'redeem:check': {
    summary:
      'Checks Got It codes for a bill (a new bill when billNumber is omitted): value, expiry, state, conditions and the amount each takes off the bill. Nothing is redeemed.',
    access: 'staff',
    input: BillInputSchema,
    output: CheckResultSchema
  },
  'redeem:redeem': {
    summary:
      'Marks the checked vouchers of a bill used (DIRECT_FLOW). Answers redeemed, rejected, or verifying when Got It did not answer; a verifying bill settles by itself and emits redeem:changed.',
    access: 'staff',
    input: z.object({ billNumber: z.string().min(1) }).strict(),
    output: RedemptionSchema
  },
  'redeem:get': {
    summary: 'A bill and where its redemption stands.',
    access: 'staff',
    input: z.object({ billNumber: z.string().min(1) }).strict(),
    output: RedemptionSchema
  },
  'redeem:abandon': {
    summary: 'Gives up a bill that was not redeemed.',
    access: 'staff',
    input: z.object({ billNumber: z.string().min(1) }).strict(),
    output: RedemptionSchema
  },
  'redeem:acceptOffline': {
    summary:
      'With the offline policy on and Got It unreachable, accepts vouchers that cannot be checked, within the per-voucher and per-shift caps and with a manager PIN; their mark use is queued and verified when Got It is back.',
    access: 'staff',
    input: OfflineAcceptInputSchema,
    output: RedemptionSchema
  },
  'offline:exposure': {
    summary: 'How much was accepted offline and is not yet settled with Got It, and the total of this shift.',
    access: 'staff',
    input: NoInput,
    output: OfflineExposureSchema
  },
  'journal:list': {
    summary: 'Operations in the journal, oldest first; by default those not yet settled (pending, sending, unknown, needs review).',
    access: 'staff',
    input: JournalListInputSchema,
    output: z.array(JournalItemSchema)
  },
  'journal:retry': {
    summary: 'Tries a pending, unknown or needs-review operation again now (an unknown one is verified first, never sent blindly).',
    access: 'staff',
    input: z.object({ id: z.number().int().positive() }).strict(),
    output: JournalItemSchema
  },
  'journal:resolve': {
    summary: 'A manager settles an operation the till could not settle itself, with a note for the audit log.',
    access: 'manager',
    input: z.object({ id: z.number().int().positive(), outcome: z.enum(['succeeded', 'rejected']), note: z.string().trim().min(3).max(500) }).strict(),
    output: JournalItemSchema
  },
  'shift:close': {
    summary:
      'Closes the shift and signs out. With money operations still unresolved, only a manager may close it, and only with acknowledge: true; the count goes to the audit log.',
    access: 'staff',
    input: z.object({ acknowledge: z.boolean().default(false) }).strict(),
    output: z.object({ unresolved: z.number().int() })
  },
  'auth:status': {
    summary: 'Whether the first manager must be created, who is signed in and whether the till is locked.',
    access: 'public',
    input: NoInput,
    output: AuthStatusSchema
  },
  'auth:staffList': {
    summary: 'The people who can sign in (active staff), for the sign-in screen.',
    access: 'public',
    input: NoInput,
    output: z.array(StaffSummarySchema)
  },
  'auth:setup': {
    summary: 'Creates the first manager on a new till and signs them in. Refused once anyone exists.',
    access: 'public',
    input: z.object({ name: StaffNameSchema, pin: PinSchema }).strict(),
    output: SessionSchema
  },
  'auth:signIn': {
    summary: 'Signs a person in with their PIN, replacing any current session. Wrong PINs slow down, then lock the account.',
    access: 'public',
    input: z.object({ staffId: StaffIdSchema, pin: PinAttemptSchema }).strict(),
    output: SessionSchema
  },
  'auth:unlock': {
    summary: 'Unlocks a locked till with the PIN of the person signed in.',
    access: 'public',
    input: z.object({ pin: PinAttemptSchema }).strict(),
    output: SessionSchema
  },
  'auth:lock': { summary: 'Locks the till now.', access: 'staff', input: NoInput, output: Done },
  'auth:signOut': {
    summary: 'Ends the current session, locked or not, so that someone else can sign in.',
    access: 'public',
    input: NoInput,
    output: Done
  },
  'auth:activity': {
    summary: 'Tells the core that someone is using the till, so the idle lock waits.',
    access: 'staff',
    input: NoInput,
    output: Done
  },
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
  },
  'settings:get': {
    summary: 'Provider modes, base URLs and which credentials are set (never their values), and how secrets are protected.',
    access: 'manager',
    input: NoInput,
    output: SettingsViewSchema
  },
  'settings:setStore': {
    summary: 'Changes the store time zone or the idle lock; emits prefs:changed.',
    access: 'manager',
    input: StoreSettingsPatchSchema,
    output: PreferencesSchema
  },
  'settings:setProvider': {
    summary: "Changes one provider's mode, base URL or credentials. Secrets are write-only.",
    access: 'manager',
    input: ProviderSettingsPatchSchema,
    output: ProviderSettingsViewSchema
  }
} as const satisfies Record<ChannelName, ChannelSpec>

export const events = {
  'prefs:changed': { summary: 'The preferences after a change.', payload: PreferencesSchema },
  'providers:changed': {
    summary: 'The status of every provider after any of them changed.',
    payload: ProviderStatusListSchema
  },
  'auth:changed': { summary: 'Sign-in, sign-out, lock or unlock happened.', payload: AuthStatusSchema },
  'redeem:changed': { summary: 'A redemption moved on (redeemed, rejected, verifying, needs review).', payload: RedemptionSchema }
} as const satisfies Record<EventName, EventSpec>

export type Contract = typeof contract
export type ChannelInput<C extends ChannelName> = z.input<Contract[C]['input']>
export type ChannelParsedInput<C extends ChannelName> = z.output<Contract[C]['input']>
export type ChannelOutput<C extends ChannelName> = z.output<Contract[C]['output']>
export type EventPayload<E extends EventName> = z.output<(typeof events)[E]['payload']>
