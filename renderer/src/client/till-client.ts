import { randomId } from './random-id'
import type { TillBridge } from './bridge'
import { createWebBridge, signInToWebHost } from './web-bridge'
import { contract, events, type ChannelInput, type ChannelName, type ChannelOutput, type EventName, type EventPayload } from '../../../shared/ipc/contract'
import { resultSchema, type Result } from '../../../shared/ipc/result'

export interface TillClient {
  call<C extends ChannelName>(channel: C, input: ChannelInput<C>): Promise<Result<ChannelOutput<C>>>
  subscribe<E extends EventName>(event: E, callback: (payload: EventPayload<E>) => void): () => void
  /** A file the core exported, when the host can hand it over (the web host); null otherwise. */
  exportFile(name: string): Promise<Blob | null>
}

/** Wraps a bridge so that every answer is checked against the contract before a screen sees it. */
export function createTillClient(bridge: TillBridge): TillClient {
  // A channel's answer envelope is built once: building zod schemas costs more than using them.
  const envelopes = new Map<ChannelName, ReturnType<typeof resultSchema>>()
  const envelopeOf = (channel: ChannelName) => {
    let envelope = envelopes.get(channel)
    if (!envelope) envelopes.set(channel, (envelope = resultSchema(contract[channel].output)))
    return envelope
  }
  return {
    async call(channel, input) {
      let raw: unknown
      try {
        raw = await bridge.invoke(channel, input)
      } catch {
        return { ok: false, error: { code: 'internal', message: 'The till could not be reached.', requestId: randomId() } }
      }
      const parsed = envelopeOf(channel).safeParse(raw)
      if (!parsed.success) {
        return { ok: false, error: { code: 'internal', message: `The answer to ${channel} did not match the contract.`, requestId: randomId() } }
      }
      return parsed.data as Result<ChannelOutput<typeof channel>>
    },
    async exportFile(name) {
      try {
        return (await bridge.exportFile?.(name)) ?? null
      } catch {
        return null
      }
    },
    subscribe(event, callback) {
      return bridge.on(event, (payload) => {
        const parsed = events[event].payload.safeParse(payload)
        if (parsed.success) callback(parsed.data as EventPayload<typeof event>)
      })
    }
  }
}

/** Electron's preload bridge when present, else the web host's, once this browser has signed in to it. */
export async function connectTill(win: Window): Promise<TillClient> {
  if (win.till) return createTillClient(win.till)
  await signInToWebHost(win)
  return createTillClient(createWebBridge())
}
