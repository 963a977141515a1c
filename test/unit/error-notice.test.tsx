// @vitest-environment happy-dom
import { fireEvent, render, screen } from '@testing-library/react'
import { describe, expect, it } from 'vitest'
import { ErrorNotice, sentenceOf } from '../../renderer/src/ui/ErrorNotice'
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

  it('says the reason first, naming the provider, and what to do next, in the cashier language', () => {
    const sentence = (params: Record<string, string>, language: 'en' | 'vi' = 'en') => sentenceOf({ code: 'provider_unreachable', message: 'x', params }, translator(language))
    expect(sentence({ reason: 'unreachable', provider: 'Got It' })).toMatch(/^Got It could not be reached, so nothing was changed there\. Check the till’s network/)
    expect(sentence({ reason: 'not_set_up', provider: 'Got It', missing: 'Missing store PIN.' })).toMatch(/^Got It is not set up yet \(Missing store PIN\.\).*Settings → Providers/)
    expect(sentence({ reason: 'unreachable', provider: 'Got It' }, 'vi')).toMatch(/^Không kết nối được Got It/)
    expect(sentenceOf({ code: 'conflict', message: 'x', params: { reason: 'last_manager' } }, translator('en'))).toMatch(/^This is the only active manager/)
    // A reason the screen has no words for falls back to the code's sentence.
    expect(sentence({ reason: 'something_new' })).toBe(translator('en')('error.provider_unreachable'))
  })
})
