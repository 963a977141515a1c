import type { Language } from '../../../shared/domain/preferences'
import type { StaffSummary } from '../../../shared/domain/staff'
import type { JournalRow } from './journal-store'
import type { OperationHandler } from './worker'

/** A kind of journal row a module owns: how it is sent and verified, what the Queue calls it, and what a manager's settlement changes. */
export interface JournalOperation {
  label: Record<Language, string>
  handler: OperationHandler
  /**
   * A manager settled the row by hand; update the module's own records (a bill, an order), in
   * the same transaction as the journal move.
   */
  settleByHand(row: JournalRow, outcome: 'succeeded' | 'rejected', actor: StaffSummary): void
}
