import { useEffect, useId, useState, type FormEvent } from 'react'
import { ReconOutcomeSchema, type ReconItem, type ReconOutcome, type StatementImport, type StatementMapping } from '../../../../shared/backoffice/screens'
import { CurrencySchema } from '../../../../shared/money'
import { api, exportUrl } from '../api'
import { useT, type MessageKey } from '../i18n'
import { ErrorText, Head, kindName, Money, num, providerName, storeName, todayIn, useLoad, When } from '../ui'

const outcomeKeys: Record<ReconOutcome, MessageKey> = { matched: 'recon.matched', amount_differs: 'recon.amount_differs', provider_only: 'recon.provider_only', till_only: 'recon.till_only' }
const reconciled = ['gotit', 'hubble', 'vipps', 'juspay']

/** How a provider's statement is read; saved per provider, since statement formats differ by contract. */
function MappingEditor(props: { provider: string; mapping: StatementMapping; onSaved: () => void }) {
  const t = useT()
  const id = useId()
  const [m, setM] = useState(props.mapping)
  const [error, setError] = useState<unknown>(null)
  const [saved, setSaved] = useState(false)
  useEffect(() => setM(props.mapping), [props.mapping])
  const text = (name: 'idColumn' | 'amountColumn' | 'currencyColumn' | 'timeColumn', nullable: boolean) => ({
    id: `${id}-${name}`,
    value: m[name] ?? '',
    onChange: (e: { target: { value: string } }) => setM({ ...m, [name]: nullable && e.target.value === '' ? null : e.target.value }),
    required: !nullable
  })
  const save = (event: FormEvent): void => {
    event.preventDefault()
    setSaved(false)
    api.saveMapping(props.provider, m).then(() => {
      setError(null)
      setSaved(true)
      props.onSaved()
    }, setError)
  }
  return (
    <details>
      <summary>{t('recon.mapping', { provider: providerName(t, props.provider) })}</summary>
      <form className="form" onSubmit={save}>
        <label htmlFor={`${id}-idColumn`}>{t('recon.idColumn')}</label>
        <input {...text('idColumn', false)} />
        <label htmlFor={`${id}-amountColumn`}>{t('recon.amountColumn')}</label>
        <input {...text('amountColumn', false)} />
        <label htmlFor={`${id}-unit`}>{t('recon.amountUnit')}</label>
        <select id={`${id}-unit`} value={m.amountUnit} onChange={(e) => setM({ ...m, amountUnit: e.target.value === 'minor' ? 'minor' : 'major' })}>
          <option value="major">{t('recon.unit.major')}</option>
          <option value="minor">{t('recon.unit.minor')}</option>
        </select>
        <label htmlFor={`${id}-currencyColumn`}>{t('recon.currencyColumn')}</label>
        <input {...text('currencyColumn', true)} />
        <label htmlFor={`${id}-currency`}>{t('recon.currency')}</label>
        <select id={`${id}-currency`} value={m.currency} onChange={(e) => setM({ ...m, currency: CurrencySchema.parse(e.target.value) })}>
          {CurrencySchema.options.map((c) => (
            <option key={c}>{c}</option>
          ))}
        </select>
        <label htmlFor={`${id}-timeColumn`}>{t('recon.timeColumn')}</label>
        <input {...text('timeColumn', true)} />
        <label htmlFor={`${id}-delimiter`}>{t('recon.delimiter')}</label>
        <select id={`${id}-delimiter`} value={m.delimiter} onChange={(e) => setM({ ...m, delimiter: e.target.value === ';' ? ';' : e.target.value === '\t' ? '\t' : ',' })}>
          <option value=",">{t('recon.comma')}</option>
          <option value=";">{t('recon.semicolon')}</option>
          <option value={'\t'}>{t('recon.tab')}</option>
        </select>
        <button type="submit">{t('recon.saveMapping')}</button>
        {saved && <p role="status">{t('recon.mappingSaved')}</p>}
      </form>
      <ErrorText error={error} />
    </details>
  )
}

