import { randomUUID } from 'node:crypto'
import { TillErrorDataSchema } from '../../../shared/errors'
import { isEventName } from '../../../shared/ipc/contract'
import { fail, type Result } from '../../../shared/ipc/result'
import type { Dispatch } from '../dispatch'
import { EventBus } from '../events'
import { FromCoreSchema, type FromCore, type StartMessage, type ToCore } from './protocol'

/** The core's process as the shell holds it, whatever started it (Electron's utilityProcess, Node's fork). */
export interface CoreChild {
  readonly pid: number | undefined
  post(message: ToCore): void
  onMessage(listener: (message: unknown) => void): void
  onExit(listener: (code: number | null) => void): void
  kill(): void
}

/** Starts the core's process; `attempt` counts from 0 for the first start. */
export type SpawnCore = (attempt: number) => CoreChild

export interface CoreClientOptions {
  spawn: SpawnCore
  start: Omit<StartMessage, 'kind'>
  /** Opens a secret the OS keychain sealed directly (older tills); null if it cannot. */
  unseal?: (sealed: Buffer) => string | null
  log?: (message: string, detail?: Record<string, unknown>) => void
  /** Waits before each restart after the core stopped unexpectedly, the last one repeating. */
  restartDelaysMs?: readonly number[]
  /** How long a call made while the core starts again waits for it. */
  callWaitMs?: number
}

type State = 'starting' | 'running' | 'restarting' | 'failed' | 'closing' | 'closed'

interface Pending {
  resolve: (result: Result<unknown>) => void
  channel: string
  requestId: string
}

/** The envelope is checked here; the value was checked against the channel's output by the core's dispatcher. */
function asResult(raw: unknown, requestId: string): Result<unknown> {
  if (typeof raw === 'object' && raw !== null && 'ok' in raw) {
    if (raw.ok === true && 'value' in raw) return { ok: true, value: raw.value }
    if (raw.ok === false && 'error' in raw) {
      const error = TillErrorDataSchema.safeParse(raw.error)
      if (error.success) return fail(error.data)
    }
  }
  return fail({ code: 'internal', message: 'The till’s core answered with something that is not a result.', requestId })
}

/**
 * The shell's side of the core: one dispatch and one event bus, as if the core were in this
 * process, while it runs in its own. The shell's thread never waits on SQLite, a drain or an
 * export. If the core stops, calls in flight are answered (their outcome is not known here; the
 * journal finishes or undoes them), the window is told in words, and the core is started again.
 */
export class CoreClient {
  readonly events = new EventBus()
  private child: CoreChild | null = null
  private state: State = 'starting'
  private attempt = 0
  private restarts = 0
  /** Stops in a row without a minute of running between them: how far along the restart delays are. */
  private rapidStops = 0
  private readyAt = 0
  private nextId = 1
  private readonly pending = new Map<number, Pending>()
  private readonly waiting = new Set<() => void>()
  private started: { resolve: () => void; reject: (error: Error) => void } | null = null
  private restartTimer: NodeJS.Timeout | null = null
  private closed: (() => void) | null = null

  constructor(private readonly options: CoreClientOptions) {}

  /** Starts the core the first time; fails with the core's own sentence if it cannot start. */
  start(): Promise<void> {
    return new Promise<void>((resolve, reject) => {
      this.started = { resolve, reject }
      this.spawn()
    })
  }

  /** The core's process id now (tests and the web host's console). */
  get pid(): number | undefined {
    return this.child?.pid
  }

  readonly dispatch: Dispatch = async (channel, input) => {
    if (this.state === 'starting' || this.state === 'restarting' || this.state === 'failed') await this.waitForCore()
    const child = this.child
    const requestId = randomUUID()
    if (this.state !== 'running' || !child) {
      const closing = this.state === 'closing' || this.state === 'closed'
      return fail({
        code: 'internal',
        message: closing ? 'The till is closing.' : 'The till’s core is starting again; try again in a moment.',
        requestId,
        params: { reason: closing ? 'core_closing' : 'core_restarting' }
      })
    }
    const id = this.nextId++
    return new Promise<Result<unknown>>((resolve) => {
      this.pending.set(id, { resolve, channel, requestId })
      child.post({ kind: 'call', id, channel, input })
    })
  }

