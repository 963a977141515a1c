/** What `before-quit` needs of Electron's app and its event. */
export interface QuittingApp {
  on(event: 'before-quit', listener: (event: { preventDefault(): void }) => void): unknown
  quit(): void
}

/**
 * However the till is quit (the menu's Quit, the last window closed, the OS logging out), the
 * core closes first, bounded: the call log's last rows are written and the worker stops between
 * operations. Then the quit goes on.
 */
export function closeCoreBeforeQuit(app: QuittingApp, close: (timeoutMs: number) => Promise<void>, timeoutMs = 5000): void {
  let state: 'open' | 'closing' | 'closed' = 'open'
  app.on('before-quit', (event) => {
    if (state === 'closed') return
    event.preventDefault()
    if (state === 'closing') return
    state = 'closing'
    void close(timeoutMs)
      .catch(() => undefined)
      .finally(() => {
        state = 'closed'
        app.quit()
      })
  })
}
