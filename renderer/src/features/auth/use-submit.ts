import { useState, type FormEvent } from 'react'
import type { TillErrorData } from '../../../../shared/errors'

/** Runs a form action once at a time and keeps the error it returned. */
export function useSubmit(action: () => Promise<TillErrorData | null>) {
  const [error, setError] = useState<TillErrorData | null>(null)
  const [busy, setBusy] = useState(false)
  const onSubmit = (event: FormEvent): void => {
    event.preventDefault()
    if (busy) return
    setBusy(true)
    void action().then((result) => {
      setError(result)
      setBusy(false)
    })
  }
  return { error, busy, onSubmit, setError }
}
