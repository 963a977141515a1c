import { randomBytes, randomUUID } from 'node:crypto'
import { realpathSync, statSync } from 'node:fs'
import { z } from 'zod'
import type { Db } from '../db/connection'
import { MetaRepo } from '../db/repos/meta-repo'
import type { MachineFacts } from './machine'

/** Where the data folder was last opened; stored in the database, so a copy carries the old one. */
const PlaceSchema = z.object({
  path: z.string(),
  file: z.string(),
  machineId: z.string().nullable(),
  macs: z.array(z.string())
})
type Place = z.infer<typeof PlaceSchema>

export type IdentityChange = { reason: 'copied' | 'moved_or_restored'; previousTillId: string; details: string }

const BASE32 = 'ABCDEFGHJKLMNPQRSTUVWXYZ23456789'

function randomBase32(length: number): string {
  const bytes = randomBytes(length)
  return Array.from(bytes, (b) => BASE32[b % BASE32.length]).join('')
}

function shortOf(tillId: string): string {
  return tillId
    .replace(/^till-/, '')
    .replace(/-/g, '')
    .slice(0, 6)
    .toUpperCase()
}

/**
 * Who this till is. The id is made once per data folder; a folder copied to another computer or
 * path, or restored from a backup, gets a new one at start, because two tills with one id would
 * make the same bill numbers and each would take the other's redemptions for its own.
 * References also carry an epoch made at every start, so even a backup restored in place that
 * the checks cannot see never reuses one.
 */
export class TillIdentity {
  readonly tillId: string
  /** Six characters of the till id: the start of every reference this till makes. */
  readonly short: string
  /** Four characters made at this start. */
  readonly epoch: string
  /** Set when this start took a new identity. */
  readonly change: IdentityChange | null
  private readonly meta: MetaRepo

  constructor(db: Db, place: { dataDir: string; databaseFile: string; machine: MachineFacts }) {
    this.meta = new MetaRepo(db)
    const here = placeOf(place)
    const result = db
      .transaction(() => {
        const existing = this.meta.get('till_id')
        const recorded = PlaceSchema.safeParse(safeJson(this.meta.get('till_place')))
        let change: IdentityChange | null = null
        let tillId = existing
        if (existing && recorded.success) {
          const why = differences(recorded.data, here)
          if (why.length > 0) {
            change = {
              reason: recorded.data.macs.length > 0 && here.macs.length > 0 && !sharesMac(recorded.data, here) ? 'copied' : 'moved_or_restored',
              previousTillId: existing,
              details: why.join('; ')
            }
            tillId = undefined
          }
        }
        if (!tillId) {
          tillId = `till-${randomUUID()}`
          this.meta.set('till_id', tillId)
        }
        this.meta.set('till_place', JSON.stringify(here))
        return { tillId, change }
      })
      .immediate()
    this.tillId = result.tillId
    this.change = result.change
    this.short = shortOf(this.tillId)
    this.epoch = randomBase32(4)
  }

  private billSeq: number | null = null

  /**
   * The next bill number: `T` + the till's six characters + this start's epoch + a sequence,
   * such as `T3F9A1CK7Q2-000123`. Run inside the transaction that writes the bill.
   */
  nextBillNumber(): string {
    const number = this.reserveBillNumber()
    this.keepBillNumber(number)
    return number
  }

  /**
   * A bill number for a bill not written yet (its check is asked first, and the bill is written
   * with the answer in one transaction). Unique without touching the disk: the sequence lives in
   * memory for this start, and the start's epoch keeps numbers of different starts apart.
   */
  reserveBillNumber(): string {
    this.billSeq = Math.max(this.billSeq ?? Number(this.meta.get('bill_seq') ?? '0'), 0) + 1
    return `T${this.short}${this.epoch}-${String(this.billSeq).padStart(6, '0')}`
  }

  /** Writes a reserved number's sequence, inside the transaction that writes its bill, so the next start goes on from it. */
  keepBillNumber(number: string): void {
    const seq = Number(/-(\d+)$/.exec(number)?.[1] ?? '0')
    if (seq > Number(this.meta.get('bill_seq') ?? '0')) this.meta.set('bill_seq', String(seq))
  }

  /**
   * A reference for a provider (an order's referenceId, a refund's unique_request_id): letters
   * and digits only, at most 21 characters, unique across a chain's tills.
   */
  nextReference(kind: string): string {
    const seq = this.meta.increment(`ref_seq_${kind}`)
    const letter = kind.charAt(0).toUpperCase()
    return `${letter}${this.short}${this.epoch}${seq.toString(36).toUpperCase().padStart(4, '0')}`
  }
}

function placeOf(place: { dataDir: string; databaseFile: string; machine: MachineFacts }): Place {
  let path = place.dataDir
  try {
    path = realpathSync(place.dataDir)
  } catch {
    // A folder that cannot be resolved is compared as given.
  }
  const stat = statSync(place.databaseFile, { bigint: true })
  return { path, file: `${stat.dev}:${stat.ino}`, machineId: place.machine.machineId, macs: place.machine.macs }
}

function sharesMac(a: Place, b: Place): boolean {
  return a.macs.some((mac) => b.macs.includes(mac))
}

function differences(before: Place, now: Place): string[] {
  const why: string[] = []
  if (before.machineId && now.machineId && before.machineId !== now.machineId) why.push('another computer (machine id)')
  else if (before.macs.length > 0 && now.macs.length > 0 && !sharesMac(before, now)) why.push('another computer (network hardware)')
  if (before.path !== now.path) why.push(`another folder (was ${before.path})`)
  if (before.file !== now.file) why.push('the database file was replaced (copied or restored)')
  return why
}

function safeJson(text: string | undefined): unknown {
  if (text === undefined) return undefined
  try {
    return JSON.parse(text)
  } catch {
    return undefined
  }
}
