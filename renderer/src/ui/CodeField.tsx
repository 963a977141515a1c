import { useEffect, useId, useRef, useState, type KeyboardEvent } from 'react'
import { normalizeCode } from '../../../shared/domain/voucher-code'
import { useScans } from './scan-detector'

export interface CodeFieldProps {
  label: string
  hint: string
  submitLabel: string
  /** Returns the problem to show, or null when the code was taken; the field then clears. */
  onSubmit(code: string): string | null
  autoFocus?: boolean
  /** Controlled use: the owner holds the text (to fill it from a list, say). */
  value?: string
  onValueChange?(value: string): void
  /** Whenever this changes (an answer came, the language changed), the field takes the focus back. */
  focusSignal?: string
  /** Takes every scan on the page, wherever the focus is (the field another scan typed into keeps what it held). */
  captureScans?: boolean
  /** What a code looks like, so that a scan whose first key came late is still taken whole. */
  plausibleCode?(code: string): boolean
}

/**
 * A field for codes that a barcode scanner "types" followed by Enter. It keeps focus after each
 * code so the next scan lands in it, and ignores the spaces that scanners and people add.
 */
export function CodeField(props: CodeFieldProps) {
  const [ownValue, setOwnValue] = useState('')
  const value = props.value ?? ownValue
  const setValue = (next: string): void => (props.onValueChange ? props.onValueChange(next) : setOwnValue(next))
  const [problem, setProblem] = useState<string | null>(null)
  const input = useRef<HTMLInputElement>(null)
  const id = useId()

  const submitCode = (code: string): void => {
    const outcome = props.onSubmit(normalizeCode(code))
    setProblem(outcome)
    // Cleared either way: the next scan must never be appended to a rejected one.
    setValue('')
    input.current?.focus()
  }
  const submit = (): void => submitCode(value)
  // A scan is the scanned code alone: never joined to text left in this field, never typed into another one.
  useScans(submitCode, props.captureScans === true, props.plausibleCode)

  useEffect(() => {
    if (props.focusSignal !== undefined) input.current?.focus()
  }, [props.focusSignal])

  const onKeyDown = (event: KeyboardEvent<HTMLInputElement>): void => {
    if (event.key === 'Enter') {
      event.preventDefault()
      submit()
    }
  }

  return (
    <div className="code-field">
      <label htmlFor={id}>{props.label}</label>
      <div className="code-field-row">
        <input
          ref={input}
          id={id}
          value={value}
          onChange={(event) => setValue(event.target.value)}
          onKeyDown={onKeyDown}
          autoFocus={props.autoFocus}
          autoComplete="off"
          autoCapitalize="off"
          spellCheck={false}
          inputMode="text"
          enterKeyHint="done"
          aria-describedby={`${id}-hint`}
          aria-invalid={problem !== null}
          aria-errormessage={problem === null ? undefined : `${id}-problem`}
        />
        <button type="button" onClick={submit}>
          {props.submitLabel}
        </button>
      </div>
      <p id={`${id}-hint`} className="hint">
        {props.hint}
      </p>
      {problem !== null && (
        <p id={`${id}-problem`} className="field-problem" role="alert">
          {problem}
        </p>
      )}
    </div>
  )
}
