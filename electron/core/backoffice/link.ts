import { z } from 'zod'
import { MetaRepo } from '../db/repos/meta-repo'
import type { Db } from '../db/connection'
import type { SecretVault } from '../settings/secret-vault'

const LinkSchema = z.object({ url: z.string(), tillId: z.string(), store: z.object({ id: z.string(), name: z.string() }), sealedKey: z.string().nullable() })
const StoppedSchema = z.object({ problem: z.string(), at: z.string() })
type Link = z.infer<typeof LinkSchema>

/** The meta key the enrolment is kept under (read also by the core's start, to re-seal its key). */
export const LINK = 'backoffice.link'
const STOPPED = 'backoffice.stopped'

/** Where the back office is and the key this till holds for it, as the sender needs them. */
export interface Credentials {
  url: string
  key: string
}

/**
 * The till's enrolment with its back office: the address, the till id it was enrolled as, and
 * its key, sealed like provider secrets (safeStorage on the desktop). A host that keeps secrets
 * in its environment only (the web host) takes `TILL_BACKOFFICE_URL` and `TILL_BACKOFFICE_KEY`,
 * and holds a key it just enrolled for in memory until it stops.
 */
export class BackofficeLink {
  private readonly meta: MetaRepo
  private heldKey: string | null = null

  constructor(
    db: Db,
    private readonly vault: SecretVault,
    private readonly env: NodeJS.ProcessEnv,
    private readonly tillId: () => string
  ) {
    this.meta = new MetaRepo(db)
  }

  /** The till as it is now (what an enrolment would name). */
  tillIdNow(): string {
    return this.tillId()
  }

  /** The key comes from the environment (the web host): the manager is told which variables to set. */
  get keyFromEnvironment(): boolean {
    return this.vault.protection === 'environment-only'
  }

  private link(): Link | null {
    const raw = this.meta.get(LINK)
    if (!raw) return null
    const parsed = LinkSchema.safeParse(JSON.parse(raw))
    return parsed.success ? parsed.data : null
  }

  /** Address and store as enrolled (for the screens), or the environment's address. */
  describe(): { url: string | null; store: { id: string; name: string } | null } {
    const link = this.link()
    return { url: this.env['TILL_BACKOFFICE_URL']?.trim() || link?.url || null, store: link?.tillId === this.tillId() ? link.store : null }
  }

  /** The address and key to send with; null when the till is not enrolled as the till it is now. */
  credentials(): Credentials | null {
    const envUrl = this.env['TILL_BACKOFFICE_URL']?.trim()
    const envKey = this.env['TILL_BACKOFFICE_KEY']?.trim()
    if (envUrl && envKey) return { url: envUrl, key: envKey }
    const link = this.link()
    if (!link || link.tillId !== this.tillId()) return null
    const key = this.heldKey ?? (link.sealedKey && !this.keyFromEnvironment ? this.vault.open(Buffer.from(link.sealedKey, 'base64')) : null)
    return key ? { url: link.url, key } : null
  }

  /** Keeps a new enrolment; the key sealed, or held in memory where nothing secret is written. */
  save(enrolment: { url: string; tillId: string; store: { id: string; name: string }; key: string }): void {
    const sealedKey = this.keyFromEnvironment ? null : this.vault.seal(enrolment.key).toString('base64')
    this.heldKey = this.keyFromEnvironment ? enrolment.key : null
    this.meta.set(LINK, JSON.stringify({ url: enrolment.url, tillId: enrolment.tillId, store: enrolment.store, sealedKey } satisfies Link))
    this.meta.set(STOPPED, '')
  }

  /** The till took a new identity: its old enrolment is not its own. */
  forget(): void {
    this.heldKey = null
    this.meta.set(LINK, '')
    this.meta.set(STOPPED, '')
  }

  stopped(): { problem: string; at: string } | null {
    const raw = this.meta.get(STOPPED)
    if (!raw) return null
    const parsed = StoppedSchema.safeParse(JSON.parse(raw))
    return parsed.success ? parsed.data : null
  }

  stop(problem: string, at: string): void {
    this.meta.set(STOPPED, JSON.stringify({ problem, at }))
  }

  resume(): void {
    this.meta.set(STOPPED, '')
  }
}
