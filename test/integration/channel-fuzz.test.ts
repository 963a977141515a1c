import { z } from 'zod'
import { describe, expect, it } from 'vitest'
import { channelNames, contract } from '../../shared/ipc/contract'
import { MANAGER_PIN, staffedTill, useCores, valueOf } from '../helpers/core'
import { useTempDirs } from '../helpers/temp-dir'

type Json = Record<string, unknown>

/** Values an attacker or a broken script sends: text no encoder takes, wrong types, sizes, paths, formulas. */
const HOSTILE: unknown[] = [
  '\ud800',
  'a\udfffb',
  '\udc00\ud800',
  '',
  ' ',
  'x'.repeat(5000),
  '../../etc/passwd',
  '%E0%A4%A',
  '=HYPERLINK("x")',
  '<script>',
  -1,
  0,
  1e308,
  2 ** 53 + 1,
  1.5,
  null,
  true,
  [],
  {},
  ['\ud800'],
  { '\ud800': 1 }
]

/** A plausible value for a JSON schema node, so the hostile one lands beside well-formed neighbours. */
function sample(node: unknown): unknown {
  if (!node || typeof node !== 'object') return null
  const n = node as Json
  if (n['const'] !== undefined) return n['const']
  if (Array.isArray(n['enum'])) return n['enum'][0]
  for (const key of ['anyOf', 'oneOf'] as const) if (Array.isArray(n[key])) return sample(n[key][0])
  switch (n['type']) {
    case 'string':
      return n['format'] === 'date-time' ? '2026-12-06T08:00:00Z' : n['format'] === 'date' ? '2026-12-06' : 'A1'
    case 'integer':
    case 'number':
      return typeof n['minimum'] === 'number' ? n['minimum'] : 1
    case 'boolean':
      return true
    case 'array':
      return [sample(n['items'])]
    case 'object': {
      const properties = (n['properties'] ?? {}) as Record<string, unknown>
      return Object.fromEntries(Object.entries(properties).map(([key, value]) => [key, sample(value)]))
    }
    default:
      return null
  }
}

/** The whole input hostile, then each top-level field in turn, then each field of the first item of each array. */
function* hostileInputs(schema: Json): Generator<unknown> {
  const base = sample(schema)
  for (const value of HOSTILE) yield value
  if (!base || typeof base !== 'object' || Array.isArray(base)) return
  for (const key of Object.keys(base)) {
    for (const value of HOSTILE) yield { ...base, [key]: value }
    const field = (base as Json)[key]
    if (Array.isArray(field) && field[0] && typeof field[0] === 'object') {
      for (const inner of Object.keys(field[0] as Json)) for (const value of HOSTILE) yield { ...base, [key]: [{ ...(field[0] as Json), [inner]: value }] }
    }
  }
}

describe('every channel under hostile input', () => {
  const tempDir = useTempDirs()
  const openCore = useCores()

  it('answers every malformed input with an envelope, never an internal error, and a lone surrogate as invalid input', async () => {
    const core = openCore({ dataDir: tempDir(), startWorker: false })
    const { managerId } = await staffedTill(core)
    const internal: string[] = []
    let calls = 0
    for (const channel of channelNames) {
      // A channel may lock the till or sign out: the next one starts signed in again.
      await core.call('auth:signIn', { staffId: managerId, pin: MANAGER_PIN })
      const schema = z.toJSONSchema(contract[channel].input, { io: 'input', unrepresentable: 'any' }) as Json
      for (const input of hostileInputs(schema)) {
        const answer = await core.dispatch(channel, input)
        calls += 1
        expect(typeof answer.ok).toBe('boolean')
        if (!answer.ok && answer.error.code === 'internal') internal.push(`${channel} ${JSON.stringify(input).slice(0, 120)}: ${answer.error.message}`)
        if (JSON.stringify(input).includes('\\ud800') || JSON.stringify(input).includes('\\udfff') || JSON.stringify(input).includes('\\udc00')) {
          expect(answer, `${channel} ${JSON.stringify(input).slice(0, 80)}`).toMatchObject({
            ok: false,
            error: { code: expect.stringMatching(/^(invalid_input|forbidden|unauthenticated|till_locked)$/) }
          })
        }
      }
    }
    expect(internal).toEqual([])
    expect(calls).toBeGreaterThan(2000)
  }, 120_000)

  it('refuses the lone surrogate the attackers found in a gift card lookup as invalid input', async () => {
    const core = openCore({ dataDir: tempDir(), startWorker: false })
    await staffedTill(core)
    const answer = await core.dispatch('giftcards:lookup', JSON.parse('{"referenceId":"\\ud800"}'))
    expect(answer).toMatchObject({ ok: false, error: { code: 'invalid_input', message: 'referenceId: the text has a broken character (half of a UTF-16 pair) and cannot be sent anywhere.' } })
    valueOf(await core.call('app:info', {}))
  })
})
