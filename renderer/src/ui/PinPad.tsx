/** Digits for a finger on a touch screen, feeding the PIN field beside it. */
export function PinPad(props: { value: string; onChange(value: string): void; clearLabel: string; backLabel: string; padLabel: string }) {
  const press = (digit: string): void => {
    if (props.value.length < 12) props.onChange(props.value + digit)
  }
  const keys = ['1', '2', '3', '4', '5', '6', '7', '8', '9']
  return (
    <div className="pin-pad" role="group" aria-label={props.padLabel}>
      {keys.map((digit) => (
        <button key={digit} type="button" onClick={() => press(digit)}>
          {digit}
        </button>
      ))}
      <button type="button" aria-label={props.clearLabel} onClick={() => props.onChange('')}>
        C
      </button>
      <button type="button" onClick={() => press('0')}>
        0
      </button>
      <button type="button" aria-label={props.backLabel} onClick={() => props.onChange(props.value.slice(0, -1))}>
        ⌫
      </button>
    </div>
  )
}
