import { StatementMappingSchema, type StatementMapping } from '../../../shared/backoffice/screens'
import { recordAudit } from '../audit-log'
import type { Database, Sql } from '../db/database'
import { actorOf, type Account } from '../auth/accounts'
import { Refused } from '../refused'

/** The ledger kinds a provider's statement lists: the ones that move money at the provider. */
export const RECONCILED_KINDS: Record<string, string[]> = {
  gotit: ['redemption'],
  hubble: ['gift_sale'],
  vipps: ['receipt'],
  juspay: ['refund']
}
export const reconciledProviders = Object.keys(RECONCILED_KINDS)

/**
 * How each provider's statement is read until head office saves its own: the columns of the
 * training statements the simulators write [ASSUMED: a real contract's statement may differ,
 * which is why the mapping is saved per provider].
 */
export const DEFAULT_MAPPINGS: Record<string, StatementMapping> = {
  gotit: { delimiter: ',', idColumn: 'Transaction ID', amountColumn: 'Amount (VND)', amountUnit: 'major', currencyColumn: null, currency: 'VND', timeColumn: 'Used at' },
  hubble: { delimiter: ',', idColumn: 'Order ID', amountColumn: 'Order Value', amountUnit: 'major', currencyColumn: null, currency: 'INR', timeColumn: 'Created At' },
  vipps: { delimiter: ';', idColumn: 'orderId', amountColumn: 'amount', amountUnit: 'minor', currencyColumn: 'currency', currency: 'NOK', timeColumn: 'time' },
  juspay: { delimiter: ',', idColumn: 'refund_id', amountColumn: 'refund_amount', amountUnit: 'major', currencyColumn: null, currency: 'INR', timeColumn: 'refund_date' }
}

export function knownProvider(provider: string): void {
  if (!RECONCILED_KINDS[provider]) throw new Refused(400, 'bad_request', `There is no statement to reconcile for ${provider}; choose one of ${reconciledProviders.join(', ')}.`)
}

/** The saved mapping of a provider's statement, or the training default. */
export async function mappingOf(db: Sql, provider: string): Promise<StatementMapping> {
  knownProvider(provider)
  const [row] = await db.query<{ mapping: unknown }>('SELECT mapping FROM statement_mapping WHERE provider = $1', [provider])
  const saved = StatementMappingSchema.safeParse(row?.mapping)
  const fallback = DEFAULT_MAPPINGS[provider]
  if (saved.success) return saved.data
  if (!fallback) throw new Refused(400, 'bad_request', `There is no statement mapping for ${provider}.`)
  return fallback
}

export async function saveMapping(db: Database, provider: string, mapping: StatementMapping, by: Account, now: Date): Promise<void> {
  knownProvider(provider)
  await db.transaction(async (tx) => {
    await tx.query(
      'INSERT INTO statement_mapping (provider, mapping, updated_at, updated_by) VALUES ($1, $2::jsonb, $3, $4) ON CONFLICT (provider) DO UPDATE SET mapping = excluded.mapping, updated_at = excluded.updated_at, updated_by = excluded.updated_by',
      [provider, JSON.stringify(mapping), now.toISOString(), by.userId]
    )
    await recordAudit(tx, { at: now, actor: actorOf(by), action: 'statement_mapping_saved', subject: provider, outcome: 'ok', detail: mapping })
  })
}
