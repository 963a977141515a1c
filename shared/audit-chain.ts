/** The genesis of every till's audit chain. */
export const GENESIS_HASH = '0'.repeat(64)

export interface ChainedFields {
  at: string
  tillId: string
  actorId: string | null
  actorName: string | null
  action: string
  subject: string | null
  outcome: string
  /** The detail exactly as stored (JSON text). */
  detail: string
}

/** What an audit entry's SHA-256 is taken over: the till computes it when writing, the back office again on arrival. */
export function auditHashMaterial(prevHash: string, entry: ChainedFields): string {
  return JSON.stringify([prevHash, entry.at, entry.tillId, entry.actorId, entry.actorName, entry.action, entry.subject, entry.outcome, entry.detail])
}
