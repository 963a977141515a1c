import { useEffect, useId, useState } from 'react'
import { useApp, useT, useTillClient } from '../../app/till-context'
import { useChannel } from '../settings/use-channel'

/**
 * In training mode only: practice cases to look up at this provider (picking one fills the lookup
 * and runs it), and a switch that makes the provider pretend to be down, to practise an outage.
 */
export function TrainingPanel(props: { provider: string; name: string; describe?(kind: string): string; onPick?(id: string, kind: string): void }) {
  const t = useT()
  const client = useTillClient()
  const id = useId()
  const practice = useChannel('training:practice', { provider: props.provider })
  const outages = useChannel('training:outages', {})
  const [error, setError] = useState<string | null>(null)
  const [statement, setStatement] = useState<{ file: string; count: number } | null>(null)
  const manager = useApp((state) => state.auth?.session?.staff.role === 'manager')
  const download = (): void =>
    void client.call('training:statement', { provider: props.provider }).then((result) => {
      if (!result.ok) return setError(result.error.message)
      setError(null)
      // The file is saved the way a browser saves any download; the till writes nothing to disk for it.
      const link = document.createElement('a')
      link.href = URL.createObjectURL(new Blob([`\uFEFF${result.value.csv}`], { type: 'text/csv' }))
      link.download = result.value.fileName
      link.click()
      URL.revokeObjectURL(link.href)
      setStatement({ file: result.value.fileName, count: result.value.lines })
    })
  const training = outages.value?.some((o) => o.provider === props.provider) ?? false
  const said = outages.value?.find((o) => o.provider === props.provider)?.on ?? false
  // The switch moves at once; the till's answer confirms it (or puts it back).
  const [asked, setAsked] = useState<boolean | null>(null)
  const down = asked ?? said
  useEffect(() => client.subscribe('providers:changed', () => void outages.reload()), [client, outages])
  if (!training) return null
  return (
    <details className="training-vouchers" open>
      <summary>{t('training.practiceTitle', { provider: props.name })}</summary>
      {props.onPick && (practice.value?.length ?? 0) > 0 && (
        <ul aria-label={t('training.practiceList', { provider: props.name })}>
          {practice.value?.map((item) => (
            <li key={item.id}>
              <button type="button" className="link-button" onClick={() => props.onPick?.(item.id, item.kind)}>
                <span className="code">{item.id}</span> {props.describe ? props.describe(item.kind) : item.kind}
              </button>
            </li>
          ))}
        </ul>
      )}
      <label htmlFor={`${id}-down`}>
        <input
          id={`${id}-down`}
          type="checkbox"
          checked={down}
          onChange={(event) => {
            const on = event.target.checked
            setAsked(on)
            void client.call('training:outage', { provider: props.provider, on }).then(async (result) => {
              setError(result.ok ? null : result.error.message)
              await outages.reload()
              setAsked(null)
            })
          }}
        />
        {t('training.outage', { provider: props.name })}
      </label>
      {down && <p className="hint">{t('training.outageOn', { provider: props.name })}</p>}
      {manager && (
        <p>
          <button type="button" className="link-button" onClick={download}>
            {t('training.statement', { provider: props.name })}
          </button>
        </p>
      )}
      {statement && <p role="status">{t('training.statementSaved', { file: statement.file, count: statement.count })}</p>}
      {error && <p className="field-problem">{error}</p>}
    </details>
  )
}
