import { useId, useState } from 'react'
import type { Role, StaffMember } from '../../../../shared/domain/staff'
import type { TillErrorData } from '../../../../shared/errors'
import type { Result } from '../../../../shared/ipc/result'
import { useT, useTillClient } from '../../app/till-context'
import { ErrorNotice } from '../../ui/ErrorNotice'
import { PinField } from '../../ui/PinField'
import { pinsDiffer, useSubmit } from '../auth/use-submit'
import { useChannel } from './use-channel'

function AddStaffForm(props: { onAdded(): void }) {
  const t = useT()
  const client = useTillClient()
  const [name, setName] = useState('')
  const [role, setRole] = useState<Role>('cashier')
  const [pin, setPin] = useState('')
  const [again, setAgain] = useState('')
  const id = useId()
  const { error, busy, onSubmit } = useSubmit(async () => {
    if (pin !== again) return pinsDiffer()
    const result = await client.call('staff:add', { name, role, pin })
    if (!result.ok) return result.error
    setName('')
    setPin('')
    setAgain('')
    props.onAdded()
    return null
  })
  return (
    <form className="form" onSubmit={onSubmit} aria-labelledby={`${id}-title`}>
      <h3 id={`${id}-title`}>{t('staff.add')}</h3>
      <label htmlFor={`${id}-name`}>{t('staff.name')}</label>
      <input id={`${id}-name`} value={name} onChange={(event) => setName(event.target.value)} autoComplete="off" />
      <label htmlFor={`${id}-role`}>{t('staff.role')}</label>
      <select id={`${id}-role`} value={role} onChange={(event) => setRole(event.target.value as Role)}>
        <option value="cashier">{t('role.cashier')}</option>
        <option value="manager">{t('role.manager')}</option>
      </select>
      <PinField id={`${id}-pin`} label={t('auth.newPin')} value={pin} onChange={setPin} />
      <PinField id={`${id}-again`} label={t('auth.repeatPin')} value={again} onChange={setAgain} />
      <p className="hint">{t('auth.pinRules')}</p>
      <button type="submit" disabled={busy}>
        {t('staff.addButton')}
      </button>
      {error && <ErrorNotice error={error} t={t} />}
    </form>
  )
}

/** `lastManager`: the only active manager, who cannot be disabled (the core refuses it too), so it is not offered. */
function StaffRow(props: { member: StaffMember; lastManager: boolean; onChanged(): void; onError(error: TillErrorData | null): void }) {
  const t = useT()
  const client = useTillClient()
  const { member } = props
  const [newPin, setNewPin] = useState<string | null>(null)
  const id = useId()
  const run = async (pending: Promise<Result<unknown>>): Promise<void> => {
    const result = await pending
    props.onError(result.ok ? null : result.error)
    if (result.ok) {
      setNewPin(null)
      props.onChanged()
    }
  }
  return (
    <tr>
      <th scope="row">{member.name}</th>
      <td>{t(`role.${member.role}`)}</td>
      <td data-testid={`status-${member.name}`}>{t(`staff.status.${member.status}`)}</td>
      <td className="actions">
        {member.status === 'locked' && (
          <button type="button" onClick={() => void run(client.call('staff:unlock', { staffId: member.id }))}>
            {t('staff.unlock', { name: member.name })}
          </button>
        )}
        {!props.lastManager && (
          <button type="button" onClick={() => void run(client.call('staff:setDisabled', { staffId: member.id, disabled: member.status !== 'disabled' }))}>
            {member.status === 'disabled' ? t('staff.enable', { name: member.name }) : t('staff.disable', { name: member.name })}
          </button>
        )}
        {newPin === null ? (
          <button type="button" onClick={() => setNewPin('')}>
            {t('staff.resetPin', { name: member.name })}
          </button>
        ) : (
          <form
            className="inline-form"
            onSubmit={(event) => {
              event.preventDefault()
              void run(client.call('staff:resetPin', { staffId: member.id, pin: newPin }))
            }}
          >
            <PinField id={`${id}-pin`} label={t('auth.newPin')} value={newPin} onChange={setNewPin} autoFocus />
            <button type="submit">{t('settings.save')}</button>
          </form>
        )}
      </td>
    </tr>
  )
}

export function StaffPanel() {
  const t = useT()
  const { value, error, reload } = useChannel('staff:list', {})
  const [actionError, setActionError] = useState<TillErrorData | null>(null)
  return (
    <section aria-labelledby="staff-title">
      <h2 id="staff-title">{t('staff.title')}</h2>
      {error && <ErrorNotice error={error} t={t} />}
      {actionError && <ErrorNotice error={actionError} t={t} />}
      <table className="table">
        <thead>
          <tr>
            <th scope="col">{t('staff.name')}</th>
            <th scope="col">{t('staff.role')}</th>
            <th scope="col">{t('staff.statusLabel')}</th>
            <th scope="col">{t('staff.actions')}</th>
          </tr>
        </thead>
        <tbody>
          {value?.map((member) => (
            <StaffRow
              key={member.id}
              member={member}
              lastManager={member.role === 'manager' && member.status !== 'disabled' && value.filter((m) => m.role === 'manager' && m.status !== 'disabled').length === 1}
              onChanged={() => void reload()}
              onError={setActionError}
            />
          ))}
        </tbody>
      </table>
      <AddStaffForm onAdded={() => void reload()} />
    </section>
  )
}
