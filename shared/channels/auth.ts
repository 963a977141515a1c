import { z } from 'zod'
import { AuthStatusSchema, PinAttemptSchema, PinSchema, SessionSchema, StaffIdSchema, StaffNameSchema, StaffSummarySchema } from '../domain/staff'
import { defineFeature } from '../ipc/channel-table'
import { Done, NoInput } from './common'

/** Who is at the till: first manager, sign-in, lock and unlock. */
export const authFeature = defineFeature({
  /** Why a sign-in or PIN step was refused. */
  reasons: z.enum(['pins_differ']),
  channels: {
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
    }
  },
  events: {
    'auth:changed': { summary: 'Sign-in, sign-out, lock or unlock happened.', payload: AuthStatusSchema }
  }
})
