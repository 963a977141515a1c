import { forwardRef } from 'react'

/** A masked field for digits; Enter submits the form it sits in. */
export const PinField = forwardRef<HTMLInputElement, { id: string; label: string; value: string; onChange(value: string): void; autoFocus?: boolean }>(function PinField(props, ref) {
  return (
    <>
      <label htmlFor={props.id}>{props.label}</label>
      <input
        ref={ref}
        id={props.id}
        type="password"
        inputMode="numeric"
        autoComplete="off"
        maxLength={12}
        value={props.value}
        onChange={(event) => props.onChange(event.target.value.replace(/\D/g, ''))}
        autoFocus={props.autoFocus}
      />
    </>
  )
})
