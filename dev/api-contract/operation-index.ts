/** One operation of a Botpress API definition (`@botpress/api`'s `state.operations[name]`), as far as we read it. */
export type OperationDefinition = {
  name: string
  method: string
  path: string
  parameters?: Record<string, ParameterDefinition>
  requestBody?: { schema: JsonSchema }
  response: { schema: JsonSchema }
}

export type ParameterDefinition = {
  in: 'path' | 'query' | 'header'
  type: string
  required?: boolean
  enum?: string[]
  schema?: JsonSchema
}

export type JsonSchema = Record<string, unknown>

export type MatchedOperation = { operation: OperationDefinition; pathParams: Record<string, string> }

const escape = (text: string) => text.replace(/[.*+?^${}()|[\]\\]/g, '\\$&')

/** `/v1/chat/users/{id}` → a pattern with one named group per `{param}`. */
const patternOf = (path: string) =>
  new RegExp(
    `^${path
      .split(/\{([^}]+)\}/)
      .map((part, i) => (i % 2 ? `(?<${part}>[^/]+)` : escape(part)))
      .join('')}$`
  )

/**
 * Finds the operation a request is for. Fixed paths win over templated ones, as in any router:
 * `/users/get-or-create` is `getOrCreateUser`, not `getUser` with id "get-or-create".
 */
export class OperationIndex {
  private readonly entries: { operation: OperationDefinition; pattern: RegExp; fixedLength: number }[]

  public constructor(operations: Record<string, OperationDefinition>) {
    this.entries = Object.values(operations)
      .map((operation) => ({
        operation,
        pattern: patternOf(operation.path),
        fixedLength: operation.path.replace(/\{[^}]+\}/g, '').length,
      }))
      .sort((a, b) => b.fixedLength - a.fixedLength)
  }

  public match(method: string, pathname: string): MatchedOperation | undefined {
    for (const { operation, pattern } of this.entries) {
      if (operation.method.toUpperCase() !== method.toUpperCase()) continue
      const found = pattern.exec(pathname)
      if (found) {
        const pathParams = Object.fromEntries(
          Object.entries(found.groups ?? {}).map(([name, value]) => [name, decodeURIComponent(value)])
        )
        return { operation, pathParams }
      }
    }
    return undefined
  }

  public get(name: string): OperationDefinition | undefined {
    return this.entries.find((entry) => entry.operation.name === name)?.operation
  }
}
