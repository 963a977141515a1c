import { useId, useMemo } from 'react'
import { useApp } from '../app/till-context'
import { PinField } from './PinField'
import { PinPad } from './PinPad'

/** A manager approves at the till without taking it over: their name from the till's managers, and their PIN. */
export function ManagerApproval(props: {
  managerLabel: string
  pinLabel: string
  managerId: string
  onManager: (id: string) => void
  pin: string
  onPin: (pin: string) => void
  /** The PIN pad's words: a manager at a touch till types the PIN with a finger, as at sign-in. */
  pad: { padLabel: string; clearLabel: string; backLabel: string }
}) {
  const id = useId()
  const choices = useApp((state) => state.signInChoices)
  // Filtered here, not in the selector: a selector must not build a new array on every render.
  const managers = useMemo(() => choices.filter((person) => person.role === 'manager'), [choices])
  return (
    <>
      <label htmlFor={`${id}-manager`}>{props.managerLabel}</label>
      <select id={`${id}-manager`} value={props.managerId} onChange={(event) => props.onManager(event.target.value)}>
        {managers.map((manager) => (
          <option key={manager.id} value={manager.id}>
            {manager.name}
          </option>
        ))}
      </select>
      <PinField id={`${id}-pin`} label={props.pinLabel} value={props.pin} onChange={props.onPin} />
      <PinPad value={props.pin} onChange={props.onPin} padLabel={props.pad.padLabel} clearLabel={props.pad.clearLabel} backLabel={props.pad.backLabel} />
    </>
  )
}

/** The first manager on the till, to preselect. */
export function useFirstManagerId(): string {
  return useApp((state) => state.signInChoices.find((person) => person.role === 'manager')?.id ?? '')
}