  /** Asks the core to finish what it holds (the call log, the worker) and waits at most `timeoutMs`, then stops it. */
  async close(timeoutMs = 5000): Promise<void> {
    if (this.state === 'closed') return
    if (this.restartTimer) clearTimeout(this.restartTimer)
    const child = this.child
    this.state = 'closing'
    if (!child) {
      this.state = 'closed'
      return
    }
    await new Promise<void>((resolve) => {
      const timer = setTimeout(() => {
        this.options.log?.('the till’s core did not close in time; it is stopped', { timeoutMs })
        child.kill()
        resolve()
      }, timeoutMs)
      this.closed = () => {
        clearTimeout(timer)
        resolve()
      }
      child.post({ kind: 'close' })
    })
    this.state = 'closed'
  }

  private waitForCore(): Promise<void> {
    const waitMs = this.options.callWaitMs ?? 15_000
    return new Promise<void>((resolve) => {
      const done = (): void => {
        clearTimeout(timer)
        this.waiting.delete(done)
        resolve()
      }
      const timer = setTimeout(done, waitMs)
      this.waiting.add(done)
    })
  }

  private spawn(): void {
    const child = this.options.spawn(this.attempt++)
    this.child = child
    child.onMessage((raw) => this.receive(child, raw))
    child.onExit((code) => this.exited(child, code))
    child.post({ kind: 'start', ...this.options.start })
  }

  private receive(child: CoreChild, raw: unknown): void {
    if (child !== this.child) return
    const parsed = FromCoreSchema.safeParse(raw)
    if (!parsed.success) {
      this.options.log?.('the till’s core sent a message that is not in the protocol; it is ignored', { problem: parsed.error.message.slice(0, 300) })
      return
    }
    this.handle(child, parsed.data)
  }

  private handle(child: CoreChild, message: FromCore): void {
    switch (message.kind) {
      case 'ready': {
        const again = this.state === 'restarting' || this.state === 'failed'
        this.state = 'running'
        this.readyAt = Date.now()
        this.started?.resolve()
        this.started = null
        for (const wake of [...this.waiting]) wake()
        if (again) this.events.emit('core:changed', { state: 'running', restarts: this.restarts })
        return
      }
      case 'failed':
        if (this.started) {
          this.started.reject(new Error(message.message))
          this.started = null
          this.state = 'closing'
          child.kill()
        } else {
          this.options.log?.('the till’s core could not start again', { problem: message.message })
          this.state = 'failed'
          this.events.emit('core:changed', { state: 'failed', restarts: this.restarts })
        }
        return
      case 'result': {
        const pending = this.pending.get(message.id)
        if (!pending) return
        this.pending.delete(message.id)
        pending.resolve(asResult(message.result, pending.requestId))
        return
      }
      case 'event':
        // The name is checked here; the payload was checked against it by the core's bus as it was emitted.
        if (isEventName(message.name)) this.events.forward({ name: message.name, payload: message.payload as never })
        return
      case 'unseal': {
        let plain: string | null
        try {
          plain = this.options.unseal?.(Buffer.from(message.sealed, 'base64')) ?? null
        } catch {
          plain = null
        }
        child.post({ kind: 'unsealed', id: message.id, plain })
        return
      }
      case 'closed':
      case 'exiting':
        // The process's exit is what close() waits for.
        return
    }
  }

  private exited(child: CoreChild, code: number | null): void {
    if (child !== this.child) return
    this.child = null
    for (const [id, pending] of this.pending) {
      this.pending.delete(id)
      pending.resolve(
        fail({
          code: 'outcome_unknown',
          message: `The till’s core stopped while it worked on ${pending.channel}; it is starting again and will finish or undo what was in progress.`,
          requestId: pending.requestId,
          params: { reason: 'core_stopped' }
        })
      )
    }
    if (this.state === 'closing' || this.state === 'closed') {
      this.closed?.()
      return
    }
    if (this.started) {
      this.started.reject(new Error(`The till’s core stopped as it started (exit code ${String(code)}).`))
      this.started = null
      this.state = 'closed'
      return
    }
    this.restarts += 1
    this.rapidStops = Date.now() - this.readyAt > 60_000 ? 1 : this.rapidStops + 1
    this.state = 'restarting'
    this.options.log?.('the till’s core stopped; it is started again', { exitCode: code, restarts: this.restarts })
    this.events.emit('core:changed', { state: 'restarting', restarts: this.restarts })
    const delays = this.options.restartDelaysMs ?? [0, 1000, 5000, 15_000, 30_000]
    const delay = delays[Math.min(this.rapidStops - 1, delays.length - 1)] ?? 0
    this.restartTimer = setTimeout(() => {
      this.restartTimer = null
      if (this.state === 'restarting' || this.state === 'failed') this.spawn()
    }, delay)
  }
}
