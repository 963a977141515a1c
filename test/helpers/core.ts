import { createCore, type Core, type CoreOptions } from '../../electron/core/core'
import type { Logger } from '../../electron/core/log/logger'
import type { Result } from '../../shared/ipc/result'
import { afterEach, expect } from 'vitest'

export interface RecordingLog extends Logger {
  /** The errors logged, in order. */
  entries: { message: string; detail: Record<string, unknown> }[]
}

/** A log that keeps errors for the test to read instead of writing a file. */
export function recordingLog(): RecordingLog {
  const entries: RecordingLog['entries'] = []
  return {
    entries,
    info: () => undefined,
    warn: () => undefined,
    error: (message, detail) => void entries.push({ message, detail: detail ?? {} }),
    close: () => Promise.resolve()
  }
}

/** Cheap scrypt for tests: the same code path, a fraction of the work. */
export const TEST_SCRYPT_COST = { N: 1024, r: 8, p: 1 }

/** Real cores on real SQLite files, closed after each test. */
export function useCores(): (options: Partial<CoreOptions> & { dataDir: string }) => Core {
  const open: Core[] = []
  afterEach(async () => {
    for (const core of open.splice(0)) await core.close()
  })
  return (options) => {
    const core = createCore({ host: 'web', version: '0.0.0-test', logger: recordingLog(), scryptCost: TEST_SCRYPT_COST, ...options })
    open.push(core)
    return core
  }
}

/** The value of a successful result; fails the test with the error otherwise. */
export function valueOf<T>(result: Result<T>): T {
  if (!result.ok) expect.fail(`expected success, got ${result.error.code}: ${result.error.message}`)
  return result.value
}

export function errorOf(result: Result<unknown>): { code: string; message: string; params?: Record<string, string | number> } {
  if (result.ok) expect.fail('expected an error, got success')
  return result.error
}

export const MANAGER_PIN = '4826'
export const CASHIER_PIN = '7391'

/** A till with a first manager (signed in) and a cashier. */
export async function staffedTill(core: Core): Promise<{ managerId: string; cashierId: string }> {
  const session = valueOf(await core.call('auth:setup', { name: 'Mai Manager', pin: MANAGER_PIN }))
  const cashier = valueOf(await core.call('staff:add', { name: 'Cuong Cashier', role: 'cashier', pin: CASHIER_PIN })) as { id: string }
  return { managerId: (session as { staff: { id: string } }).staff.id, cashierId: cashier.id }
}
