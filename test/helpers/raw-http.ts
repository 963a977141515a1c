import { connect } from 'node:net'

/**
 * Sends bytes exactly as given (a request target no HTTP client would send, say) and resolves
 * with the status code of the answer, or 0 when the connection closed without one.
 */
export function rawRequest(port: number, text: string): Promise<number> {
  return new Promise((resolve, reject) => {
    const socket = connect(port, '127.0.0.1', () => socket.write(text))
    let answer = ''
    socket.on('data', (chunk: Buffer) => {
      answer += chunk.toString('latin1')
      const status = /^HTTP\/1\.1 (\d{3})/.exec(answer)
      if (status?.[1]) {
        socket.destroy()
        resolve(Number(status[1]))
      }
    })
    socket.on('close', () => resolve(0))
    socket.on('error', reject)
  })
}
