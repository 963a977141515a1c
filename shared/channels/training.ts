import { z } from 'zod'
import { defineFeature } from '../ipc/channel-table'

const Provider = z.string().min(1).max(40)
const PracticeItemSchema = z.object({ id: z.string(), kind: z.string() })

/** Practising at a training till: cases to look up, and an outage to practise working through. */
export const trainingFeature = defineFeature({
  /** Why a practice step was refused. */
  reasons: z.enum(['not_training']),
  channels: {
    'training:practice': {
      summary: 'In training mode, what a trainee can look up at a provider (its practice orders or payments, each with its kind); empty outside training mode.',
      access: 'staff',
      input: z.object({ provider: Provider }).strict(),
      output: z.array(PracticeItemSchema)
    },
    'training:outages': {
      summary: 'In training mode, which providers are pretending to be down.',
      access: 'staff',
      input: z.object({}).strict(),
      output: z.array(z.object({ provider: z.string(), on: z.boolean() }))
    },
    'training:statement': {
      summary:
        'In training mode only, the statement the provider would send for what this till did at its simulator (CSV, as the back office reads it by default), to practise reconciliation. Refused outside training mode.',
      access: 'manager',
      input: z.object({ provider: Provider }).strict(),
      output: z.object({ fileName: z.string(), csv: z.string(), lines: z.number().int() })
    },
    'training:outage': {
      summary: 'In training mode only, makes a provider pretend to be down (or back), to practise working through an outage. Refused outside training mode.',
      access: 'staff',
      input: z.object({ provider: Provider, on: z.boolean() }).strict(),
      output: z.object({ provider: z.string(), on: z.boolean() })
    }
  }
})
