import { z } from 'zod'
import { defineFeature } from '../ipc/channel-table'
import { BackofficeStatusSchema, EnrolInputSchema } from '../domain/backoffice'

const NoInput = z.object({}).strict()

/** The till's link to its chain's back office (Settings → Back office). */
export const backofficeFeature = defineFeature({
  /** Why enrolling with the back office failed. */
  reasons: z.enum(['backoffice_address', 'backoffice_refused', 'backoffice_unreachable']),
  channels: {
    'backoffice:status': {
      summary: 'Whether the back office is reached, how many events wait and since when, and the last problem in words.',
      access: 'staff',
      input: NoInput,
      output: BackofficeStatusSchema
    },
    'backoffice:enrol': {
      summary: 'Enrols this till with a back office: its address (https, or http on this computer) and a one-time code from head office. The till receives a key of its own, kept sealed.',
      access: 'manager',
      input: EnrolInputSchema,
      output: BackofficeStatusSchema
    },
    'backoffice:retry': {
      summary: 'Sends again after the back office refused (once a manager has fixed what it said).',
      access: 'manager',
      input: NoInput,
      output: BackofficeStatusSchema
    }
  },
  events: {
    'backoffice:changed': { summary: 'The link to the back office changed (reached, stopped, enrolled).', payload: BackofficeStatusSchema }
  }
})
