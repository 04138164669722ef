import { pathToFileURL } from 'node:url'
import openapiTS, { astToString } from 'openapi-typescript'
import { GENERATED_NOTICE } from './paths'

/** The typed client example's types: what `npx openapi-typescript openapi.yaml -o schema.d.ts` writes. */
export const clientTypes = async (openapiFile: string): Promise<string> =>
  `// ${GENERATED_NOTICE}\n\n${astToString(await openapiTS(pathToFileURL(openapiFile)))}`
