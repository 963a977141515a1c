import { z } from 'zod'
import { errorCodes } from '../errors'
import { httpStatusOf } from './http-status'
import { channelNames, contract, events, eventNames, maxInputBytesOf, type Access } from './contract'
import { DEFAULT_MAX_INPUT_BYTES } from './channel-table'

const accessWords: Record<Access, string> = {
  public: 'anyone, even with nobody signed in',
  staff: 'anyone signed in, on an unlocked till',
  manager: 'a manager, signed in, on an unlocked till'
}

function schemaBlock(schema: z.ZodType): string {
  const json = z.toJSONSchema(schema, { io: 'input', unrepresentable: 'any' })
  delete (json as { $schema?: unknown }).$schema
  return ['```json', JSON.stringify(json, null, 2), '```'].join('\n')
}

/** The operator's reference of the contract, generated from the same zod schemas the core enforces. */
export function renderContractDoc(): string {
  const lines: string[] = [
    '# Till contract',
    '',
    'Generated from `shared/ipc/contract.ts` by `npm run contract:doc`; a test fails when this file is stale.',
    '',
    'The same channels are reachable from the desktop renderer (IPC) and from the web host:',
    '`POST /rpc/<channel>` with the JSON input as the body and `Authorization: Bearer <token>`',
    '(the token is in `<data dir>/web-token`, readable by its owner only; a browser signs in with the one-time',
    'address the host prints and then holds a session cookie). Every answer is an envelope:',
    '`{ "ok": true, "value": ... }` or `{ "ok": false, "error": { "code", "message", "requestId" } }`.',
    'Events arrive as server-sent events from `GET /events` (same token), one `event:` name and one JSON `data:` line each.',
    '',
    `A request body is at most ${DEFAULT_MAX_INPUT_BYTES} bytes unless its channel says more (an image); a larger one is answered 413`,
    "without being read. Every channel's largest legal input fits its limit (a test proves it).",
    '',
    'A till is one terminal with one session at a time: `auth:setup` (first manager) or `auth:signIn` starts it,',
    'for the desktop window and the web host alike, and a new sign-in replaces it. Channels marked for staff or',
    'managers answer `unauthenticated`, `till_locked` or `forbidden` until the right person is signed in.',
    '',
    '## Error codes',
    '',
    'The web host also sets the HTTP status; the envelope is the truth.',
    '',
    '| code | HTTP status |',
    '|---|---|',
    errorCodes.map((code) => `| \`${code}\` | ${httpStatusOf[code]} |`).join('\n'),
    '',
    '## Channels',
    ''
  ]
  for (const name of channelNames) {
    const spec = contract[name]
    lines.push(
      `### \`${name}\``,
      '',
      spec.summary,
      '',
      `Who may call it: ${accessWords[spec.access]}.`,
      '',
      `Largest request body: ${maxInputBytesOf(name)} bytes.`,
      '',
      'Input:',
      '',
      schemaBlock(spec.input),
      '',
      'Output:',
      '',
      schemaBlock(spec.output),
      ''
    )
  }
  lines.push('## Events', '')
  for (const name of eventNames) {
    const spec = events[name]
    lines.push(`### \`${name}\``, '', spec.summary, '', 'Payload:', '', schemaBlock(spec.payload), '')
  }
  return lines.join('\n')
}
