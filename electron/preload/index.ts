import { contextBridge, ipcRenderer, type IpcRendererEvent } from 'electron'
import { CONTRACT_NAME, EVENT_CHANNEL, RPC_CHANNEL } from '../../shared/ipc/channels'

// Sandboxed preloads cannot load packages, so this file imports only the plain channel names.
// Every call goes over one IPC channel; the main process checks the contract channel it names.
contextBridge.exposeInMainWorld('till', {
  invoke(channel: string, input: unknown): Promise<unknown> {
    if (typeof channel !== 'string' || !CONTRACT_NAME.test(channel)) {
      return Promise.resolve({ ok: false, error: { code: 'unknown_channel', message: `There is no channel named "${String(channel)}".` } })
    }
    return ipcRenderer.invoke(RPC_CHANNEL, channel, input)
  },
  on(event: string, callback: (payload: unknown) => void): () => void {
    if (typeof event !== 'string' || !CONTRACT_NAME.test(event)) throw new Error(`There is no event named "${String(event)}".`)
    const listener = (_sender: IpcRendererEvent, message: { name: string; payload: unknown }): void => {
      if (message.name === event) callback(message.payload)
    }
    ipcRenderer.on(EVENT_CHANNEL, listener)
    return () => {
      ipcRenderer.removeListener(EVENT_CHANNEL, listener)
    }
  }
})
