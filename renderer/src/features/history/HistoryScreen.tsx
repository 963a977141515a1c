import { useCallback, useEffect, useId, useState } from 'react'
import type { z } from 'zod'
import type { ShiftSummary } from '../../../../shared/channels/journal'
import type { HistoryEntry, HistoryQuery, HistoryStorySchema } from '../../../../shared/domain/history'
import type { StaffMember } from '../../../../shared/domain/staff'
import type { TillErrorData } from '../../../../shared/errors'
import { formatMoney } from '../../../../shared/money'
import { formatInstant } from '../../../../shared/time'
import { ShiftTotals } from '../../app/ShiftTotals'
import { useApp, useT, useTillClient } from '../../app/till-context'
import { isMessageKey, type Translate } from '../../i18n/i18n'
import { ErrorNotice } from '../../ui/ErrorNotice'
import { DayGlance } from './DayGlance'
import { HistoryStory } from './HistoryStory'
import { providerNameOf } from '../../../../shared/providers'
import { ProviderFilter } from './ProviderFilter'

type Filters = Omit<HistoryQuery, 'before' | 'limit'>
const statuses = ['open', 'done', 'failed', 'review', 'reversed'] as const

/** Every money operation of every provider, for managers (a cashier sees their own shift): filters, search, the story of one, export and print. */
/**
 * The provider's own word for where an operation stands, in the person's language where it adds
 * something to the status (a refund under review at Juspay, an order Hubble reversed); a raw word
 * such as MANUAL_REVIEW is never shown as it is.
 */
function detailWords(detail: string, t: Translate): string | null {
  if (detail.includes('corrected by')) return t('history.detail.corrected')
  const key = `history.detail.${detail}`
  return isMessageKey(key) ? t(key) : null
}

