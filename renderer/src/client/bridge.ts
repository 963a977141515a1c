/** What the preload exposes as `window.till` under Electron; the web host gets the same shape. */
export interface TillBridge {
  invoke(channel: string, input: unknown): Promise<unknown>
  on(event: string, callback: (payload: unknown) => void): () => void
}

declare global {
  interface Window {
    till?: TillBridge
  }
}
