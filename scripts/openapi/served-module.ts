import { parse } from 'yaml'
import { GENERATED_NOTICE } from './paths'

/**
 * The module the webhook serves the document from: openapi.yaml's text, byte for byte, and the same
 * document as JSON. Both are ready to send, so a request parses nothing; `bp build` (esbuild without custom
 * loaders) bundles them like any other module.
 */
export const servedModule = (yamlText: string): string =>
  [
    `// ${GENERATED_NOTICE}`,
    '',
    '/** openapi.yaml as written. */',
    `export const OPENAPI_YAML = ${JSON.stringify(yamlText)}`,
    '',
    '/** The same document as JSON. */',
    `export const OPENAPI_JSON = ${JSON.stringify(JSON.stringify(parse(yamlText)))}`,
    '',
  ].join('\n')
