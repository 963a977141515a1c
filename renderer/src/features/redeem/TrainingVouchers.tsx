import { useEffect } from 'react'
import { useT, useTillClient } from '../../app/till-context'
import type { MessageKey } from '../../i18n/i18n'
import { useChannel } from '../settings/use-channel'

/** In training mode: simulator vouchers, one per state, that fill the code field when picked. */
export function TrainingVouchers(props: { onPick(code: string): void }) {
  const t = useT()
  const client = useTillClient()
  const { value, reload } = useChannel('training:vouchers', {})
  useEffect(() => client.subscribe('redeem:changed', () => void reload()), [client, reload])
  if (!value || value.length === 0) return null
  return (
    <details className="training-vouchers" open>
      <summary>{t('training.vouchersTitle')}</summary>
      <ul>
        {value.map((voucher) => (
          <li key={voucher.code}>
            <button
              type="button"
              className="link-button"
              onClick={() => {
                props.onPick(voucher.code)
                document.querySelector<HTMLInputElement>('.code-field input')?.focus()
              }}
            >
              <span className="code">{voucher.code}</span> {t(`training.voucher.${voucher.name}` as MessageKey)}
            </button>
          </li>
        ))}
      </ul>
      <button type="button" className="link-button" onClick={() => void client.call('training:reset', {}).then(() => reload())}>
        {t('training.reset')}
      </button>
    </details>
  )
}
