import type { JournalItem } from '../../../shared/domain/journal'
import type { JournalOperation } from './journal-operation'
import { toJournalItem, type JournalRow } from './journal-store'
import type { OperationHandler } from './worker'

/** Every journal operation the provider modules own, by name. */
export class OperationRegistry {
  private readonly operations = new Map<string, JournalOperation>()

  add(name: string, operation: JournalOperation): void {
    if (this.operations.has(name)) throw new Error(`Two modules define the journal operation "${name}".`)
    this.operations.set(name, operation)
  }

  get(name: string): JournalOperation | undefined {
    return this.operations.get(name)
  }

  handler(name: string): OperationHandler | undefined {
    return this.operations.get(name)?.handler
  }

  /** A row as the Queue shows it, named by its module. */
  item(row: JournalRow, amount: JournalItem['amount'] = null): JournalItem {
    const label = this.operations.get(row.operation)?.label
    return toJournalItem(row, label ? { en: label.en, vi: label.vi } : undefined, amount)
  }
}
