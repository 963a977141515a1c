import { useState } from 'react'
import { languages } from '../../../shared/domain/preferences'
import type { TillErrorData } from '../../../shared/errors'
import { ErrorNotice } from '../ui/ErrorNotice'
import { useApp, useT } from './till-context'

export function LanguageSwitch() {
  const t = useT()
  const current = useApp((state) => state.preferences.language)
  const setLanguage = useApp((state) => state.setLanguage)
  const [error, setError] = useState<TillErrorData | null>(null)
  return (
    <div className="language-switch" role="group" aria-label={t('language.label')}>
      {languages.map((language) => (
        <button key={language} type="button" lang={language} aria-pressed={current === language} onClick={() => void setLanguage(language).then(setError)}>
          {t(`language.${language}`)}
        </button>
      ))}
      {error !== null && <ErrorNotice error={error} t={t} />}
    </div>
  )
}
