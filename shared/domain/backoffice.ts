import { z } from 'zod'

/** Where this till stands with its back office, for the Queue, Settings and the top bar. */
export const BackofficeStatusSchema = z.object({
  /** Enrolled, with a key this till holds; false when never enrolled or when it must enrol again. */
  enrolled: z.boolean(),
  url: z.string().nullable(),
  store: z.object({ id: z.string(), name: z.string() }).nullable(),
  /** Whether the last attempt reached the back office (null: not tried since the till started). */
  reached: z.boolean().nullable(),
  /** The sender stopped on a refusal that sending again cannot fix; a manager acts, then tries again. */
  stopped: z.boolean(),
  /** The last problem, as a sentence, or null. */
  problem: z.string().nullable(),
  waiting: z.number().int().min(0),
  oldestWaitingAt: z.string().nullable(),
  lastSentAt: z.string().nullable(),
  /** When the key must come from the environment (the web host): the variables to set. */
  keyFromEnvironment: z.boolean(),
  /** What an enrolment of this till says (none of it secret), for IT enrolling a till by script. */
  enrolment: z.object({ tillId: z.string(), fromSeq: z.number().int().positive(), auditHead: z.string() })
})
export type BackofficeStatus = z.infer<typeof BackofficeStatusSchema>

export const EnrolInputSchema = z
  .object({
    url: z.string().trim().min(1).max(300),
    code: z.string().trim().min(4).max(40),
    name: z.string().trim().min(1).max(100).optional()
  })
  .strict()
