import type { DayView } from '../../../shared/backoffice/screens'
import { HistoryStatusSchema, type HistoryKind, type HistoryStatus } from '../../../shared/domain/history'
import type { Currency } from '../../../shared/money'
import { shiftDay } from '../../../shared/time'
import type { Sql } from '../db/database'

/** Every zone's day lies within 14 hours either side of the same UTC day: the index narrows to that, the zone decides. */
const ZONE_SLACK_MS = 14 * 3600_000
const coarse = (day: string): [string, string] => {
  const start = Date.parse(`${day}T00:00:00Z`)
  return [new Date(start - ZONE_SLACK_MS).toISOString(), new Date(start + 86_400_000 + ZONE_SLACK_MS).toISOString()]
}

interface Group {
  which: 'day' | 'last'
  hour: number
  provider: string
  kind: HistoryKind
  currency: Currency | null
  status: HistoryStatus
  offline: boolean
  store_id: string
  till_id: string
  staff_name: string | null
  n: number
  amount: number
}

/** Adds an amount to a per-currency list kept in currency order. */
function addTo(list: { currency: Currency; amount: number }[], currency: Currency | null, amount: number): void {
  if (currency === null) return
  const found = list.find((t) => t.currency === currency)
  if (found) found.amount += amount
  else list.push({ currency, amount })
  list.sort((a, b) => a.currency.localeCompare(b.currency))
}

/**
 * A day at a glance for one store, or for every store the account sees, each store's day in its
 * own time zone: done totals per provider, kind and currency, counts by status, offline
 * acceptances, what needs review, operations per local hour beside the same weekday last week,
 * and the breakdown by till and by cashier. One grouped read of the ledger, shaped here.
 */
export async function dayView(db: Sql, storeIds: readonly string[] | null, single: string | null, day: string): Promise<DayView> {
  const lastWeekDay = shiftDay(day, -7)
  const [dayFrom, dayTo] = coarse(day)
  const [lastFrom, lastTo] = coarse(lastWeekDay)
  // The stores are named on the ledger itself, so one store's day is read from its (store, time) index.
  const groups = await db.query<Group>(
    `SELECT CASE WHEN (l.created_at AT TIME ZONE s.time_zone)::date = $2::date THEN 'day' ELSE 'last' END AS which,
       extract(hour FROM (l.created_at AT TIME ZONE s.time_zone))::int AS hour,
       l.provider, l.kind, l.currency, l.status, l.offline, l.store_id, l.till_id, l.staff_name, count(*)::int AS n, coalesce(sum(l.amount_minor), 0)::bigint AS amount
     FROM ledger l JOIN store s ON s.store_id = l.store_id
     WHERE ($1::text[] IS NULL OR l.store_id = ANY($1))
       AND ((l.created_at >= $3 AND l.created_at < $4) OR (l.created_at >= $5 AND l.created_at < $6))
       AND (l.created_at AT TIME ZONE s.time_zone)::date IN ($2::date, $2::date - 7)
     GROUP BY 1, 2, l.provider, l.kind, l.currency, l.status, l.offline, l.store_id, l.till_id, l.staff_name`,
    [storeIds, day, dayFrom, dayTo, lastFrom, lastTo]
  )
  const stores = await db.query<{ n: number }>('SELECT count(*)::int AS n FROM store WHERE ($1::text[] IS NULL OR store_id = ANY($1))', [storeIds])
  const counts = Object.fromEntries(HistoryStatusSchema.options.map((s) => [s, 0])) as Record<HistoryStatus, number>
  const totals: DayView['totals'] = []
  const hours = Array.from({ length: 24 }, (_, hour) => ({ hour, count: 0, lastWeek: 0 }))
  const tills = new Map<string, DayView['tills'][number]>()
  const staff = new Map<string, DayView['staff'][number]>()
  const offline = { accepted: 0, stillOpen: 0 }
  for (const g of groups) {
    const hour = hours[g.hour]
    if (g.which === 'last') {
      if (hour) hour.lastWeek += g.n
      continue
    }
    if (hour) hour.count += g.n
    if (g.status in counts) counts[g.status] += g.n
    if (g.offline) {
      offline.accepted += g.n
      if (g.status === 'open') offline.stillOpen += g.n
    }
    const till = tills.get(`${g.store_id}\u0000${g.till_id}`) ?? { storeId: g.store_id, tillId: g.till_id, count: 0, totals: [] }
    tills.set(`${g.store_id}\u0000${g.till_id}`, till)
    const person = staff.get(`${g.store_id}\u0000${g.staff_name ?? ''}`) ?? { storeId: g.store_id, staffName: g.staff_name, count: 0, totals: [] }
    staff.set(`${g.store_id}\u0000${g.staff_name ?? ''}`, person)
    till.count += g.n
    person.count += g.n
    if (g.status !== 'done') continue
    addTo(till.totals, g.currency, g.amount)
    addTo(person.totals, g.currency, g.amount)
    const total = totals.find((t) => t.provider === g.provider && t.kind === g.kind && t.currency === g.currency)
    if (total) {
      total.count += g.n
      total.amount += g.amount
    } else totals.push({ provider: g.provider, kind: g.kind, currency: g.currency, count: g.n, amount: g.amount })
  }
  totals.sort((a, b) => a.provider.localeCompare(b.provider) || a.kind.localeCompare(b.kind) || (a.currency ?? '').localeCompare(b.currency ?? ''))
  const byCount = <T extends { count: number }>(list: Iterable<T>): T[] => [...list].sort((a, b) => b.count - a.count)
  return {
    day,
    lastWeekDay,
    storeId: single,
    stores: stores[0]?.n ?? 0,
    totals,
    counts,
    offline,
    needsReview: counts.review,
    hours,
    tills: byCount(tills.values()),
    staff: byCount(staff.values())
  }
}
