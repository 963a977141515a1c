import { copyFileSync, cpSync, renameSync } from 'node:fs'
import { join } from 'node:path'
import { describe, expect, it } from 'vitest'
import { gotItOf } from '../../electron/core/providers/gotit'
import type { MachineFacts } from '../../electron/core/identity/machine'
import { MANAGER_PIN, staffedTill, useCores, valueOf } from '../helpers/core'
import { useTempDirs } from '../helpers/temp-dir'

const thisMachine: MachineFacts = { machineId: 'machine-a', hostname: 'till-1', macs: ['02:00:00:00:00:01'] }
const otherMachine: MachineFacts = { machineId: 'machine-b', hostname: 'till-1', macs: ['02:00:00:00:00:99'] }

describe('till identity', () => {
  const tempDir = useTempDirs()
  const openCore = useCores()
  const tillId = async (core: ReturnType<typeof openCore>) => valueOf(await core.call('app:info', {})).tillId

  it('keeps its id across restarts of the same folder on the same computer', async () => {
    const dataDir = tempDir()
    const first = openCore({ dataDir, machine: thisMachine })
    const id = await tillId(first)
    await first.close()
    const again = openCore({ dataDir, machine: { ...thisMachine, macs: [...thisMachine.macs, '02:00:00:00:00:42'] } })
    expect(await tillId(again)).toBe(id)
    expect(again.context.identity.change).toBeNull()
  })

  it('takes a new id when the folder is copied, parks what the original had not settled, and never repeats its bill numbers', async () => {
    const original = tempDir()
    const first = openCore({ dataDir: original, machine: thisMachine, startWorker: false })
    await staffedTill(first)
    const { billNumber } = gotItOf(first).offline.enqueueMarkUse([{ code: '2000000011', amount: 10000 }], null)
    const originalId = await tillId(first)
    await first.close()

    const copy = join(tempDir(), 'copied')
    cpSync(original, copy, { recursive: true })
    const copied = openCore({ dataDir: copy, machine: thisMachine, startWorker: false })
    expect(await tillId(copied)).not.toBe(originalId)
    expect(copied.context.identity.change).toMatchObject({ previousTillId: originalId })
    expect(copied.context.journal.list(['pending', 'sending', 'unknown'])).toEqual([])
    expect(copied.context.journal.list(['needs_review'])[0]).toMatchObject({ subject: billNumber })
    const manager = valueOf(await copied.call('auth:staffList', {})).find((person) => person.role === 'manager')
    valueOf(await copied.call('auth:signIn', { staffId: manager?.id ?? '', pin: MANAGER_PIN }))
    expect(valueOf(await copied.call('audit:list', { limit: 5 })).map((e) => e.action)).toContain('till_identity_changed')

    const reopened = openCore({ dataDir: original, machine: thisMachine, startWorker: false })
    expect(await tillId(reopened)).toBe(originalId)
    const fromOriginal = gotItOf(reopened).offline.enqueueMarkUse([{ code: '2000000012', amount: 10000 }], null).billNumber
    const fromCopy = gotItOf(copied).offline.enqueueMarkUse([{ code: '2000000013', amount: 10000 }], null).billNumber
    expect(fromOriginal).not.toBe(fromCopy)
    expect(fromOriginal.slice(0, 7)).not.toBe(fromCopy.slice(0, 7))
  })

  it('takes a new id when the folder is opened on another computer, or its database is restored from a backup', async () => {
    const dataDir = tempDir()
    const first = openCore({ dataDir, machine: thisMachine })
    const id = await tillId(first)
    await first.close()
    const moved = openCore({ dataDir, machine: otherMachine })
    const movedId = await tillId(moved)
    expect(movedId).not.toBe(id)
    expect(moved.context.identity.change?.reason).toBe('copied')
    await moved.close()

    const backup = join(tempDir(), 'backup.sqlite')
    copyFileSync(join(dataDir, 'till.sqlite'), backup)
    const later = openCore({ dataDir, machine: otherMachine })
    expect(await tillId(later)).toBe(movedId)
    await later.close()
    renameSync(backup, join(dataDir, 'till.sqlite')) // restored: a file with the old contents
    const restored = openCore({ dataDir, machine: otherMachine })
    expect(await tillId(restored)).not.toBe(movedId)
    expect(restored.context.identity.change?.details).toMatch(/replaced/)
  })

  it('makes references that differ at every start, so even an undetected restore never reuses one', async () => {
    const dataDir = tempDir()
    const first = openCore({ dataDir, machine: thisMachine })
    const a = first.context.identity.nextReference('refund')
    await first.close()
    const second = openCore({ dataDir, machine: thisMachine })
    const b = second.context.identity.nextReference('refund')
    expect(a).toMatch(/^R[0-9A-Z]{14}$/)
    expect(b).not.toBe(a)
    expect(a.length).toBeLessThanOrEqual(21)
  })
})
