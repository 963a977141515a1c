import { EventEmitter } from 'node:events'
import { events as eventSpecs, type EventName, type EventPayload } from '../../shared/ipc/contract'

export interface TillEvent<E extends EventName = EventName> {
  name: E
  payload: EventPayload<E>
}

type Listener = (event: TillEvent) => void

/** The core's outgoing events; each host forwards them (IPC under Electron, SSE in the web host). */
export class EventBus {
  private readonly emitter = new EventEmitter()

  constructor() {
    // Every open window or SSE client adds a listener; the default warning at 10 is noise here.
    this.emitter.setMaxListeners(0)
  }

  emit<E extends EventName>(name: E, payload: EventPayload<E>): void {
    // Validated on the way out so a core bug cannot send the renderer something it will reject.
    const checked = eventSpecs[name].payload.parse(payload) as EventPayload<E>
    this.emitter.emit('event', { name, payload: checked } satisfies TillEvent<E>)
  }

  /**
   * An event the core's own bus already checked, passed on by the shell as it came: parsing it a
   * second time on the shell's thread (thousands a second during a drain) is what the core's own
   * process is there to spare the window.
   */
  forward(event: TillEvent): void {
    this.emitter.emit('event', event)
  }

  /** How many listen now (open windows, event streams). */
  listeners(): number {
    return this.emitter.listenerCount('event')
  }

  subscribe(listener: Listener): () => void {
    this.emitter.on('event', listener)
    return () => this.emitter.off('event', listener)
  }
}