function Results(props: { imported: StatementImport }) {
  const t = useT()
  const id = useId()
  const { imported } = props
  const [outcome, setOutcome] = useState<ReconOutcome | ''>('')
  const [items, setItems] = useState<ReconItem[]>([])
  const [next, setNext] = useState<number | null>(null)
  const [error, setError] = useState<unknown>(null)
  const load = (after?: number): void =>
    void api.reconItems(imported.importId, { ...(outcome ? { outcome } : {}), ...(after ? { after } : {}) }).then((page) => {
      setItems((before) => (after ? [...before, ...page.items] : page.items))
      setNext(page.next)
    }, setError)
  useEffect(() => load(), [imported.importId, outcome])
  return (
    <section aria-labelledby={`${id}-title`}>
      <h2 id={`${id}-title`}>{t('recon.result', { provider: providerName(t, imported.provider), from: imported.from, to: imported.to, file: imported.fileName })}</h2>
      <div className="table-wrap">
        {/* One column per currency, one row per outcome: it stays narrow however many outcomes there are. */}
        <table className="table" aria-label={t('recon.totals')} data-testid="recon-totals">
          <thead>
            <tr>
              <th scope="col">
                <span className="visually-hidden">{t('recon.outcome')}</span>
              </th>
              {imported.totals.map((row) => (
                <th key={row.currency} scope="col" className="num">
                  {row.currency}
                </th>
              ))}
            </tr>
          </thead>
          <tbody>
            {(['statement', 'tills', ...ReconOutcomeSchema.options] as const).map((line) => (
              <tr key={line} data-outcome={line}>
                <th scope="row">{t(line === 'statement' ? 'recon.statement' : line === 'tills' ? 'recon.tills' : outcomeKeys[line])}</th>
                {imported.totals.map((row) => (
                  <td key={row.currency} className="num">
                    {row[line].count} · <Money amount={row[line].amount} currency={row.currency} />
                    {line === 'amount_differs' && row.amount_differs.count > 0 && (
                      <div className="muted">
                        {t('recon.difference')} <Money amount={row.amount_differs.difference} currency={row.currency} />
                      </div>
                    )}
                  </td>
                ))}
              </tr>
            ))}
          </tbody>
        </table>
      </div>
      <div className="filters">
        <div>
          <label htmlFor={`${id}-outcome`}>{t('recon.show')}</label>
          <select id={`${id}-outcome`} value={outcome} onChange={(e) => setOutcome(ReconOutcomeSchema.safeParse(e.target.value).data ?? '')}>
            <option value="">{t('recon.everything')}</option>
            {ReconOutcomeSchema.options.map((o) => (
              <option key={o} value={o}>
                {t(outcomeKeys[o])}
              </option>
            ))}
          </select>
        </div>
        <a className="button-link" href={exportUrl(`recon/imports/${imported.importId}/differences.csv`, {})} download>
          {t('recon.export')}
        </a>
      </div>
      <ErrorText error={error} />
      <div className="table-wrap">
        <table className="table" aria-label={t('recon.items')} data-testid="recon-items">
          <Head columns={[t('recon.outcome'), t('recon.providerRef'), num(t('recon.statementAmount')), num(t('recon.tillAmount')), t('col.till'), t('col.reference')]} />
          <tbody>
            {items.map((i) => (
              <tr key={i.itemNo}>
                <td>
                  <span className={`flag ${i.outcome === 'matched' ? 'flag-ok' : 'flag-bad'}`}>{t(outcomeKeys[i.outcome])}</span>
                  {i.lineNo !== null && <div className="muted">{t('recon.line', { line: i.lineNo })}</div>}
                </td>
                <td className="ref">{i.providerRef ?? '—'}</td>
                <td className="num">
                  <Money amount={i.statementAmount} currency={i.currency} />
                </td>
                <td className="num">
                  <Money amount={i.ledgerAmount} currency={i.currency} />
                </td>
                <td className="ref">
                  {i.tillId ?? '—'}
                  {i.storeId && <div className="muted">{storeName(i.storeId)}</div>}
                </td>
                <td className="ref">
                  {i.ref ?? '—'}
                  {i.kind && <div className="muted">{kindName(t, i.kind)}</div>}
                  {i.createdAt && (
                    <div className="muted">
                      <When at={i.createdAt} storeId={i.storeId} />
                    </div>
                  )}
                </td>
              </tr>
            ))}
          </tbody>
        </table>
      </div>
      {next !== null && (
        <button type="button" onClick={() => load(next)}>
          {t('ops.more')}
        </button>
      )}
    </section>
  )
}

