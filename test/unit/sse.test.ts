import { describe, expect, it } from 'vitest'
import { SseParser } from '../../renderer/src/client/sse'

describe('server-sent event parser', () => {
  it('assembles events split across chunks at any point', () => {
    const stream = 'retry: 2000\n\n: keep-alive\n\nevent: prefs:changed\ndata: {"language":"vi"}\n\nevent: providers:changed\r\ndata: []\r\n\r\n'
    for (let cut = 1; cut < stream.length; cut++) {
      const parser = new SseParser()
      const events = [...parser.push(stream.slice(0, cut)), ...parser.push(stream.slice(cut))]
      expect(events).toEqual([
        { event: 'prefs:changed', data: '{"language":"vi"}' },
        { event: 'providers:changed', data: '[]' }
      ])
    }
  })

  it('joins multi-line data and defaults the event name', () => {
    expect(new SseParser().push('data: a\ndata: b\n\n')).toEqual([{ event: 'message', data: 'a\nb' }])
  })
})
