import { z } from 'zod'

export const languages = ['en', 'vi'] as const
export const LanguageSchema = z.enum(languages)
export type Language = z.infer<typeof LanguageSchema>

/** Zones already asked about: making a formatter to find out costs about a millisecond, and the stored preferences are read afresh inside every transaction that asks for them. */
const knownZones = new Map<string, boolean>()

export function isValidTimeZone(zone: string): boolean {
  const known = knownZones.get(zone)
  if (known !== undefined) return known
  let valid: boolean
  try {
    new Intl.DateTimeFormat('en', { timeZone: zone })
    valid = true
  } catch {
    valid = false
  }
  // Bounded: a zone name is at most 64 characters, but nothing stops a caller from trying many.
  if (knownZones.size < 1000) knownZones.set(zone, valid)
  return valid
}

/** A zone name as it crosses to the screens: the core checked it against the IANA database where it came in. */
export const TimeZoneNameSchema = z.string().min(1).max(64)

/** A zone name where it comes in (a manager's setting, the disk): it must be one Intl knows. */
export const TimeZoneSchema = TimeZoneNameSchema.refine(isValidTimeZone, { message: 'Unknown time zone; use an IANA name such as Asia/Ho_Chi_Minh' })

/** 0 turns the idle lock off; otherwise 30 seconds to 8 hours. */
export const IdleLockSecondsSchema = z
  .number()
  .int()
  .refine((s) => s === 0 || (s >= 30 && s <= 8 * 3600), { message: 'The idle lock is off (0) or between 30 seconds and 8 hours' })

export const CallbackSettingsSchema = z.object({
  enabled: z.boolean(),
  host: z.union([z.ipv4(), z.ipv6(), z.literal('localhost')], { message: 'The address is an IP address such as 127.0.0.1 or 0.0.0.0, or localhost' }),
  port: z.number().int().min(1).max(65535)
})
export type CallbackSettings = z.infer<typeof CallbackSettingsSchema>

/**
 * The preferences as the core hands them out. Their time zone is not checked with Intl again: the
 * core did that when it was set and when it was read from the disk, and on the screen the check
 * was the page's first use of Intl's time zone data, some 40 ms of a till's start.
 */
export const PreferencesSchema = z.object({
  language: LanguageSchema,
  /** The store's IANA time zone: times are stored in UTC and shown in this zone. */
  timeZone: TimeZoneNameSchema,
  /** The till locks after this long without anyone using it. */
  idleLockSeconds: IdleLockSecondsSchema,
  /** Got It flow for new bills: DIRECT_FLOW (check, mark use) or RESERVE_FLOW (check, reserve, mark use). */
  gotitFlow: z.enum(['direct', 'reserve']),
  /** Accepting Got It vouchers that cannot be checked because Got It is unreachable (off by default). */
  offlinePolicy: z.object({
    enabled: z.boolean(),
    /** Largest value of one voucher accepted offline, in VND. */
    perVoucherCap: z.number().int().min(0),
    /** Largest total accepted offline in one shift, in VND. */
    perShiftCap: z.number().int().min(0)
  }),
  /** The receiver of provider callbacks (off by default): the address and port it listens on, behind the store's reverse proxy. */
  callbacks: CallbackSettingsSchema,
  /** The top bar warns when a provider's calls failed this often in the last hour (with at least 4 calls) [ASSUMED default]. */
  errorRateAlertPercent: z.number().int().min(1).max(100),
  /** The store's name, printed on receipts (empty until a manager sets it). */
  storeName: z.string().trim().max(80)
})
export type Preferences = z.infer<typeof PreferencesSchema>

export type PreferencesPatch = Partial<Preferences>

export const LanguageInputSchema = z.object({ language: LanguageSchema }).strict()

/** The preferences where they come in: a manager's change, or the disk. */
export const StoredPreferencesSchema = PreferencesSchema.extend({ timeZone: TimeZoneSchema })

/** Store settings only a manager may change. */
export const StoreSettingsPatchSchema = StoredPreferencesSchema.omit({ language: true })
  .partial()
  .strict()
  .refine((patch) => Object.keys(patch).length > 0, { message: 'Nothing to change' })
