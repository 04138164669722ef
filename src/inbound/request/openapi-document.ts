import type { Response } from '@botpress/sdk'

export type DocumentFile = 'openapi.yaml' | 'openapi.json'

const CONTENT_TYPES: Record<DocumentFile, string> = {
  'openapi.yaml': 'application/yaml',
  'openapi.json': 'application/json',
}

type Texts = typeof import('./openapi-document.generated')
let texts: Promise<Texts> | undefined

/**
 * The API's own OpenAPI document, for client generators and API tools: openapi.yaml as written, or the same
 * document as JSON, both ready to send. Their module (about 90 KB of text) is evaluated when first asked for:
 * a cold start only reads past it.
 */
export const openApiDocument = async (file: DocumentFile): Promise<Response> => {
  texts ??= import('./openapi-document.generated')
  const { OPENAPI_YAML, OPENAPI_JSON } = await texts
  return {
    status: 200,
    // Public, like any API's description: tools running in a browser may read it from any site.
    headers: { 'content-type': CONTENT_TYPES[file], 'access-control-allow-origin': '*' },
    body: file === 'openapi.yaml' ? OPENAPI_YAML : OPENAPI_JSON,
  }
}
