import { useId, useState } from 'react'
import type { JobResult } from '../../../../shared/domain/receipts'
import type { TillErrorData } from '../../../../shared/errors'
import { useTillClient } from '../../app/till-context'
import type { Translate } from '../../i18n/i18n'
import { ErrorNotice } from '../../ui/ErrorNotice'

const kinds = ['RECEIPT', 'ORDER_CONFIRMATION', 'DELIVERY', 'TICKET', 'BOOKING', 'GENERAL'] as const
type Kind = (typeof kinds)[number]

/** A file as the base64 the contract takes, without the `data:…;base64,` head. */
function base64Of(file: File): Promise<string> {
  return new Promise((resolve, reject) => {
    const reader = new FileReader()
    reader.onload = () => resolve(String(reader.result).replace(/^data:[^,]*,/, ''))
    reader.onerror = () => reject(reader.error ?? new Error('The file could not be read'))
    reader.readAsDataURL(file)
  })
}

function jobSentence(job: JobResult, t: Translate, what: 'category' | 'image'): string {
  if (job.state === 'done') return what === 'category' ? t('receipts.categorySet') : t('receipts.imageUploaded', { id: job.imageId ?? '' })
  if (job.state === 'refused') return t('receipts.jobRefused', { why: [job.problem?.title, job.problem?.detail].filter(Boolean).join(': ') })
  return t(`receipts.job.${job.state}`)
}

/** Sets or replaces a payment's category with its link, and uploads an image for it to show. */
export function CategoryForm(props: { t: Translate; paymentType: 'ECOM' | 'RECURRING'; orderId: string; linkTemplate: string | null; onDone: () => void }) {
  const { t } = props
  const id = useId()
  const client = useTillClient()
  const [kind, setKind] = useState<Kind>('RECEIPT')
  const [link, setLink] = useState('')
  const [useImage, setUseImage] = useState(true)
  const [image, setImage] = useState<JobResult | null>(null)
  const [job, setJob] = useState<JobResult | null>(null)
  const [error, setError] = useState<TillErrorData | null>(null)
  const [busy, setBusy] = useState(false)
  const templated = props.linkTemplate ? props.linkTemplate.replace('{orderId}', encodeURIComponent(props.orderId)) : ''
  const url = link.trim() || templated
  const imageId = useImage && image?.state === 'done' ? image.imageId : null

  const upload = async (file: File | undefined): Promise<void> => {
    if (!file) return
    setBusy(true)
    try {
      const result = await client.call('receipts:image', { base64: await base64Of(file) })
      setImage(result.ok ? result.value : null)
      setError(result.ok ? null : result.error)
    } finally {
      setBusy(false)
    }
  }
  const send = async (): Promise<void> => {
    setBusy(true)
    try {
      const result = await client.call('receipts:category', { paymentType: props.paymentType, orderId: props.orderId, category: kind, orderDetailsUrl: url, imageId })
      setJob(result.ok ? result.value : null)
      setError(result.ok ? null : result.error)
      if (result.ok && result.value.state === 'done') props.onDone()
    } finally {
      setBusy(false)
    }
  }

  return (
    <form
      className="form"
      aria-label={t('receipts.setCategory')}
      onSubmit={(event) => {
        event.preventDefault()
        void send()
      }}
    >
      <h2>{t('receipts.setCategory')}</h2>
      <label htmlFor={`${id}-kind`}>{t('receipts.categoryKind')}</label>
      <select id={`${id}-kind`} value={kind} onChange={(event) => setKind(kinds.find((k) => k === event.target.value) ?? 'GENERAL')}>
        {kinds.map((k) => (
          <option key={k} value={k}>
            {t(`receipts.kind.${k}`)}
          </option>
        ))}
      </select>
      <label htmlFor={`${id}-link`}>{t('receipts.link')}</label>
      <input id={`${id}-link`} type="url" value={link || templated} onChange={(event) => setLink(event.target.value)} autoComplete="off" />
      <label htmlFor={`${id}-image`}>{t('receipts.imageFile')}</label>
      <input id={`${id}-image`} type="file" accept="image/png,image/jpeg" disabled={busy} onChange={(event) => void upload(event.target.files?.[0])} />
      <p className="hint">{t('receipts.imageHint')}</p>
      {image && (
        <p className={`notice ${image.state === 'done' ? 'notice-ok' : 'notice-warn'}`} role="status" data-testid="vipps-image-status">
          {jobSentence(image, t, 'image')}
        </p>
      )}
      {image?.state === 'done' && (
        <label>
          <input type="checkbox" checked={useImage} onChange={(event) => setUseImage(event.target.checked)} /> {t('receipts.useImage')}
        </label>
      )}
      <button type="submit" disabled={busy || url === ''}>
        {t('receipts.setCategory')}
      </button>
      {job && (
        <p className={`notice ${job.state === 'done' ? 'notice-ok' : 'notice-warn'}`} role="status" data-testid="vipps-category-status">
          {jobSentence(job, t, 'category')}
        </p>
      )}
      {error && <ErrorNotice error={error} t={t} />}
    </form>
  )
}
