import type { IncomingMessage, ServerResponse } from 'node:http'

export class BodyTooLarge extends Error {}

/**
 * Reads at most `maxBytes` as the exact bytes sent. A body announced or found larger is refused
 * without reading the rest: the caller answers 413 and the connection is closed after it
 * (`closeUnreadRequests`), so a sender cannot make the till read 64 MiB to be told no.
 */
export function readBodyBytes(req: IncomingMessage, maxBytes: number): Promise<Buffer> {
  return new Promise((resolve, reject) => {
    if (Number(req.headers['content-length'] ?? 0) > maxBytes) {
      reject(new BodyTooLarge())
      return
    }
    const chunks: Buffer[] = []
    let size = 0
    const onData = (chunk: Buffer): void => {
      size += chunk.length
      if (size <= maxBytes) {
        chunks.push(chunk)
        return
      }
      req.off('data', onData)
      req.pause()
      reject(new BodyTooLarge())
    }
    req.on('data', onData)
    req.on('end', () => resolve(Buffer.concat(chunks)))
    req.on('error', reject)
  })
}

export async function readBody(req: IncomingMessage, maxBytes: number): Promise<string> {
  return (await readBodyBytes(req, maxBytes)).toString('utf8')
}

/**
 * A request answered before its body was read whole (too large, refused, rate-limited) has its
 * connection closed after the answer, instead of Node reading and discarding the rest of it.
 */
export function closeUnreadRequests(req: IncomingMessage, res: ServerResponse): void {
  const writeHead = res.writeHead.bind(res) as (...args: unknown[]) => ServerResponse
  res.writeHead = ((...args: unknown[]) => {
    if (!req.complete && !res.headersSent) res.setHeader('Connection', 'close')
    return writeHead(...args)
  }) as ServerResponse['writeHead']
  res.once('finish', () => {
    if (!req.complete) req.socket.destroy()
  })
}
