import { contextBridge, ipcRenderer, type IpcRendererEvent } from 'electron'
import { EVENT_CHANNEL, isChannelName, isEventName } from '../../shared/ipc/channels'

// Sandboxed preloads cannot load packages, so this file imports only the plain channel list.
contextBridge.exposeInMainWorld('till', {
  invoke(channel: string, input: unknown): Promise<unknown> {
    if (!isChannelName(channel)) {
      return Promise.resolve({ ok: false, error: { code: 'unknown_channel', message: `There is no channel named "${channel}".` } })
    }
    return ipcRenderer.invoke(channel, input)
  },
  on(event: string, callback: (payload: unknown) => void): () => void {
    if (!isEventName(event)) throw new Error(`There is no event named "${event}".`)
    const listener = (_sender: IpcRendererEvent, message: { name: string; payload: unknown }): void => {
      if (message.name === event) callback(message.payload)
    }
    ipcRenderer.on(EVENT_CHANNEL, listener)
    return () => {
      ipcRenderer.removeListener(EVENT_CHANNEL, listener)
    }
  }
})
