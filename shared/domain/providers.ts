import { z } from 'zod'

/** A provider's id, such as `gotit`; the core's provider registry says which exist. */
export const ProviderIdSchema = z
  .string()
  .max(20)
  .regex(/^[a-z][a-z0-9]{1,19}$/, { message: 'A provider id is 2 to 20 lower-case letters or digits' })
export type ProviderId = z.infer<typeof ProviderIdSchema>

/** `training` uses the in-process simulator; the others call the provider's real environments. */
export const ProviderModeSchema = z.enum(['training', 'sandbox', 'production'])
export type ProviderMode = z.infer<typeof ProviderModeSchema>

/** `unknown` until a call or probe has told us; never guessed from the OS network state. */
export const ConnectivitySchema = z.enum(['online', 'offline', 'unknown'])
export type Connectivity = z.infer<typeof ConnectivitySchema>

export const ProviderStatusSchema = z.object({
  provider: ProviderIdSchema,
  /** As the provider wants to be named in the interface (Vipps MobilePay, not Vipps). */
  name: z.string(),
  mode: ProviderModeSchema,
  connectivity: ConnectivitySchema,
  /** UTC ISO 8601 time of the call outcome or probe the connectivity comes from. */
  checkedAt: z.iso.datetime().nullable()
})
export type ProviderStatus = z.infer<typeof ProviderStatusSchema>

export const ProviderStatusListSchema = z.array(ProviderStatusSchema)
