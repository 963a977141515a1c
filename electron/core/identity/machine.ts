import { readFileSync } from 'node:fs'
import { hostname, networkInterfaces } from 'node:os'

/** What this computer looks like to the till: enough to notice that a data folder moved to another one. */
export interface MachineFacts {
  /** The operating system's machine id where it has one (Linux), else null. */
  machineId: string | null
  hostname: string
  /** Hardware addresses of the network adapters, sorted. */
  macs: string[]
}

function readMachineId(): string | null {
  for (const file of ['/etc/machine-id', '/var/lib/dbus/machine-id']) {
    try {
      const id = readFileSync(file, 'utf8').trim()
      if (id) return id
    } catch {
      // Not Linux, or not readable: the other facts still count.
    }
  }
  return null
}

export function currentMachine(): MachineFacts {
  const macs = new Set<string>()
  for (const list of Object.values(networkInterfaces())) {
    for (const nic of list ?? []) if (!nic.internal && nic.mac && nic.mac !== '00:00:00:00:00:00') macs.add(nic.mac)
  }
  return { machineId: readMachineId(), hostname: hostname(), macs: [...macs].sort() }
}
