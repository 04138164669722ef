import type { Response } from '@botpress/sdk'

/** What a caught failure says: its message, or the thrown value itself. */
export const reasonOf = (thrown: unknown): string => (thrown instanceof Error ? thrown.message : String(thrown))

/** One problem with the caller's request, located by its JSON path (e.g. `payload.imageUrl`). */
export type FieldIssue = { path: string; message: string }

/** A failure the webhook answers with: an HTTP status, a stable code and a message written for the caller. */
export class HttpError extends Error {
  public constructor(
    public readonly status: number,
    public readonly code: string,
    message: string,
    public readonly issues?: FieldIssue[],
    public readonly headers?: Record<string, string>,
    /** The failure this answer stands for (a Botpress API error), kept for decisions, never shown. */
    public override readonly cause?: unknown
  ) {
    super(message)
  }
}

export const jsonResponse = (status: number, body: unknown, headers: Record<string, string> = {}): Response => ({
  status,
  headers: { 'content-type': 'application/json', ...headers },
  body: JSON.stringify(body),
})

/** The single place where an error becomes the answer `{ error: { code, message, issues? } }`. */
export const errorResponse = (error: HttpError): Response =>
  jsonResponse(
    error.status,
    { error: { code: error.code, message: error.message, ...(error.issues ? { issues: error.issues } : {}) } },
    error.headers
  )
