import { linkHostsOf } from '../../shared/providers'
/** Hosts a link in the till may open in the system browser: the providers' own help and portal pages (each manifest's linkHosts). Anything else is refused. */
export const EXTERNAL_HOSTS: readonly string[] = linkHostsOf()

/** Whether a URL may leave the till for the system browser: https, and a host on the list (or under one). */
export function mayOpenExternally(url: string, hosts: readonly string[] = EXTERNAL_HOSTS): boolean {
  try {
    const parsed = new URL(url)
    if (parsed.protocol !== 'https:' || parsed.username || parsed.password) return false
    return hosts.some((host) => parsed.hostname === host || parsed.hostname.endsWith(`.${host}`))
  } catch {
    return false
  }
}
