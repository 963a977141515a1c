import { resolve } from 'node:path'

/** `TILL_DATA_DIR` wins; otherwise the host's own default (the OS app-data folder under Electron). */
export function resolveDataDir(env: NodeJS.ProcessEnv, hostDefault: string): string {
  const fromEnv = env['TILL_DATA_DIR']?.trim()
  return resolve(fromEnv && fromEnv.length > 0 ? fromEnv : hostDefault)
}

export const DATABASE_FILE = 'till.sqlite'
