import type { WebPreferences } from 'electron'

/** The renderer gets no Node, no direct IPC and no way out of its sandbox. */
export function secureWebPreferences(preload: string, devTools = false): WebPreferences {
  return {
    preload,
    devTools,
    sandbox: true,
    contextIsolation: true,
    nodeIntegration: false,
    nodeIntegrationInWorker: false,
    nodeIntegrationInSubFrames: false,
    webSecurity: true,
    allowRunningInsecureContent: false,
    experimentalFeatures: false,
    webviewTag: false,
    navigateOnDragDrop: false,
    spellcheck: false
  }
}

export interface FrameLike {
  url: string
  parent: unknown
}

/**
 * Only the top frame of our own page may call the contract. A frame is trusted when it is a
 * main frame and its URL is the app's page (ignoring the hash, which the app may change).
 */
export function isTrustedSender(frame: FrameLike | null | undefined, appUrl: string): boolean {
  if (!frame || frame.parent !== null) return false
  try {
    const actual = new URL(frame.url)
    const expected = new URL(appUrl)
    return actual.protocol === expected.protocol && actual.host === expected.host && actual.pathname === expected.pathname
  } catch {
    return false
  }
}
