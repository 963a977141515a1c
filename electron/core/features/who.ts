import { TillError } from '../../../shared/errors'
import type { StaffSummary } from '../../../shared/domain/staff'

/** The caller of a staff or manager channel; the dispatcher has already checked them. */
export function who(actor: StaffSummary | null): StaffSummary {
  if (!actor) throw new TillError('unauthenticated', 'Nobody is signed in to the till.')
  return actor
}
