import Ajv, { type ErrorObject, type ValidateFunction } from 'ajv'
import addFormats from 'ajv-formats'
import type { IncomingHttpHeaders } from 'node:http'
import { parse } from 'yaml'

/** A request as the validator sees it: the path relative to the API's base path. */
export interface ApiRequest {
  method: string
  path: string
  headers: IncomingHttpHeaders
  query: URLSearchParams
  /** The parsed JSON body, or undefined. */
  body: unknown
  contentType: string | undefined
}

export interface ApiCheck {
  /** The spec's operationId, or null when no operation matches. */
  operation: string | null
  /** The path parameters by name. */
  params: Record<string, string>
  /** Every way the request breaks the spec, in words; empty when it keeps it. */
  problems: string[]
  deprecated: boolean
}

type Json = Record<string, unknown>

interface Parameter {
  name: string
  in: 'path' | 'query' | 'header' | 'cookie'
  required: boolean
  check: ValidateFunction
}

interface Operation {
  method: string
  template: string
  pattern: RegExp
  names: string[]
  operationId: string
  deprecated: boolean
  parameters: Parameter[]
  body: { required: boolean; contentTypes: Map<string, ValidateFunction> } | null
  /** Literal segments first when two templates match the same path. */
  literalSegments: number
}

const isObject = (value: unknown): value is Json => typeof value === 'object' && value !== null && !Array.isArray(value)

/**
 * Strict by default: an object schema that lists its properties accepts no others unless it
 * says so, so an undeclared field is an error, as the provider's gateway would have it.
 */
function strictCopy(node: unknown): unknown {
  if (Array.isArray(node)) return node.map(strictCopy)
  if (!isObject(node)) return node
  const copy: Json = {}
  for (const [key, value] of Object.entries(node)) copy[key] = key === 'example' || key === 'examples' ? value : strictCopy(value)
  if (isObject(copy['properties']) && copy['additionalProperties'] === undefined) copy['additionalProperties'] = false
  if (typeof copy['$ref'] === 'string' && copy['$ref'].startsWith('#/')) copy['$ref'] = `spec${copy['$ref']}`
  return copy
}

function describe(errors: ErrorObject[] | null | undefined, where: string): string[] {
  return (errors ?? []).map((e) => {
    const at = `${where}${e.instancePath.replace(/\//g, '.')}`
    if (e.keyword === 'additionalProperties') return `${at} has a field the spec does not declare: ${String((e.params as { additionalProperty?: string }).additionalProperty)}`
    if (e.keyword === 'required') return `${at} lacks the required field ${String((e.params as { missingProperty?: string }).missingProperty)}`
    return `${at} ${e.message ?? 'is not valid'}`
  })
}

/**
 * Requests checked against an OpenAPI 3.0 document itself (not against our own schemas): the
 * operation, its path, query and header parameters, and its body, with undeclared fields refused.
 */
export class OpenApiValidator {
  private readonly operations: Operation[] = []

