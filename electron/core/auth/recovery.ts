import { existsSync, readFileSync, rmSync, writeFileSync } from 'node:fs'
import { join } from 'node:path'
import { z } from 'zod'
import { PinSchema, StaffNameSchema } from '../../../shared/domain/staff'
import type { AuditLog } from '../audit/audit-log'
import type { Db } from '../db/connection'
import type { Logger } from '../log/logger'
import type { StaffRepo } from './staff-repo'

/** Written by IT into the data folder; only someone with access to the till's computer can. */
export const RECOVERY_FILE = 'recover-manager.json'
export const RECOVERY_RESULT_FILE = 'recover-manager.result.txt'

const RecoveryRequestSchema = z.object({ manager: StaffNameSchema, newPin: PinSchema }).strict()

export interface RecoveryDeps {
  dataDir: string
  db: Db
  staff: StaffRepo
  audit: AuditLog
  log: Logger
  now: () => Date
  hash: (pin: string) => Promise<string>
}

/**
 * The way back in when every manager is locked out (five wrong PINs on the only manager, say):
 * a file in the data folder names a manager and a new PIN. At start the till reads it, deletes it
 * at once (the PIN must not stay on disk), unlocks and enables that manager with the new PIN,
 * writes what it did to the audit log and to a result file without the PIN. Returns the sentence.
 */
export async function applyRecoveryFile(deps: RecoveryDeps): Promise<string | null> {
  const file = join(deps.dataDir, RECOVERY_FILE)
  if (!existsSync(file)) return null
  let text: string
  try {
    text = readFileSync(file, 'utf8')
  } finally {
    rmSync(file, { force: true })
  }
  const finish = (sentence: string, ok: boolean): string => {
    writeFileSync(join(deps.dataDir, RECOVERY_RESULT_FILE), `${deps.now().toISOString()} ${sentence}\n`)
    if (ok) deps.log.warn('manager recovered from the data folder', { sentence })
    else deps.log.error('manager recovery refused', { sentence })
    return sentence
  }
  let parsed: z.infer<typeof RecoveryRequestSchema>
  try {
    const request = RecoveryRequestSchema.safeParse(JSON.parse(text))
    if (!request.success) return finish(`Recovery refused: ${z.prettifyError(request.error).replace(/\n/g, ' ')}. Write {"manager": "<name>", "newPin": "<4 to 12 digits>"}.`, false)
    parsed = request.data
  } catch {
    return finish('Recovery refused: the file is not JSON. Write {"manager": "<name>", "newPin": "<4 to 12 digits>"}.', false)
  }
  const person = deps.staff.all().find((row) => row.name.toLowerCase() === parsed.manager.toLowerCase())
  if (!person || person.role !== 'manager') return finish(`Recovery refused: there is no manager called ${parsed.manager} on this till.`, false)
  const pinHash = await deps.hash(parsed.newPin)
  deps.db
    .transaction(() => {
      deps.staff.setPinHash(person.id, pinHash)
      deps.staff.setDisabled(person.id, false)
      deps.audit.append({
        actor: null,
        action: 'manager_recovered',
        subject: person.id,
        outcome: 'ok',
        detail: { name: person.name, how: `${RECOVERY_FILE} in the data folder`, wasLocked: person.locked === 1, wasDisabled: person.disabled === 1 }
      })
    })
    .immediate()
  return finish(`${person.name} can sign in with the new PIN; the account is unlocked and enabled.`, true)
}
