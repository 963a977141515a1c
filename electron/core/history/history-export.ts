import { once } from 'node:events'
import { createWriteStream } from 'node:fs'
import { mkdir } from 'node:fs/promises'
import { join } from 'node:path'
import { setImmediate as yieldToLoop } from 'node:timers/promises'
import type { HistoryEntry, HistoryQuery } from '../../../shared/domain/history'
import { csvField, csvLine, minorText } from '../../../shared/csv'
import type { HistoryLedger } from './history-ledger'
import { PRIVATE_DIR_MODE, PRIVATE_FILE_MODE } from '../private-files'

const BOM = '\uFEFF'
/** Rows per turn of the event loop: small enough that a cashier's call never waits long behind one. */
const BATCH = 150

const HEADER = [
  'when (store time)',
  'when (UTC)',
  'provider',
  'kind',
  'reference',
  'status',
  'provider status',
  'amount',
  'currency',
  'staff',
  'approved by',
  'approved by (id)',
  'offline',
  'till',
  'what',
  'request ids'
]

function amountText(entry: HistoryEntry): string | null {
  return entry.amount ? minorText(entry.amount.amount, entry.amount.currency) : null
}

/** Formats `2026-12-05 14:03:07` in the store's zone, what a spreadsheet reads as a time (one formatter per export: making one is slow). */
function storeTimeFormat(timeZone: string): (iso: string) => string {
  const format = new Intl.DateTimeFormat('sv-SE', { timeZone, year: 'numeric', month: '2-digit', day: '2-digit', hour: '2-digit', minute: '2-digit', second: '2-digit' })
  return (iso) => format.format(new Date(iso))
}

export function entryLine(e: HistoryEntry, storeTime: (iso: string) => string): string {
  return csvLine([
    csvField(storeTime(e.createdAt), false),
    csvField(e.createdAt, false),
    csvField(e.provider),
    csvField(e.kind),
    csvField(e.ref),
    csvField(e.status),
    csvField(e.detailStatus),
    csvField(amountText(e), false),
    csvField(e.amount?.currency ?? null),
    csvField(e.staffName),
    csvField(e.approvedBy),
    csvField(e.approvedById),
    csvField(e.offline ? 'yes' : 'no'),
    csvField(e.tillId),
    csvField(e.summary),
    csvField(e.requestIds.join(' '))
  ])
}

/** Where exports are written, in the data folder. */
export const EXPORT_FOLDER = 'exports'

/**
 * Writes the entries a query finds to `<data folder>/exports/history-<time>.csv`, UTF-8 with a BOM
 * so spreadsheets read it right, a few hundred rows at a time, giving the event loop back between
 * batches and waiting for the disk, so a big export never stops the till.
 */
export async function exportHistory(
  ledger: HistoryLedger,
  query: Omit<HistoryQuery, 'before' | 'limit'>,
  options: { dataDir: string; timeZone: string; narrow: { staffId: string; since: string | null } | null; now: Date }
): Promise<{ file: string; rows: number; bytes: number }> {
  const dir = join(options.dataDir, EXPORT_FOLDER)
  await mkdir(dir, { recursive: true, mode: PRIVATE_DIR_MODE })
  const file = `history-${options.now.toISOString().replace(/[-:]/g, '').replace(/\..*$/, '').replace('T', '-')}-${Math.random().toString(36).slice(2, 6)}.csv`
  const out = createWriteStream(join(dir, file), { encoding: 'utf8', mode: PRIVATE_FILE_MODE })
  let bytes = 0
  const write = async (text: string): Promise<void> => {
    bytes += Buffer.byteLength(text)
    if (!out.write(text)) await once(out, 'drain')
  }
  let rows = 0
  const storeTime = storeTimeFormat(options.timeZone)
  try {
    await write(BOM + csvLine(HEADER.map((h) => csvField(h))))
    let before: HistoryQuery['before']
    for (;;) {
      const page = ledger.list({ ...query, limit: BATCH, ...(before ? { before } : {}) }, options.timeZone, options.narrow)
      await write(page.entries.map((e) => entryLine(e, storeTime)).join(''))
      rows += page.entries.length
      if (!page.next) break
      before = page.next
      await yieldToLoop()
    }
  } finally {
    out.end()
    await once(out, 'close')
  }
  return { file, rows, bytes }
}
