import { randomUUID } from 'node:crypto'

/** An error answered the way the Botpress API does: `{ id, code, type, message }`. */
export class ApiFailure extends Error {
  public constructor(
    public readonly code: number,
    public readonly type: string,
    message: string
  ) {
    super(message)
  }

  public toJSON() {
    return { id: `err_${randomUUID()}`, code: this.code, type: this.type, message: this.message }
  }
}

/** Any failure as the API answers it: an ApiFailure as it is, anything else as `500 Internal`. */
export const asApiFailure = (thrown: unknown): ApiFailure =>
  thrown instanceof ApiFailure
    ? thrown
    : new ApiFailure(500, 'Internal', thrown instanceof Error ? thrown.message : String(thrown))

export const notFound = (what: string, id: string) =>
  new ApiFailure(404, 'ResourceNotFound', `${what} "${id}" not found`)
export const invalidPayload = (message: string) => new ApiFailure(400, 'InvalidPayload', message)
export const referenceNotFound = (message: string) => new ApiFailure(400, 'ReferenceNotFound', message)
export const unauthorized = (message: string) => new ApiFailure(401, 'Unauthorized', message)
export const forbidden = (message: string) => new ApiFailure(403, 'Forbidden', message)

/** The error type the client expects for a status, so a simulated failure is classified as a real one. */
const TYPE_OF_STATUS: Record<number, string> = {
  400: 'InvalidPayload',
  401: 'Unauthorized',
  403: 'Forbidden',
  404: 'ResourceNotFound',
  405: 'MethodNotFound',
  429: 'RateLimited',
}

export const simulatedFailure = (status: number) =>
  new ApiFailure(status, TYPE_OF_STATUS[status] ?? 'Internal', `Simulated failure (HTTP ${status}) of the local cloud`)
