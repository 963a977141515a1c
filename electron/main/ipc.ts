import type { IpcMain, IpcMainInvokeEvent, WebContents } from 'electron'
import { EVENT_CHANNEL, RPC_CHANNEL } from '../../shared/ipc/channels'
import { fail } from '../../shared/ipc/result'
import type { Dispatch } from '../core/dispatch'
import type { EventBus } from '../core/events'
import { randomUUID } from 'node:crypto'

/** One `ipcMain.handle` for the whole contract, refusing calls from frames that are not ours; the dispatcher checks the channel name. */
export function registerContractIpc(ipcMain: Pick<IpcMain, 'handle'>, dispatch: Dispatch, isTrusted: (event: IpcMainInvokeEvent) => boolean): void {
  ipcMain.handle(RPC_CHANNEL, (event, channel: unknown, input: unknown) => {
    if (!isTrusted(event)) {
      return fail({ code: 'forbidden', message: 'This window is not allowed to call the till.', requestId: randomUUID() })
    }
    return dispatch(typeof channel === 'string' ? channel : '', input)
  })
}

/** Forwards core events to a window until it is gone; returns the unsubscribe function. */
export function forwardEvents(events: EventBus, contents: Pick<WebContents, 'send' | 'isDestroyed'>): () => void {
  return events.subscribe((event) => {
    if (!contents.isDestroyed()) contents.send(EVENT_CHANNEL, event)
  })
}
