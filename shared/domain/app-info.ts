import { z } from 'zod'
import { PreferencesSchema } from './preferences'

export const HostKindSchema = z.enum(['electron', 'web'])

export const AppInfoSchema = z.object({
  version: z.string(),
  tillId: z.string().min(1),
  host: HostKindSchema,
  /** True while any provider runs on its simulator; the renderer shows the TRAINING banner. */
  trainingMode: z.boolean(),
  schemaVersion: z.number().int().nonnegative(),
  preferences: PreferencesSchema
})
export type AppInfo = z.infer<typeof AppInfoSchema>
