import { readdirSync, readFileSync } from 'node:fs'
import { join } from 'node:path'
import { describe, expect, it } from 'vitest'
import { createFileLogger, LOG_FILE, LOG_FOLDER } from '../../electron/core/log/logger'
import { maskForLog } from '../../electron/core/log/mask'
import { useTempDirs } from '../helpers/temp-dir'

describe('structured log', () => {
  const tempDir = useTempDirs()

  it('never writes a secret, and shows voucher codes and card numbers by their last 4 characters only', () => {
    const masked = maskForLog({
      pin: '1212',
      clientSecret: 's3cr3t',
      headers: { Authorization: 'Bearer abc', 'Ocp-Apim-Subscription-Key': 'k' },
      codes: ['070898022379', '1000000001'],
      note: 'Got It refused 070898022379 on bill TAB12CDK7Q2-000001',
      amount: 100000
    })
    const text = JSON.stringify(masked)
    for (const secret of ['1212', 's3cr3t', 'Bearer abc', '"k"', '070898022379', '1000000001']) expect(text).not.toContain(secret)
    expect(masked).toMatchObject({ codes: ['****2379', '****0001'], amount: 100000, note: 'Got It refused ****2379 on bill TAB12CDK7Q2-000001' })
  })

  it('writes JSON lines to <data dir>/logs/till.log and rotates by size, keeping a bounded number of files', async () => {
    const dataDir = tempDir()
    const log = createFileLogger({ dataDir, maxFileSize: '2K', maxFiles: 3 })
    for (let i = 0; i < 60; i++) log.info('redeemed', { bill: `TAB12CDK7Q2-${String(i).padStart(6, '0')}`, code: '1000000001', padding: 'x'.repeat(40) })
    log.error('the provider answered 500', { storePin: '1212' })
    await log.close()
    // rotating-file-stream keeps its own list of rotated files beside them (till.log.txt).
    const files = readdirSync(join(dataDir, LOG_FOLDER)).filter((f) => f.endsWith('.log'))
    expect(files).toContain(LOG_FILE)
    expect(files.length).toBeGreaterThan(1)
    expect(files.length, files.join(' ')).toBeLessThanOrEqual(4)
    const all = files.map((f) => readFileSync(join(dataDir, LOG_FOLDER, f), 'utf8')).join('')
    expect(all).not.toContain('1000000001')
    expect(all).not.toContain('1212')
    const last =
      readFileSync(join(dataDir, LOG_FOLDER, LOG_FILE), 'utf8')
        .trim()
        .split('\n')
        .at(-1) ?? ''
    expect(JSON.parse(last)).toMatchObject({ level: 50, msg: 'the provider answered 500', storePin: '[secret]' })
  })
})
