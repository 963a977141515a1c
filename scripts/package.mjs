#!/usr/bin/env node
// npm run package[:linux|:win|:mac]: installers with electron-builder, on a machine with the network.
// It first avoids the better-sqlite3 trap (docs/toolchain.md §2): a leftover Node build, or
// npm_config_nodedir, makes @electron/rebuild label a Node-ABI addon as Electron's.
import { spawnSync } from 'node:child_process'
import { rmSync } from 'node:fs'

const targets = process.argv.slice(2)
const env = { ...process.env }
delete env.npm_config_nodedir
delete env.NPM_CONFIG_NODEDIR
rmSync('node_modules/better-sqlite3/build', { recursive: true, force: true })
const run = (command, args) => {
  const result = spawnSync(command, args, { stdio: 'inherit', env, shell: process.platform === 'win32' })
  if (result.status !== 0) process.exit(result.status ?? 1)
}
run('npx', ['electron-vite', 'build'])
run('npx', ['electron-builder', ...targets, '--publish', 'never'])
console.log('\nInstallers are in dist/. Run npm test again before testing here: it rebuilds better-sqlite3 for Node.')
