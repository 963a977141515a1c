/** What the preload exposes as `window.till` under Electron; the web host gets the same shape. */
export interface TillBridge {
  invoke(channel: string, input: unknown): Promise<unknown>
  on(event: string, callback: (payload: unknown) => void): () => void
  /** A file the core exported (History's CSV), where the host can hand it over; the web host can. */
  exportFile?(name: string): Promise<Blob | null>
}

declare global {
  interface Window {
    till?: TillBridge
  }
}
