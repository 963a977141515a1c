#!/usr/bin/env node
// npm run check:electron: Electronegativity over the Electron shell (electron/). Every finding must
// be explained in docs/electronegativity.md (check id and file); an unexplained one fails the run.
// The one check that needs the network (known Electron security fixes) is left out: CI has none.
import { spawnSync } from 'node:child_process'
import { mkdtempSync, readFileSync, rmSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'

const dir = mkdtempSync(join(tmpdir(), 'till-eneg-'))
const csv = join(dir, 'findings.csv')
const electron = JSON.parse(readFileSync('node_modules/electron/package.json', 'utf8')).version
const run = spawnSync('npx', ['electronegativity', '-i', 'electron', '-r', '-v', 'false', '-e', electron, '-x', 'AvailableSecurityFixesGlobalCheck', '-o', csv], { encoding: 'utf8' })
let text = ''
try {
  text = readFileSync(csv, 'utf8')
} catch {
  console.error(run.stdout, run.stderr)
  console.error('Electronegativity did not write its findings.')
  process.exit(1)
} finally {
  rmSync(dir, { recursive: true, force: true })
}
const findings = text
  .split('\n')
  .slice(1)
  .map((line) => /^([A-Z_]+),"[A-Z]+","[A-Z]+","([^"]+)","(\d+:\d+)"/.exec(line))
  .filter((match) => match !== null)
  .map(([, check, file, at]) => ({ check, file, at }))
const explained = readFileSync('docs/electronegativity.md', 'utf8')
const missing = findings.filter((f) => !new RegExp(`\`${f.check}\`[^\\n]*\`${f.file.replace(/[.*+?^${}()|[\]\\]/g, '\\$&')}\``).test(explained))
for (const f of findings) console.log(`${missing.includes(f) ? 'UNEXPLAINED' : 'explained  '} ${f.check} ${f.file}:${f.at}`)
if (missing.length > 0) {
  console.error(`\n${missing.length} Electronegativity finding(s) are not explained in docs/electronegativity.md. Fix them, or explain why they do not apply.`)
  process.exit(1)
}
console.log(`Electronegativity: ${findings.length} finding(s), each explained in docs/electronegativity.md.`)
