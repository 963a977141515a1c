import { useState, type FormEvent } from 'react'
import type { TillErrorData } from '../../../../shared/errors'
import { randomId } from '../../client/random-id'

/** The two PINs typed differ: said on the screen, nothing is sent. */
export function pinsDiffer(): TillErrorData {
  return { code: 'invalid_input', message: 'The two PINs are not the same.', requestId: randomId(), params: { reason: 'pins_differ' } }
}

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
