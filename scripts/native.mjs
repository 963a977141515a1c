// better-sqlite3 is a native module: it must be compiled for the runtime that loads it.
// Tests and the web host run on Node; the desktop app runs on Electron. These helpers
// rebuild it when it was last built for the other one.
import { spawnSync } from 'node:child_process'
import { existsSync, readFileSync, rmSync, writeFileSync } from 'node:fs'
import { createRequire } from 'node:module'
import { join } from 'node:path'

const require = createRequire(import.meta.url)
const moduleDir = join(process.cwd(), 'node_modules', 'better-sqlite3')
const marker = join(moduleDir, 'build', 'till-runtime.txt')

function run(command, args, env = process.env) {
  const result = spawnSync(command, args, { stdio: 'inherit', env, shell: process.platform === 'win32' })
  return result.status === 0
}

function loadsInNode() {
  const probe = spawnSync(process.execPath, ['-e', "new (require('better-sqlite3'))(':memory:').close()"], { encoding: 'utf8' })
  return probe.status === 0
}

export function ensureNodeBuild() {
  if (loadsInNode()) return
  console.log('better-sqlite3 was built for another runtime (the desktop app?); rebuilding it for Node…')
  rmSync(marker, { force: true })
  if (!run('npm', ['rebuild', 'better-sqlite3']) || !loadsInNode()) {
    throw new Error('better-sqlite3 could not be rebuilt for Node. Run `npm rebuild better-sqlite3` and read its output.')
  }
}

export function ensureElectronBuild() {
  const electronVersion = JSON.parse(readFileSync(require.resolve('electron/package.json'), 'utf8')).version
  const wanted = `electron-${electronVersion}`
  if (existsSync(marker) && readFileSync(marker, 'utf8').trim() === wanted) return
  console.log(`Building better-sqlite3 for Electron ${electronVersion} (needs the network once)…`)
  // A nodedir pointing at Node's headers makes the rebuild compile for Node and label it
  // Electron (docs/toolchain.md §2); drop it and start from a clean build folder.
  const env = { ...process.env }
  delete env.npm_config_nodedir
  delete env.NPM_CONFIG_NODEDIR
  rmSync(join(moduleDir, 'build'), { recursive: true, force: true })
  const builder = join(process.cwd(), 'node_modules', '.bin', process.platform === 'win32' ? 'electron-builder.cmd' : 'electron-builder')
  if (!run(builder, ['install-app-deps'], env)) {
    throw new Error('better-sqlite3 could not be built for Electron. Check the network, then run `npm start` again.')
  }
  writeFileSync(marker, `${wanted}\n`)
}
