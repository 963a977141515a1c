import { type Connectivity, type ProviderId, type ProviderMode, type ProviderStatus } from '../../shared/domain/providers'

type Listener = (statuses: ProviderStatus[]) => void

/**
 * What the till knows about each provider's reachability. Provider clients report real call
 * outcomes here; nothing is inferred from the operating system's idea of the network.
 */
export class ConnectivityRegistry {
  private readonly states = new Map<ProviderId, { connectivity: Connectivity; checkedAt: string | null }>()
  private readonly listeners = new Set<Listener>()

  constructor(
    private readonly providers: readonly { id: ProviderId; name: string }[],
    private readonly modeOf: (provider: ProviderId) => ProviderMode,
    private readonly now: () => Date
  ) {
    for (const { id } of providers) this.states.set(id, { connectivity: 'unknown', checkedAt: null })
  }

  of(provider: ProviderId): Connectivity {
    return this.states.get(provider)?.connectivity ?? 'unknown'
  }

  report(provider: ProviderId, connectivity: Exclude<Connectivity, 'unknown'>): void {
    const before = this.states.get(provider)
    this.states.set(provider, { connectivity, checkedAt: this.now().toISOString() })
    if (before?.connectivity !== connectivity) {
      const snapshot = this.list()
      for (const listener of this.listeners) listener(snapshot)
    }
  }

  list(): ProviderStatus[] {
    return this.providers.map(({ id, name }) => {
      const state = this.states.get(id) ?? { connectivity: 'unknown' as const, checkedAt: null }
      return { provider: id, name, mode: this.modeOf(id), ...state }
    })
  }

  onChange(listener: Listener): () => void {
    this.listeners.add(listener)
    return () => this.listeners.delete(listener)
  }
}