  constructor(specText: string) {
    const spec = parse(specText) as Json
    const ajv = new Ajv({ strict: false, allErrors: true, coerceTypes: false })
    addFormats(ajv)
    ajv.addSchema(strictCopy({ components: spec['components'] ?? {} }) as Json, 'spec')
    const resolve = (node: unknown): Json => {
      if (isObject(node) && typeof node['$ref'] === 'string') {
        const found = node['$ref']
          .replace(/^#\//, '')
          .split('/')
          .reduce<unknown>((at, key) => (isObject(at) ? at[key.replace(/~1/g, '/').replace(/~0/g, '~')] : undefined), spec)
        return isObject(found) ? found : {}
      }
      return isObject(node) ? node : {}
    }
    // Parameters arrive as text: numbers and booleans in them are read as such before checking.
    const coercing = new Ajv({ strict: false, allErrors: true, coerceTypes: true })
    addFormats(coercing)
    coercing.addSchema(strictCopy({ components: spec['components'] ?? {} }) as Json, 'spec')

    for (const [template, item] of Object.entries(isObject(spec['paths']) ? spec['paths'] : {})) {
      if (!isObject(item)) continue
      const shared = Array.isArray(item['parameters']) ? item['parameters'] : []
      for (const method of ['get', 'put', 'post', 'delete', 'patch']) {
        const op = item[method]
        if (!isObject(op)) continue
        const names: string[] = []
        const pattern = new RegExp(
          `^${template
            .split('/')
            .map((segment) => {
              const param = /^\{(\w+)\}$/.exec(segment)
              if (param?.[1]) {
                names.push(param[1])
                return '([^/]+)'
              }
              return segment.replace(/[.*+?^$()|[\]\\]/g, '\\$&')
            })
            .join('/')}$`
        )
        const declared = [...shared, ...(Array.isArray(op['parameters']) ? op['parameters'] : [])].map(resolve)
        const parameters: Parameter[] = declared.map((p) => ({
          name: String(p['name']),
          in: p['in'] as Parameter['in'],
          required: p['required'] === true || p['in'] === 'path',
          check: coercing.compile(strictCopy(p['schema'] ?? {}) as Json)
        }))
        const requestBody = resolve(op['requestBody'])
        const content = isObject(requestBody['content']) ? requestBody['content'] : null
        const body = content
          ? {
              required: requestBody['required'] === true,
              contentTypes: new Map(Object.entries(content).map(([type, media]) => [type, ajv.compile(strictCopy(isObject(media) ? (media['schema'] ?? {}) : {}) as Json)]))
            }
          : null
        this.operations.push({
          method: method.toUpperCase(),
          template,
          pattern,
          names,
          operationId: String(op['operationId'] ?? `${method} ${template}`),
          deprecated: op['deprecated'] === true,
          parameters,
          body,
          literalSegments: template.split('/').filter((s) => s !== '' && !s.startsWith('{')).length
        })
      }
    }
    this.operations.sort((a, b) => b.literalSegments - a.literalSegments)
  }

  check(request: ApiRequest): ApiCheck {
    const candidates = this.operations.filter((op) => op.pattern.test(request.path))
    const op = candidates.find((o) => o.method === request.method.toUpperCase())
    if (!op) {
      const why = candidates.length > 0 ? `${request.method} is not an operation of ${candidates[0]?.template ?? request.path}` : `no operation has the path ${request.path}`
      return { operation: null, params: {}, problems: [why], deprecated: false }
    }
    const match = op.pattern.exec(request.path)
    const params: Record<string, string> = {}
    op.names.forEach((name, i) => (params[name] = decodeURIComponent(match?.[i + 1] ?? '')))
    const problems: string[] = []
    for (const p of op.parameters) {
      const raw = p.in === 'path' ? params[p.name] : p.in === 'query' ? (request.query.get(p.name) ?? undefined) : p.in === 'header' ? request.headers[p.name.toLowerCase()] : undefined
      const value = Array.isArray(raw) ? raw[0] : raw
      if (value === undefined || value === '') {
        if (p.required) problems.push(`the ${p.in} parameter ${p.name} is required`)
        continue
      }
      if (!p.check(value)) problems.push(...describe(p.check.errors, `${p.in} ${p.name}`))
    }
    if (op.body) {
      const type = (request.contentType ?? '').split(';')[0]?.trim().toLowerCase() ?? ''
      const check = op.body.contentTypes.get(type)
      if (request.body === undefined) {
        if (op.body.required) problems.push('the request body is required')
      } else if (!check) {
        problems.push(`the body must be one of ${[...op.body.contentTypes.keys()].join(', ')}, not ${type || 'untyped'}`)
      } else if (!check(request.body)) {
        problems.push(...describe(check.errors, 'body'))
      }
    } else if (request.body !== undefined) {
      problems.push('this operation takes no body')
    }
    return { operation: op.operationId, params, problems, deprecated: op.deprecated }
  }
}
