import { z } from 'zod'

/**
 * What can go wrong between the till and a provider, reproduced on demand:
 * - `latency`: the answer comes, late.
 * - `hang`: no answer at all (the socket stays open until the client gives up).
 * - `reset-before`: the connection drops before the provider processes the request.
 * - `reset-after`: the provider processes (commits) the request, then the connection drops.
 * - `status`: an HTTP error such as 500, 502, 503 or 429, before or after processing.
 * - `malformed`: a 200 whose body is not JSON; `truncated`: a 200 whose body stops half-way.
 */
export const FaultKindSchema = z.enum(['latency', 'hang', 'reset-before', 'reset-after', 'status', 'malformed', 'truncated'])
export type FaultKind = z.infer<typeof FaultKindSchema>

export const FaultRuleSchema = z
  .object({
    /** A route name of the simulator (e.g. `usemultiple`), or `*` for every route. */
    route: z.string().min(1),
    kind: FaultKindSchema,
    /** Added before the answer (for `latency`, and as extra delay for the others). */
    latencyMs: z.number().int().min(0).max(600_000).default(0),
    /** For `status`. */
    status: z.number().int().min(400).max(599).default(500),
    /** For `status`, `malformed` and `truncated`: whether the provider did the work first. */
    afterProcessing: z.boolean().default(false),
    /** Applies to the next N matching requests, then is gone. Omitted: until cleared. */
    times: z.number().int().positive().optional(),
    /** Applies to every Nth matching request only (1 = all). */
    every: z.number().int().positive().default(1)
  })
  .strict()
export type FaultRule = z.infer<typeof FaultRuleSchema>
export type FaultRuleInput = z.input<typeof FaultRuleSchema>

interface ActiveRule {
  id: number
  rule: FaultRule
  seen: number
  applied: number
}

/** The faults currently armed on a simulator, matched per request in the order they were added. */
export class FaultPlan {
  private rules: ActiveRule[] = []
  private nextId = 1

  add(input: FaultRuleInput): number {
    const rule = FaultRuleSchema.parse(input)
    const id = this.nextId++
    this.rules.push({ id, rule, seen: 0, applied: 0 })
    return id
  }

  clear(route?: string): void {
    this.rules = route === undefined ? [] : this.rules.filter((active) => active.rule.route !== route)
  }

  list(): (FaultRule & { id: number; applied: number })[] {
    return this.rules.map((active) => ({ ...active.rule, id: active.id, applied: active.applied }))
  }

  /** The fault for this request, if any; counts it against `times` and `every`. */
  take(route: string): FaultRule | null {
    for (const active of this.rules) {
      if (active.rule.route !== route && active.rule.route !== '*') continue
      active.seen += 1
      if (active.seen % active.rule.every !== 0) continue
      active.applied += 1
      if (active.rule.times !== undefined && active.applied >= active.rule.times) {
        this.rules = this.rules.filter((other) => other !== active)
      }
      return active.rule
    }
    return null
  }
}

/** Named fault sets for `npm run sandbox --faults <profile>` and for manual testing. */
export const faultProfiles: Record<string, FaultRuleInput[]> = {
  none: [],
  slow: [{ route: '*', kind: 'latency', latencyMs: 3000 }],
  flaky: [
    { route: '*', kind: 'status', status: 503, every: 3 },
    { route: '*', kind: 'reset-before', every: 7 }
  ],
  'commit-then-drop': [{ route: '*', kind: 'reset-after', every: 2 }],
  timeout: [{ route: '*', kind: 'hang' }],
  offline: [{ route: '*', kind: 'reset-before' }]
}
