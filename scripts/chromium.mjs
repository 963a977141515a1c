// Which Chromium the end-to-end tests drive: TILL_CHROMIUM when set, else Debian's, else
// Playwright's own, fetched once with `npx playwright install chromium` where the network allows.

export const SYSTEM_CHROMIUM = '/usr/bin/chromium'

/**
 * @param {{ env: Record<string, string | undefined>, exists: (path: string) => boolean, install: () => boolean, playwrightHas: () => boolean }} io
 * @returns {{ executablePath: string | null, problem: string | null, note: string | null }}
 *   executablePath null with no problem: Playwright's own Chromium.
 */
export function resolveChromium(io) {
  const chosen = io.env['TILL_CHROMIUM']
  if (chosen)
    return io.exists(chosen) ? { executablePath: chosen, problem: null, note: null } : { executablePath: null, problem: `TILL_CHROMIUM is ${chosen}, and there is no Chromium there.`, note: null }
  if (io.exists(SYSTEM_CHROMIUM)) return { executablePath: SYSTEM_CHROMIUM, problem: null, note: null }
  if (io.playwrightHas()) return { executablePath: null, problem: null, note: null }
  if (io.install()) return { executablePath: null, problem: null, note: 'No Chromium was found, so Playwright fetched its own (npx playwright install chromium).' }
  return {
    executablePath: null,
    problem: `The end-to-end tests need Chromium: none is at ${SYSTEM_CHROMIUM}, and Playwright could not fetch its own. Install one (Debian: apt-get install -y chromium) or set TILL_CHROMIUM.`,
    note: null
  }
}
