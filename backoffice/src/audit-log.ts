import type { Sql } from './db/database'

/** Who did something in the back office: an account, or nobody yet (a refused sign-in, the command line). */
export interface Actor {
  userId: string | null
  name: string | null
}

export interface BackofficeAuditEntry {
  at: Date
  actor: Actor
  action: string
  subject?: string | null
  outcome: 'ok' | 'refused'
  detail?: Record<string, unknown>
  address?: string | null
}

/** The back office's own audit log: every sign-in (refused ones too) and every change made on its screens or its command line. */
export async function recordAudit(db: Sql, entry: BackofficeAuditEntry): Promise<void> {
  await db.query('INSERT INTO bo_audit (at, user_id, user_name, action, subject, outcome, detail, address) VALUES ($1, $2, $3, $4, $5, $6, $7::jsonb, $8)', [
    entry.at.toISOString(),
    entry.actor.userId,
    entry.actor.name,
    entry.action,
    entry.subject ?? null,
    entry.outcome,
    JSON.stringify(entry.detail ?? {}),
    entry.address ?? null
  ])
}

export async function auditPage(db: Sql, before: number | null, limit: number) {
  const rows = await db.query<{ id: number; at: Date; user_name: string | null; action: string; subject: string | null; outcome: string; detail: Record<string, unknown>; address: string | null }>(
    'SELECT id, at, user_name, action, subject, outcome, detail, address FROM bo_audit WHERE ($1::bigint IS NULL OR id < $1) ORDER BY id DESC LIMIT $2',
    [before, limit + 1]
  )
  const page = rows.slice(0, limit)
  return {
    entries: page.map((r) => ({
      id: Number(r.id),
      at: new Date(r.at).toISOString(),
      userName: r.user_name,
      action: r.action,
      subject: r.subject,
      outcome: r.outcome,
      detail: r.detail,
      address: r.address
    })),
    next: rows.length > limit ? Number(page.at(-1)?.id ?? 0) : null
  }
}
