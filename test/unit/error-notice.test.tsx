// @vitest-environment happy-dom
import { fireEvent, render, screen } from '@testing-library/react'
import { describe, expect, it } from 'vitest'
import { ErrorNotice } from '../../renderer/src/ui/ErrorNotice'
import { translator } from '../../renderer/src/i18n/i18n'

describe('ErrorNotice', () => {
  const error = { code: 'provider_unreachable' as const, message: 'connect ECONNREFUSED 127.0.0.1:443', requestId: 'req-42' }

  it('shows a sentence in the cashier language and keeps the technical details behind a toggle', () => {
    render(<ErrorNotice error={error} t={translator('vi')} />)
    expect(screen.getByRole('alert').textContent).toContain('Hiện không thể kết nối với nhà cung cấp')
    expect(screen.queryByText('req-42')).toBeNull()
    expect(screen.queryByText(/ECONNREFUSED/)).toBeNull()
    const toggle = screen.getByRole('button', { name: 'Chi tiết' })
    expect(toggle.getAttribute('aria-expanded')).toBe('false')
    fireEvent.click(toggle)
    expect(screen.getByTestId('request-id').textContent).toBe('req-42')
    expect(screen.getByText(/ECONNREFUSED/)).toBeTruthy()
    expect(screen.getByRole('button', { name: 'Ẩn chi tiết' }).getAttribute('aria-expanded')).toBe('true')
  })
})
