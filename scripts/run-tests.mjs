#!/usr/bin/env node
// npm test: builds the app, runs the unit and integration tests (Vitest) and the end-to-end
// tests (Playwright driving Chromium through the web host), then prints one closing line:
// `N passed, N failed, N skipped`.
import { spawnSync } from 'node:child_process'
import { existsSync, mkdirSync, readFileSync, rmSync } from 'node:fs'
import { join } from 'node:path'
import { ensureNodeBuild } from './native.mjs'
import { resolveChromium } from './chromium.mjs'

const reports = join(process.cwd(), '.tmp', 'test-reports')
rmSync(reports, { recursive: true, force: true })
mkdirSync(reports, { recursive: true })
const totals = { passed: 0, failed: 0, skipped: 0 }
const problems = []

function run(command, args, env = {}) {
  const result = spawnSync(command, args, { stdio: 'inherit', env: { ...process.env, ...env }, shell: process.platform === 'win32' })
  return result.status === 0
}

function readJson(file) {
  try {
    return JSON.parse(readFileSync(file, 'utf8'))
  } catch {
    return null
  }
}

ensureNodeBuild()
if (!run('npm', ['run', '-s', 'build'])) {
  console.log('\nThe build failed, so no test ran.')
  console.log('0 passed, 1 failed')
  process.exit(1)
}

const vitestReport = join(reports, 'vitest.json')
const vitestOk = run('npx', ['vitest', 'run', '--reporter=default', '--reporter=json', `--outputFile.json=${vitestReport}`])
const vitest = readJson(vitestReport)
if (vitest) {
  totals.passed += vitest.numPassedTests
  totals.failed += vitest.numFailedTests
  totals.skipped += vitest.numPendingTests + vitest.numTodoTests
  if (!vitestOk && vitest.numFailedTests === 0) problems.push('Vitest failed outside any test (see above).')
} else {
  problems.push('Vitest did not report its results (see above).')
}

const chromium = resolveChromium({
  env: process.env,
  exists: existsSync,
  playwrightHas: () => {
    const where = /Install location:\s+(\S+)/.exec(spawnSync('npx', ['playwright', 'install', '--dry-run', 'chromium'], { encoding: 'utf8' }).stdout ?? '')?.[1]
    return where !== undefined && existsSync(where)
  },
  install: () => run('npx', ['playwright', 'install', 'chromium'])
})
if (chromium.note) console.log(`\n${chromium.note}`)
if (chromium.problem) {
  problems.push(chromium.problem)
} else {
  const playwrightReport = join(reports, 'playwright.json')
  const playwrightOk = run('npx', ['playwright', 'test'], { TILL_TEST_REPORT: playwrightReport, TILL_CHROMIUM: chromium.executablePath ?? '' })
  const playwright = readJson(playwrightReport)
  if (playwright) {
    totals.passed += playwright.stats.expected + playwright.stats.flaky
    totals.failed += playwright.stats.unexpected
    totals.skipped += playwright.stats.skipped
    if (!playwrightOk && playwright.stats.unexpected === 0) problems.push('Playwright failed outside any test (see above).')
  } else {
    problems.push('Playwright did not report its results (see above).')
  }
}

const postgres = readJson(join(reports, 'postgres.json'))
if (postgres && !postgres.available) {
  console.log("\nPostgreSQL was not found on this machine, so the back office's tests ran on the embedded PostgreSQL (PGlite) only. CI runs them on both (apt-get install -y postgresql).")
}
for (const problem of problems) console.log(`\n${problem}`)
totals.failed += problems.length
console.log(`\n${totals.passed} passed, ${totals.failed} failed, ${totals.skipped} skipped`)
process.exit(totals.failed > 0 ? 1 : 0)
