/**
 * The path and query of a request target, or null when it is not one: Node's HTTP parser lets
 * targets such as `//[/x` or `http://[` through, and `new URL` throws on them.
 */
export function parseTarget(target: string | undefined): URL | null {
  return URL.canParse(target ?? '/', 'http://127.0.0.1') ? new URL(target ?? '/', 'http://127.0.0.1') : null
}
