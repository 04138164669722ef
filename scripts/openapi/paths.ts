import { resolve } from 'node:path'

const ROOT = resolve(__dirname, '..', '..')

/** The contract as written: the source of everything generated from it. */
export const OPENAPI_FILE = resolve(ROOT, 'openapi.yaml')
/** The document as the webhook serves it, bundled by `bp build` with the rest of src/. */
export const SERVED_MODULE_FILE = resolve(ROOT, 'src', 'inbound', 'request', 'openapi-document.generated.ts')
/** The typed client example's types, as a user generates them with openapi-typescript. */
export const CLIENT_TYPES_FILE = resolve(ROOT, 'examples', 'typescript-client', 'schema.d.ts')

/** Says, at the top of each generated file, where it comes from and how to refresh it. */
export const GENERATED_NOTICE = 'Generated from openapi.yaml by `npm run gen:openapi`: do not edit.'
