#!/usr/bin/env node
// npm start: makes sure the Electron binary and an Electron build of better-sqlite3 exist,
// builds the app and starts it. With no provider credentials the till opens in training mode.
import { spawn, spawnSync } from 'node:child_process'
import { existsSync } from 'node:fs'
import { createRequire } from 'node:module'
import { join } from 'node:path'
import { ensureElectronBuild } from './native.mjs'

const require = createRequire(import.meta.url)
const electronDir = join(process.cwd(), 'node_modules', 'electron')

function fail(message) {
  console.error(`\nTill could not start: ${message}`)
  console.error('Without Electron you can still use the till in a browser: npm run start:web')
  process.exit(1)
}

// Electron 42+ downloads its binary lazily; fetch it once here so that the app starts at once.
if (!existsSync(join(electronDir, 'path.txt'))) {
  console.log('Downloading the Electron binary (once)…')
  const installed = spawnSync(process.execPath, [join(electronDir, 'install.js')], { stdio: 'inherit' })
  if (installed.status !== 0 || !existsSync(join(electronDir, 'path.txt'))) fail('the Electron binary could not be downloaded.')
}

try {
  ensureElectronBuild()
} catch (error) {
  fail(error instanceof Error ? error.message : String(error))
}

const built = spawnSync('npx', ['electron-vite', 'build'], { stdio: 'inherit', shell: process.platform === 'win32' })
if (built.status !== 0) fail('the app could not be built.')

const electronBinary = require('electron')
const app = spawn(electronBinary, ['.'], { stdio: 'inherit' })
app.on('exit', (code) => process.exit(code ?? 0))
