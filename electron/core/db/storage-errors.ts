import { TillError } from '../../../shared/errors'

/** Whether an error means the disk refused a write (full, or failing), rather than a bug. */
export function isStorageFailure(error: unknown): boolean {
  const code = error && typeof error === 'object' && 'code' in error ? String((error as { code: unknown }).code) : ''
  return code === 'SQLITE_FULL' || code.startsWith('SQLITE_IOERR') || code === 'ENOSPC' || code === 'SQLITE_READONLY'
}

export function storageFailed(requestId?: string): TillError {
  return new TillError(
    'storage_failed',
    "The till's disk is full or failing, so nothing new could be saved; what was saved before is safe. Free some disk space or call IT: the till carries on by itself once it can write again.",
    requestId === undefined ? {} : { requestId }
  )
}
