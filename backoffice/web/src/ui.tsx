import { useCallback, useEffect, useState } from 'react'
import { formatMoney, CurrencySchema } from '../../../shared/money'
import { formatInstant } from '../../../shared/time'
import { CallError } from './api'
import { errorSentence, useT, type MessageKey, type Translate } from './i18n'
import { useSession, zoneOf } from './session'

/** A failed call in words, with the request id to quote to support. */
export function ErrorText(props: { error: unknown }) {
  const t = useT()
  const language = useSession((state) => state.language)
  if (props.error === null || props.error === undefined) return null
  const error = props.error instanceof CallError ? props.error : new CallError('internal', String(props.error), null)
  return (
    <div className="notice notice-error" role="alert">
      <p>{errorSentence(language, error.code, error.params)}</p>
      {error.requestId && <p className="muted">{t('error.requestId', { id: error.requestId })}</p>}
    </div>
  )
}

/** Loads what a screen shows, again whenever its inputs change; `reload` after a change. */
export function useLoad<T>(load: () => Promise<T>, inputs: readonly unknown[]): { value: T | null; error: unknown; loading: boolean; reload: () => void } {
  const [state, setState] = useState<{ value: T | null; error: unknown; loading: boolean }>({ value: null, error: null, loading: true })
  const [round, setRound] = useState(0)
  const run = useCallback(load, inputs)
  useEffect(() => {
    let current = true
    setState((s) => ({ ...s, loading: true }))
    run().then(
      (value) => current && setState({ value, error: null, loading: false }),
      (error: unknown) => current && setState({ value: null, error, loading: false })
    )
    return () => {
      current = false
    }
  }, [run, round])
  const reload = useCallback(() => setRound((n) => n + 1), [])
  return { ...state, reload }
}

export function Money(props: { amount: number | null; currency: string | null }) {
  const language = useSession((state) => state.language)
  const currency = CurrencySchema.safeParse(props.currency)
  if (props.amount === null || !currency.success) return <span className="muted">—</span>
  return <span className="money">{formatMoney({ amount: props.amount, currency: currency.data }, language)}</span>
}

/** A UTC instant in a store's own time zone. */
export function When(props: { at: string | null; storeId: string | null }) {
  const language = useSession((state) => state.language)
  const me = useSession((state) => state.me)
  if (!props.at) return <span className="muted">—</span>
  return <time dateTime={props.at}>{formatInstant(props.at, zoneOf(me, props.storeId), language)}</time>
}

const providerKeys: Record<string, MessageKey> = { gotit: 'provider.gotit', hubble: 'provider.hubble', vipps: 'provider.vipps', juspay: 'provider.juspay' }
const kindKeys: Record<string, MessageKey> = { redemption: 'kind.redemption', gift_sale: 'kind.gift_sale', receipt: 'kind.receipt', refund: 'kind.refund', mandate_revoke: 'kind.mandate_revoke' }
const statusKeys: Record<string, MessageKey> = { open: 'status.open', done: 'status.done', failed: 'status.failed', review: 'status.review', reversed: 'status.reversed' }

/** A provider, kind or status in words; a word a newer till sends that this page does not know is shown as it is. */
export const providerName = (t: Translate, provider: string): string => (providerKeys[provider] ? t(providerKeys[provider]) : provider)
export const kindName = (t: Translate, kind: string): string => (kindKeys[kind] ? t(kindKeys[kind]) : kind)
export const statusName = (t: Translate, status: string): string => (statusKeys[status] ? t(statusKeys[status]) : status)
export const providers = Object.keys(providerKeys)
export const statuses = Object.keys(statusKeys)

/** The store picker's choice, or every store the account sees. */
export function storeName(storeId: string | null): string {
  const me = useSession.getState().me
  return me?.stores.find((s) => s.storeId === storeId)?.name ?? storeId ?? ''
}

/** Today in a time zone, YYYY-MM-DD. */
export function todayIn(timeZone: string): string {
  return new Intl.DateTimeFormat('en-CA', { timeZone, year: 'numeric', month: '2-digit', day: '2-digit' }).format(new Date())
}

/** A column of a table's head: its words, right-aligned when it holds numbers. */
export type Column = string | { label: string; num: true }

/** A table's head row; `actions` adds the last column, named for screen readers only, that holds each row's buttons. */
export function Head(props: { columns: readonly Column[]; actions?: boolean }) {
  const t = useT()
  return (
    <thead>
      <tr>
        {props.columns.map((column, i) =>
          typeof column === 'string' ? (
            <th key={i} scope="col">
              {column}
            </th>
          ) : (
            <th key={i} scope="col" className="num">
              {column.label}
            </th>
          )
        )}
        {props.actions && (
          <th scope="col">
            <span className="visually-hidden">{t('ops.actions')}</span>
          </th>
        )}
      </tr>
    </thead>
  )
}

export const num = (label: string): Column => ({ label, num: true })
