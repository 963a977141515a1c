// @vitest-environment happy-dom
import { fireEvent, render, screen } from '@testing-library/react'
import { describe, expect, it } from 'vitest'
import { CodeField } from '../../renderer/src/ui/CodeField'

function scan(input: HTMLElement, text: string): void {
  // A scanner types each character as a key press, then Enter.
  let value = ''
  for (const char of text) {
    value += char
    fireEvent.change(input, { target: { value } })
  }
  fireEvent.keyDown(input, { key: 'Enter' })
}

describe('CodeField', () => {
  it('takes a scanned code on Enter, clears itself and keeps focus for the next scan', () => {
    const taken: string[] = []
    render(<CodeField label="Voucher code" hint="Scan it" submitLabel="Add" onSubmit={(code) => (taken.push(code), null)} autoFocus />)
    const input = screen.getByLabelText('Voucher code') as HTMLInputElement
    expect(document.activeElement).toBe(input)
    scan(input, ' 0708 98022379')
    scan(input, '7132616187')
    expect(taken).toEqual(['070898022379', '7132616187'])
    expect(input.value).toBe('')
    expect(document.activeElement).toBe(input)
  })

  it('clears a refused scan so the next one never joins it, says why, and keeps the focus', () => {
    const taken: string[] = []
    render(<CodeField label="Voucher code" hint="Scan it" submitLabel="Add" onSubmit={(code) => (taken.push(code), code === '123' ? 'Code 123 is not a Got It code.' : null)} />)
    const input = screen.getByLabelText('Voucher code') as HTMLInputElement
    scan(input, '123')
    expect(input.value).toBe('')
    expect(screen.getByRole('alert').textContent).toBe('Code 123 is not a Got It code.')
    expect(input.getAttribute('aria-invalid')).toBe('true')
    expect(document.activeElement).toBe(input)
    scan(input, '1000000001')
    expect(taken).toEqual(['123', '1000000001'])
  })

  it('takes the focus back whenever its signal changes', () => {
    const { rerender } = render(<CodeField label="Voucher code" hint="Scan it" submitLabel="Add" onSubmit={() => null} focusSignal="a" />)
    const input = screen.getByLabelText('Voucher code')
    screen.getByRole('button', { name: 'Add' }).focus()
    rerender(<CodeField label="Voucher code" hint="Scan it" submitLabel="Add" onSubmit={() => null} focusSignal="b" />)
    expect(document.activeElement).toBe(input)
  })

  it('takes the code from the Add button as well', () => {
    const taken: string[] = []
    render(<CodeField label="Voucher code" hint="Scan it" submitLabel="Add" onSubmit={(code) => (taken.push(code), null)} />)
    fireEvent.change(screen.getByLabelText('Voucher code'), { target: { value: '1000000001' } })
    fireEvent.click(screen.getByRole('button', { name: 'Add' }))
    expect(taken).toEqual(['1000000001'])
  })
})
