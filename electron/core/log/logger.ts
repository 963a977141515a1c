import { join } from 'node:path'
import pino from 'pino'
import { createStream, type RotatingFileStream } from 'rotating-file-stream'
import { maskForLog } from './mask'
import { ensurePrivateDir, PRIVATE_FILE_MODE } from '../private-files'

export type LogFields = Record<string, unknown>

/** The till's structured log: one JSON line per event, secrets and codes masked before they are written. */
export interface Logger {
  info(message: string, fields?: LogFields): void
  warn(message: string, fields?: LogFields): void
  error(message: string, fields?: LogFields): void
  /** Writes what is buffered and closes the file. */
  close(): Promise<void>
}

export const LOG_FOLDER = 'logs'
export const LOG_FILE = 'till.log'

export interface FileLoggerOptions {
  dataDir: string
  /** Start a new file past this size. */
  maxFileSize?: string
  /** Rotated files kept. */
  maxFiles?: number
  level?: 'info' | 'warn' | 'error'
  /** The file's name in the logs folder: the core writes till.log, the shell its own (two processes never share a rotating file). */
  file?: string
  /** Also to the console (the web host and development). */
  echo?: (line: string) => void
}

/**
 * `<data dir>/logs/till.log`, rotated at 5 MB and daily, ten files kept (pino on a
 * rotating-file-stream), so a packaged till has logs to send to support.
 */
export function createFileLogger(options: FileLoggerOptions): Logger {
  const folder = join(options.dataDir, LOG_FOLDER)
  ensurePrivateDir(folder)
  const stream: RotatingFileStream = createStream(options.file ?? LOG_FILE, {
    path: folder,
    mode: PRIVATE_FILE_MODE,
    size: options.maxFileSize ?? '5M',
    interval: '1d',
    maxFiles: options.maxFiles ?? 10
  })
  // A disk that is full must not stop the till: the log is for diagnosis, not money.
  stream.on('error', () => undefined)
  const base = pino({ level: options.level ?? 'info', base: { pid: process.pid }, timestamp: pino.stdTimeFunctions.isoTime }, stream)
  const write = (level: 'info' | 'warn' | 'error', message: string, fields?: LogFields): void => {
    const masked = fields === undefined ? {} : (maskForLog(fields) as LogFields)
    const text = maskForLog(message, 'message') as string
    base[level](masked, text)
    options.echo?.(`[till] ${level} ${text}${fields === undefined ? '' : ` ${JSON.stringify(masked)}`}`)
  }
  return {
    info: (message, fields) => write('info', message, fields),
    warn: (message, fields) => write('warn', message, fields),
    error: (message, fields) => write('error', message, fields),
    close: () =>
      new Promise<void>((resolve) => {
        base.flush()
        stream.end(() => resolve())
      })
  }
}

/** For code that runs without a data folder (tests of one part). */
export const silentLogger: Logger = { info: () => undefined, warn: () => undefined, error: () => undefined, close: () => Promise.resolve() }
