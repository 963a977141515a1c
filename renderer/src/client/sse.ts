export interface ServerSentEvent {
  event: string
  data: string
}

/**
 * Splits a text/event-stream into events. Fed chunk by chunk; returns the complete events and
 * keeps the unfinished tail for the next chunk.
 */
export class SseParser {
  private buffer = ''
  /** A chunk ending in CR may be half of a CRLF; it waits for the next chunk to decide. */
  private pendingCr = false

  push(chunk: string): ServerSentEvent[] {
    let text = (this.pendingCr ? '\r' : '') + chunk
    this.pendingCr = text.endsWith('\r')
    if (this.pendingCr) text = text.slice(0, -1)
    this.buffer += text.replace(/\r\n?/g, '\n')
    const events: ServerSentEvent[] = []
    let boundary = this.buffer.indexOf('\n\n')
    while (boundary !== -1) {
      const block = this.buffer.slice(0, boundary)
      this.buffer = this.buffer.slice(boundary + 2)
      let event = 'message'
      const data: string[] = []
      for (const line of block.split('\n')) {
        if (line.startsWith(':')) continue
        const colon = line.indexOf(':')
        const field = colon === -1 ? line : line.slice(0, colon)
        const value = colon === -1 ? '' : line.slice(colon + 1).replace(/^ /, '')
        if (field === 'event') event = value
        else if (field === 'data') data.push(value)
      }
      if (data.length > 0) events.push({ event, data: data.join('\n') })
      boundary = this.buffer.indexOf('\n\n')
    }
    return events
  }
}
