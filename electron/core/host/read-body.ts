import type { IncomingMessage } from 'node:http'

export class BodyTooLarge extends Error {}

/** Reads at most `maxBytes`; a larger body is drained and discarded so an answer can still be sent. */
export function readBody(req: IncomingMessage, maxBytes: number): Promise<string> {
  return new Promise((resolve, reject) => {
    const chunks: Buffer[] = []
    let size = 0
    req.on('data', (chunk: Buffer) => {
      size += chunk.length
      if (size <= maxBytes) chunks.push(chunk)
    })
    req.on('end', () => (size > maxBytes ? reject(new BodyTooLarge()) : resolve(Buffer.concat(chunks).toString('utf8'))))
    req.on('error', reject)
  })
}
