import { randomUUID } from 'node:crypto'

/** An id shaped like Botpress's: a prefix, then 24 characters (28 to 36 in all, as the definition requires). */
export const newId = (prefix: string) => `${prefix}_${randomUUID().replace(/-/g, '').slice(0, 24)}`
