import { createCore, type Core, type CoreOptions } from '../../electron/core/core'
import type { DispatchLog } from '../../electron/core/dispatch'
import { afterEach } from 'vitest'

export interface RecordingLog extends DispatchLog {
  entries: { message: string; detail: Record<string, unknown> }[]
}

export function recordingLog(): RecordingLog {
  const entries: RecordingLog['entries'] = []
  return { entries, error: (message, detail) => entries.push({ message, detail }) }
}

/** Real cores on real SQLite files, closed after each test. */
export function useCores(): (options: Partial<CoreOptions> & { dataDir: string }) => Core {
  const open: Core[] = []
  afterEach(() => {
    for (const core of open.splice(0)) core.close()
  })
  return (options) => {
    const core = createCore({ host: 'web', version: '0.0.0-test', log: recordingLog(), ...options })
    open.push(core)
    return core
  }
}
