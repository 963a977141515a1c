import { useId, useState } from 'react'
import type { TillErrorData } from '../../../shared/errors'
import { isMessageKey, type Translate } from '../i18n/i18n'
import { useRevealed } from './use-revealed'

/** The most specific sentence there is: the error's reason when the screen has words for it, else its code's. */
export function sentenceOf(error: TillErrorData, t: Translate): string {
  const reason = error.params?.['reason']
  const key = typeof reason === 'string' ? `reason.${reason}` : ''
  if (isMessageKey(key)) return t(key, error.params)
  // What the core found wrong, when it said (a PIN too easy to guess, say): there is nothing highlighted to point at.
  if (error.code === 'invalid_input' && typeof error.params?.['detail'] === 'string') return t('error.invalid_input_detail', error.params)
  return t(`error.${error.code}`, error.params)
}

/**
 * A failed call shown as a sentence in the cashier's language. The technical message and the
 * request id sit behind a toggle, for support.
 */
export function ErrorNotice(props: { error: TillErrorData; t: Translate }) {
  const [open, setOpen] = useState(false)
  const detailsId = useId()
  const { error, t } = props
  const shown = useRevealed<HTMLDivElement>(`${error.code}|${error.requestId ?? ''}|${error.message}`)
  return (
    <div className="notice notice-error" role="alert" ref={shown}>
      <p>{sentenceOf(error, t)}</p>
      <button type="button" className="link-button" aria-expanded={open} aria-controls={detailsId} onClick={() => setOpen(!open)}>
        {open ? t('error.hideDetails') : t('error.details')}
      </button>
      {open && (
        <dl id={detailsId} className="error-details">
          <dt>{t('error.code')}</dt>
          <dd>{error.code}</dd>
          <dt>{t('error.message')}</dt>
          <dd>{error.message}</dd>
          {error.requestId !== undefined && (
            <>
              <dt>{t('error.requestId')}</dt>
              <dd data-testid="request-id">{error.requestId}</dd>
            </>
          )}
        </dl>
      )}
    </div>
  )
}
