import type { Request } from '@botpress/sdk'
import { HttpError } from '../../errors'
import type { DocumentFile } from './openapi-document'

export type Route = 'message' | 'event' | 'read' | 'file' | 'deliveries' | 'redeliver' | DocumentFile

type Served = { route: Route; method: 'POST' | 'GET'; action: string }

const SEND_MESSAGE: Served = { route: 'message', method: 'POST', action: 'send a message' }
const SEND_EVENT: Served = { route: 'event', method: 'POST', action: 'send an event' }
const READ_MESSAGES: Served = { route: 'read', method: 'GET', action: "read the bot's messages" }
const UPLOAD_FILE: Served = { route: 'file', method: 'POST', action: 'ask for an upload URL' }
const LIST_DELIVERIES: Served = { route: 'deliveries', method: 'GET', action: 'list the failed deliveries' }
const REDELIVER: Served = { route: 'redeliver', method: 'POST', action: 'deliver bot messages again' }
const YAML_DOCUMENT: Served = { route: 'openapi.yaml', method: 'GET', action: "read the API's description" }
const JSON_DOCUMENT: Served = { route: 'openapi.json', method: 'GET', action: "read the API's description" }

const ROUTES: Record<string, Served> = {
  '': SEND_MESSAGE,
  '/': SEND_MESSAGE,
  '/events': SEND_EVENT,
  '/events/': SEND_EVENT,
  '/messages': READ_MESSAGES,
  '/messages/': READ_MESSAGES,
  '/files': UPLOAD_FILE,
  '/files/': UPLOAD_FILE,
  '/deliveries': LIST_DELIVERIES,
  '/deliveries/': LIST_DELIVERIES,
  '/deliveries/redeliver': REDELIVER,
  '/deliveries/redeliver/': REDELIVER,
  '/openapi.yaml': YAML_DOCUMENT,
  '/openapi.yaml/': YAML_DOCUMENT,
  '/openapi.json': JSON_DOCUMENT,
  '/openapi.json/': JSON_DOCUMENT,
}

/** Resolves the path under the webhook URL to a route; each path is served for one method. */
export const resolveRoute = (req: Request): Route => {
  const served = ROUTES[req.path]
  if (!served) {
    throw new HttpError(
      404,
      'not_found',
      `Nothing is served at "${req.path}". POST messages to the webhook URL itself, events to its /events path and files to its /files path; GET its /messages path to read the bot's messages, its /deliveries?status=failed path for the failed deliveries (POST /deliveries/redeliver sends them again), and its /openapi.yaml path for the API's description.`
    )
  }
  if (req.method.toUpperCase() !== served.method) {
    throw new HttpError(
      405,
      'method_not_allowed',
      `Use ${served.method}, not ${req.method}, to ${served.action}.`,
      undefined,
      { allow: served.method }
    )
  }
  return served.route
}
