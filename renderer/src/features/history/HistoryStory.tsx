import type { z } from 'zod'
import type { HistoryStorySchema } from '../../../../shared/domain/history'
import { formatInstant } from '../../../../shared/time'
import { useState } from 'react'
import type { Redemption } from '../../../../shared/domain/redeem'
import { useApp, useTillClient } from '../../app/till-context'
import { RedemptionReceipt } from '../redeem/RedemptionResult'
import type { Translate } from '../../i18n/i18n'

type Story = z.infer<typeof HistoryStorySchema>

/** An operation's whole story: every move of its journal rows, every call, and the audit entries. */
export function HistoryStory(props: { story: Story; t: Translate; onClose: () => void }) {
  const { story, t } = props
  const { language, timeZone } = useApp((state) => state.preferences)
  const client = useTillClient()
  const when = (iso: string) => formatInstant(iso, timeZone, language)
  // A redeemed bill's receipt, as it was printed, to print again for a customer who asks.
  const [receipt, setReceipt] = useState<Redemption | null>(null)
  const reprint = story.entry.kind === 'redemption' && story.entry.status === 'done'
  return (
    <section className="story" aria-label={t('history.story', { ref: story.entry.ref })} data-testid="history-story">
      <h2>{t('history.story', { ref: story.entry.ref })}</h2>
      <div className="toolbar no-print">
        <button type="button" className="link-button" onClick={props.onClose}>
          {t('history.closeStory')}
        </button>
        {reprint && (
          <button type="button" onClick={() => void client.call('redeem:get', { billNumber: story.entry.ref }).then((r) => r.ok && setReceipt(r.value))}>
            {t('history.reprint')}
          </button>
        )}
      </div>
      {receipt && (
        <>
          <RedemptionReceipt redemption={receipt} t={t} language={language} timeZone={timeZone} cashier={story.entry.staffName ?? ''} />
          <button type="button" className="no-print" onClick={() => window.print()}>
            {t('redeem.print')}
          </button>
        </>
      )}
      <h3>{t('history.journal')}</h3>
      {story.journal.length === 0 && <p className="muted">{t('history.noJournal')}</p>}
      {story.journal.map((row) => (
        <div key={row.id}>
          <p>
            <strong>{row.operation}</strong> · {row.state} · {t('history.attempts', { count: row.attempts })}
          </p>
          <ol>
            {row.moves.map((move, i) => (
              <li key={i}>
                {when(move.at)}: {move.from} → {move.to}
                {move.note ? ` (${move.note})` : ''}
                {move.requestId ? ` · ${move.requestId}` : ''}
              </li>
            ))}
          </ol>
        </div>
      ))}
      <h3>{t('history.calls')}</h3>
      <ul>
        {story.calls.map((call) => (
          <li key={call.requestId}>
            {when(call.at)} · {call.operation} · {call.status ?? call.errorCode ?? '—'} · {call.durationMs} ms · <code>{call.requestId}</code>
          </li>
        ))}
      </ul>
      <h3>{t('history.audit')}</h3>
      <ul data-testid="history-story-audit">
        {story.audit.map((entry, i) => (
          <li key={i}>
            {when(entry.at)} · {entry.actorName ?? '—'} · {entry.action} · {entry.outcome} · {entry.detail}
          </li>
        ))}
      </ul>
    </section>
  )
}
