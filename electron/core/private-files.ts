import { chmodSync, closeSync, existsSync, mkdirSync, openSync, readdirSync, statSync, writeFileSync } from 'node:fs'
import { join } from 'node:path'

/**
 * The data folder holds whole voucher codes, customers' contact details and PIN hashes, so on
 * POSIX it is the user's alone: the folder 0700, its files 0600. On Windows the folder is in the
 * user's own profile (`%APPDATA%`), which other users cannot read; modes mean nothing there.
 */
const POSIX = process.platform !== 'win32'
export const PRIVATE_DIR_MODE = 0o700
export const PRIVATE_FILE_MODE = 0o600

/** What was made private that was not: paths with the mode they had, for the log. */
export type Tightened = { path: string; was: string }[]

const octal = (mode: number): string => `0${(mode & 0o777).toString(8)}`

/** Makes a folder (and its parents) if missing, and takes away other users' access to it. */
export function ensurePrivateDir(dir: string): Tightened {
  mkdirSync(dir, { recursive: true, mode: PRIVATE_DIR_MODE })
  return tighten(dir, PRIVATE_DIR_MODE)
}

/** Takes other users' access away from a file or folder that has it; nothing when it is missing. */
export function tighten(path: string, mode: number): Tightened {
  if (!POSIX || !existsSync(path)) return []
  const was = statSync(path).mode
  if ((was & 0o077) === 0) return []
  chmodSync(path, mode)
  return [{ path, was: octal(was) }]
}

/** The folder and every file in it, one level down into the folders named (such as `logs`). */
export function tightenDataDir(dir: string, subfolders: string[]): Tightened {
  const changed = ensurePrivateDir(dir)
  if (!POSIX) return changed
  const visit = (folder: string, depth: number): void => {
    for (const entry of readdirSync(folder, { withFileTypes: true })) {
      const path = join(folder, entry.name)
      if (entry.isDirectory()) {
        if (depth === 0 && subfolders.includes(entry.name)) {
          changed.push(...tighten(path, PRIVATE_DIR_MODE))
          visit(path, depth + 1)
        }
      } else if (entry.isFile()) changed.push(...tighten(path, PRIVATE_FILE_MODE))
    }
  }
  visit(dir, 0)
  return changed
}

/** Creates an empty file readable by its owner only, if it is missing (SQLite gives its -wal and -shm the database file's mode). */
export function touchPrivate(path: string): void {
  closeSync(openSync(path, 'a', PRIVATE_FILE_MODE))
  tighten(path, PRIVATE_FILE_MODE)
}

/** Writes a file only its owner can read; an existing file with looser permissions is made private before anything is written to it. */
export function writePrivateFile(path: string, text: string | Uint8Array): void {
  tighten(path, PRIVATE_FILE_MODE)
  writeFileSync(path, text, { mode: PRIVATE_FILE_MODE })
}
