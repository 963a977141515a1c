import type { ProviderId } from '../../shared/domain/providers'
import type { ConnectivityRegistry } from './connectivity'
import type { JournalStore } from './journal/journal-store'
import type { JournalWorker } from './journal/worker'

/** A cheap request that proves the provider answers; any HTTP answer counts as reachable. */
export type Probe = () => Promise<void>

/**
 * While a provider is offline, a light probe asks now and then whether it is back; real calls
 * report too. The moment a provider is back, its waiting journal rows become due and the
 * worker settles them, oldest first, without anyone asking.
 */
export class ConnectivityProbe {
  private timer: NodeJS.Timeout | null = null
  private readonly last = new Map<ProviderId, string>()
  private probing = false

  constructor(
    private readonly connectivity: ConnectivityRegistry,
    private readonly journal: JournalStore,
    private readonly worker: JournalWorker,
    private readonly probes: Partial<Record<ProviderId, Probe>>,
    private readonly intervalMs: number
  ) {
    for (const status of connectivity.list()) this.last.set(status.provider, status.connectivity)
    connectivity.onChange((statuses) => {
      for (const status of statuses) {
        const before = this.last.get(status.provider)
        this.last.set(status.provider, status.connectivity)
        if (before !== 'offline' || status.connectivity !== 'online') continue
        try {
          if (this.journal.makeDue(status.provider) > 0) void this.worker.drain()
        } catch {
          // The disk refused the write: the rows become due at the end of their backoff instead.
          void this.worker.drain()
        }
      }
    })
  }

  start(): void {
    this.timer ??= setInterval(() => void this.probeOffline(), this.intervalMs)
    this.timer.unref()
  }

  stop(): void {
    if (this.timer) clearInterval(this.timer)
    this.timer = null
  }

  async probeOffline(): Promise<void> {
    if (this.probing) return
    this.probing = true
    try {
      for (const status of this.connectivity.list()) {
        const probe = this.probes[status.provider]
        if (status.connectivity === 'offline' && probe) await probe().catch(() => undefined)
      }
    } finally {
      this.probing = false
    }
  }
}
