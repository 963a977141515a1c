/** Renderer-side ids for failures that never reached the core (so there is no core request id). */
export function randomId(): string {
  return `ui-${crypto.randomUUID()}`
}