export function HistoryScreen() {
  const t = useT()
  const id = useId()
  const client = useTillClient()
  const { language, timeZone } = useApp((state) => state.preferences)
  const role = useApp((state) => state.auth?.session?.staff.role)
  const [draft, setDraft] = useState<Filters>({})
  const [filters, setFilters] = useState<Filters>({})
  const [entries, setEntries] = useState<HistoryEntry[]>([])
  const [next, setNext] = useState<HistoryQuery['before'] | null>(null)
  const [ownShift, setOwnShift] = useState(false)
  const [error, setError] = useState<TillErrorData | null>(null)
  const [story, setStory] = useState<z.infer<typeof HistoryStorySchema> | null>(null)
  const [staff, setStaff] = useState<StaffMember[]>([])
  const [exported, setExported] = useState<{ file: string; rows: number; url: string | null } | null>(null)
  const [shift, setShift] = useState<ShiftSummary | null>(null)

  const load = useCallback(
    async (query: Filters, before?: HistoryQuery['before']) => {
      const result = await client.call('history:list', { ...query, ...(before ? { before } : {}) })
      setError(result.ok ? null : result.error)
      if (!result.ok) return
      setEntries((current) => (before ? [...current, ...result.value.entries] : result.value.entries))
      setNext(result.value.next)
      setOwnShift(result.value.ownShiftOnly)
    },
    [client]
  )
  useEffect(() => {
    void load(filters)
  }, [load, filters])
  useEffect(() => {
    if (role !== 'manager') return
    void client.call('staff:list', {}).then((result) => setStaff(result.ok ? result.value : []))
  }, [client, role])

  const open = async (entry: HistoryEntry): Promise<void> => {
    const result = await client.call('history:story', { id: entry.id })
    setStory(result.ok ? result.value : null)
    setError(result.ok ? null : result.error)
  }
  const exportCsv = async (): Promise<void> => {
    const result = await client.call('history:export', filters)
    setError(result.ok ? null : result.error)
    if (!result.ok) return
    const blob = await client.exportFile(result.value.file)
    setExported((before) => {
      // The file of the export before is let go: only the latest is offered.
      if (before?.url) URL.revokeObjectURL(before.url)
      return { file: result.value.file, rows: result.value.rows, url: blob ? URL.createObjectURL(blob) : null }
    })
  }
  const shiftReport = async (): Promise<void> => {
    const result = await client.call('shift:summary', {})
    setShift(result.ok ? result.value : null)
    setError(result.ok ? null : result.error)
  }
  const set = (change: Partial<Filters>) => setDraft((d) => Object.fromEntries(Object.entries({ ...d, ...change }).filter(([, v]) => v !== undefined && v !== '')) as Filters)

  return (
    <section aria-labelledby={`${id}-title`} className="screen history">
      <h1 id={`${id}-title`}>{t('history.title')}</h1>
      {role === 'manager' && <DayGlance t={t} />}
      <div className="toolbar no-print">
        <button type="button" onClick={() => void shiftReport()}>
          {t('history.shiftReport')}
        </button>
        <button
          type="button"
          onClick={() => {
            // The page prints the history and shift report, not a voucher receipt.
            document.body.dataset['print'] = 'history'
            window.print()
            delete document.body.dataset['print']
          }}
        >
          {t('history.print')}
        </button>
        {role === 'manager' && (
          <button type="button" onClick={() => void exportCsv()}>
            {t('history.export')}
          </button>
        )}
      </div>
      {exported && (
        <p className="notice notice-ok" role="status" data-testid="history-exported">
          {t('history.exported', { rows: exported.rows, file: exported.file })}{' '}
          {exported.url && (
            <a href={exported.url} download={exported.file}>
              {t('history.download')}
            </a>
          )}
        </p>
      )}
      {shift && (
        <section className="shift-report printable-section" aria-label={t('history.shiftReport')} data-testid="shift-report">
          <h2>{t('history.shiftReport')}</h2>
          <ShiftTotals summary={shift} />
          <button type="button" className="link-button no-print" onClick={() => setShift(null)}>
            {t('history.closeStory')}
          </button>
        </section>
      )}
      <form
        className="filters no-print"
        aria-label={t('history.filters')}
        onSubmit={(event) => {
          event.preventDefault()
          setStory(null)
          setFilters(draft)
        }}
      >
        <label>
          {t('history.from')} <input type="date" value={draft.from ?? ''} onChange={(event) => set({ from: event.target.value || undefined })} />
        </label>
        <label>
          {t('history.to')} <input type="date" value={draft.to ?? ''} onChange={(event) => set({ to: event.target.value || undefined })} />
        </label>
        <ProviderFilter value={draft.provider} onChange={(provider) => set({ provider })} language={language} t={t} />
        <label>
          {t('history.status')}{' '}
          <select value={draft.status ?? ''} onChange={(event) => set({ status: statuses.find((s) => s === event.target.value) })}>
            <option value="">{t('history.any')}</option>
            {statuses.map((s) => (
              <option key={s} value={s}>
                {t(`history.status.${s}`)}
              </option>
            ))}
          </select>
        </label>
        {role === 'manager' && (
          <label>
            {t('history.staff')}{' '}
            <select value={draft.staffId ?? ''} onChange={(event) => set({ staffId: event.target.value || undefined })}>
              <option value="">{t('history.any')}</option>
              {staff.map((s) => (
                <option key={s.id} value={s.id}>
                  {s.name}
                </option>
              ))}
            </select>
          </label>
        )}
        <label>
          {t('history.search')} <input type="search" value={draft.search ?? ''} maxLength={100} onChange={(event) => set({ search: event.target.value.trim() || undefined })} />
        </label>
        <button type="submit">{t('history.apply')}</button>
      </form>
      {ownShift && <p className="hint">{t('history.ownShift')}</p>}
      {error && <ErrorNotice error={error} t={t} />}
      {story && <HistoryStory story={story} t={t} onClose={() => setStory(null)} />}
      <table className="table printable-section history-table" aria-label={t('history.table')}>
        <thead>
          <tr>
            <th scope="col">{t('history.when')}</th>
            <th scope="col">{t('history.provider')}</th>
            <th scope="col">{t('history.what')}</th>
            <th scope="col">{t('history.status')}</th>
            <th scope="col">{t('history.amount')}</th>
            <th scope="col">{t('history.staff')}</th>
            <th scope="col">{t('history.requestId')}</th>
          </tr>
        </thead>
        <tbody>
          {entries.length === 0 && (
            <tr>
              <td colSpan={7} className="muted">
                {t('history.empty')}
              </td>
            </tr>
          )}
          {entries.map((e) => (
            <tr key={e.id} data-history={e.kind}>
              <td>{formatInstant(e.createdAt, timeZone, language)}</td>
              <td>{providerNameOf(e.provider, language)}</td>
              <td>
                <button type="button" className="link-button" onClick={() => void open(e)}>
                  {t(`history.kind.${e.kind}`)} {e.ref}
                </button>
                <div className="detail">
                  {e.summary}
                  {e.offline ? ` · ${t('history.offline')}` : ''}
                  {e.approvedBy ? ` · ${t('history.approvedBy', { name: e.approvedBy })}` : ''}
                </div>
              </td>
              <td>
                {t(`history.status.${e.status}`)}
                {detailWords(e.detailStatus, t) && <span className="detail"> ({detailWords(e.detailStatus, t)})</span>}
              </td>
              <td>{e.amount ? formatMoney(e.amount, language) : '—'}</td>
              <td>{e.staffName ?? '—'}</td>
              <td className="detail">{e.requestIds.at(-1) ?? '—'}</td>
            </tr>
          ))}
        </tbody>
      </table>
      {next && (
        <button type="button" className="no-print" onClick={() => void load(filters, next)}>
          {t('history.more')}
        </button>
      )}
    </section>
  )
}
