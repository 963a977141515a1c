import { autoUpdater } from 'electron-updater'

const EVERY_SIX_HOURS = 6 * 3600_000

/**
 * Updates from the feed IT sets in `TILL_UPDATE_URL` (an https folder that electron-builder's
 * `latest*.yml` files and installers are copied to); off when it is not set. An update is
 * downloaded in the background and installed when the till is closed, never in the middle of a sale.
 */
export function startAutoUpdates(feedUrl: string | undefined, log: (message: string) => void): void {
  if (!feedUrl) return
  if (!feedUrl.startsWith('https://')) {
    log(`updates stay off: TILL_UPDATE_URL must start with https:// (${feedUrl})`)
    return
  }
  autoUpdater.setFeedURL({ provider: 'generic', url: feedUrl })
  autoUpdater.autoDownload = true
  autoUpdater.autoInstallOnAppQuit = true
  const check = (): void => {
    autoUpdater.checkForUpdates().catch((error: unknown) => log(`update check failed: ${error instanceof Error ? error.message : String(error)}`))
  }
  check()
  setInterval(check, EVERY_SIX_HOURS).unref()
}
