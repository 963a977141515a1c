import { z } from 'zod'

export const languages = ['en', 'vi'] as const
export const LanguageSchema = z.enum(languages)
export type Language = z.infer<typeof LanguageSchema>

export function isValidTimeZone(zone: string): boolean {
  try {
    new Intl.DateTimeFormat('en', { timeZone: zone })
    return true
  } catch {
    return false
  }
}

export const TimeZoneSchema = z
  .string()
  .min(1)
  .refine(isValidTimeZone, { message: 'Unknown time zone; use an IANA name such as Asia/Ho_Chi_Minh' })

export const PreferencesSchema = z.object({
  language: LanguageSchema,
  /** The store's IANA time zone: times are stored in UTC and shown in this zone. */
  timeZone: TimeZoneSchema
})
export type Preferences = z.infer<typeof PreferencesSchema>

export const PreferencesPatchSchema = PreferencesSchema.partial()
  .strict()
  .refine((patch) => Object.keys(patch).length > 0, { message: 'Nothing to change' })
export type PreferencesPatch = z.infer<typeof PreferencesPatchSchema>
