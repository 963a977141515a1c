import { useState } from 'react'
import { useApp, useT } from '../../app/till-context'
import { AuditPanel } from './AuditPanel'
import { BackofficePanel } from '../backoffice/BackofficePanel'
import { ProviderSettingsPanel } from './ProviderSettingsPanel'
import { StaffPanel } from './StaffPanel'
import { StoreSettings } from './StoreSettings'

const tabs = ['store', 'providers', 'staff', 'audit', 'backoffice'] as const
type Tab = (typeof tabs)[number]

/** Managers only: the core refuses the channels to anyone else, and the screen says so first. */
export function SettingsScreen() {
  const t = useT()
  const role = useApp((state) => state.auth?.session?.staff.role)
  const [tab, setTab] = useState<Tab>('store')
  if (role !== 'manager') {
    return (
      <section aria-labelledby="settings-title" className="screen">
        <h1 id="settings-title">{t('settings.title')}</h1>
        <p className="notice notice-error" role="alert">
          {t('settings.managersOnly')}
        </p>
      </section>
    )
  }
  return (
    <section aria-labelledby="settings-title" className="screen screen-wide">
      <h1 id="settings-title">{t('settings.title')}</h1>
      <div role="tablist" aria-label={t('settings.title')} className="tabs">
        {tabs.map((id) => (
          <button key={id} type="button" role="tab" aria-selected={tab === id} onClick={() => setTab(id)}>
            {t(`settings.tab.${id}`)}
          </button>
        ))}
      </div>
      <div role="tabpanel">
        {tab === 'store' && <StoreSettings />}
        {tab === 'providers' && <ProviderSettingsPanel />}
        {tab === 'staff' && <StaffPanel />}
        {tab === 'audit' && <AuditPanel />}
        {tab === 'backoffice' && <BackofficePanel />}
      </div>
    </section>
  )
}