/** Head office imports a provider's statement for a day range and sees it matched against every till's operations. */
export function ReconScreen() {
  const t = useT()
  const id = useId()
  const today = todayIn('UTC')
  const [provider, setProvider] = useState('gotit')
  const [from, setFrom] = useState(today)
  const [to, setTo] = useState(today)
  const [file, setFile] = useState<File | null>(null)
  const [busy, setBusy] = useState(false)
  const [error, setError] = useState<unknown>(null)
  const [shown, setShown] = useState<StatementImport | null>(null)
  const mappings = useLoad(() => api.mappings(), [])
  const imports = useLoad(() => api.imports(), [])
  const submit = (event: FormEvent): void => {
    event.preventDefault()
    if (!file) return
    setBusy(true)
    file
      .text()
      .then((csv) => api.importStatement({ provider, from, to, fileName: file.name, csv }))
      .then(
        (imported) => {
          setShown(imported)
          setError(null)
          setBusy(false)
          imports.reload()
        },
        (e: unknown) => {
          setError(e)
          setBusy(false)
        }
      )
  }
  const mapping = mappings.value?.mappings[provider]
  return (
    <section className="screen" aria-labelledby={`${id}-title`}>
      <h1 id={`${id}-title`}>{t('nav.recon')}</h1>
      <p className="muted">{t('recon.explain')}</p>
      <form className="filters" onSubmit={submit} aria-label={t('recon.import')}>
        <div>
          <label htmlFor={`${id}-provider`}>{t('col.provider')}</label>
          <select id={`${id}-provider`} value={provider} onChange={(e) => setProvider(e.target.value)}>
            {reconciled.map((p) => (
              <option key={p} value={p}>
                {providerName(t, p)}
              </option>
            ))}
          </select>
        </div>
        <div>
          <label htmlFor={`${id}-from`}>{t('ops.from')}</label>
          <input id={`${id}-from`} type="date" value={from} onChange={(e) => setFrom(e.target.value)} required />
        </div>
        <div>
          <label htmlFor={`${id}-to`}>{t('ops.to')}</label>
          <input id={`${id}-to`} type="date" value={to} onChange={(e) => setTo(e.target.value)} required />
        </div>
        <div>
          <label htmlFor={`${id}-file`}>{t('recon.file')}</label>
          <input id={`${id}-file`} type="file" accept=".csv,text/csv,text/plain" onChange={(e) => setFile(e.target.files?.[0] ?? null)} required />
        </div>
        <button type="submit" disabled={busy || !file}>
          {t('recon.importButton')}
        </button>
      </form>
      <ErrorText error={error ?? mappings.error} />
      {mapping && <MappingEditor provider={provider} mapping={mapping} onSaved={mappings.reload} />}
      {shown && <Results key={shown.importId} imported={shown} />}
      <h2>{t('recon.earlier')}</h2>
      {imports.value && imports.value.imports.length === 0 && <p className="muted">{t('recon.noImports')}</p>}
      {imports.value && imports.value.imports.length > 0 && (
        <div className="table-wrap">
          <table className="table" aria-label={t('recon.earlier')}>
            <Head columns={[t('col.provider'), t('recon.days'), t('recon.file'), t('recon.by')]} actions />
            <tbody>
              {imports.value.imports.map((i) => (
                <tr key={i.importId}>
                  <td>{providerName(t, i.provider)}</td>
                  <td>
                    {i.from} – {i.to}
                  </td>
                  <td>
                    {i.fileName} <span className="muted">({t('recon.lines', { count: i.lines })})</span>
                  </td>
                  <td>
                    {i.importedBy} <When at={i.importedAt} storeId={null} />
                  </td>
                  <td>
                    <button type="button" className="small" onClick={() => setShown(i)} aria-label={t('recon.openImport', { file: i.fileName })}>
                      {t('recon.open')}
                    </button>
                  </td>
                </tr>
              ))}
            </tbody>
          </table>
        </div>
      )}
    </section>
  )
}
