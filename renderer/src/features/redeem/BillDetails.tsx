import { useEffect, useId, useRef } from 'react'
import type { SkuLine } from '../../../../shared/domain/redeem'
import type { Translate } from '../../i18n/i18n'

/** Optional bill total and SKU lines, which conditional vouchers need. */
export function BillDetails(props: { t: Translate; total: string; skus: SkuLine[]; open: boolean; onTotal(total: string): void; onSkus(skus: SkuLine[]): void }) {
  const { t, skus } = props
  const id = useId()
  const details = useRef<HTMLDetailsElement>(null)
  // Opened when a voucher needs the bill's items; never closed under the cashier's hands.
  useEffect(() => {
    if (props.open && details.current) details.current.open = true
  }, [props.open])
  const change = (index: number, patch: Partial<SkuLine>): void => props.onSkus(skus.map((line, i) => (i === index ? { ...line, ...patch } : line)))
  return (
    <details className="bill-details" ref={details}>
      <summary>{t('redeem.billDetails')}</summary>
      <label htmlFor={`${id}-total`}>{t('redeem.billTotal')}</label>
      <input id={`${id}-total`} inputMode="numeric" value={props.total} onChange={(event) => props.onTotal(event.target.value.replace(/\D/g, ''))} />
      <table className="table sku-table" aria-label={t('redeem.skuLines')}>
        <thead>
          <tr>
            <th scope="col">{t('redeem.sku')}</th>
            <th scope="col">{t('redeem.quantity')}</th>
            <th scope="col">{t('redeem.price')}</th>
            <th />
          </tr>
        </thead>
        <tbody>
          {skus.map((line, index) => (
            <tr key={index}>
              <td>
                <input aria-label={`${t('redeem.sku')} ${index + 1}`} value={line.sku} onChange={(event) => change(index, { sku: event.target.value.trim() })} />
              </td>
              <td>
                <input
                  aria-label={`${t('redeem.quantity')} ${index + 1}`}
                  inputMode="numeric"
                  value={String(line.quantity)}
                  onChange={(event) => change(index, { quantity: Math.max(1, Number(event.target.value.replace(/\D/g, '')) || 1) })}
                />
              </td>
              <td>
                <input
                  aria-label={`${t('redeem.price')} ${index + 1}`}
                  inputMode="numeric"
                  value={String(line.price)}
                  onChange={(event) => change(index, { price: Number(event.target.value.replace(/\D/g, '')) || 0 })}
                />
              </td>
              <td>
                <button type="button" className="link-button" aria-label={t('redeem.removeLine', { n: index + 1 })} onClick={() => props.onSkus(skus.filter((_, i) => i !== index))}>
                  ✕
                </button>
              </td>
            </tr>
          ))}
        </tbody>
      </table>
      <button type="button" onClick={() => props.onSkus([...skus, { sku: '', quantity: 1, price: 0 }])}>
        {t('redeem.addLine')}
      </button>
    </details>
  )
}
