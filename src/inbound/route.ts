import type { Request } from '@botpress/sdk'
import { HttpError } from '../errors'

export type Route = 'message' | 'event'

const ROUTES: Record<string, Route> = { '': 'message', '/': 'message', '/events': 'event', '/events/': 'event' }

/** Resolves the path under the webhook URL to a route; only POST is served. */
export const resolveRoute = (req: Request): Route => {
  const route = ROUTES[req.path]
  if (!route) {
    throw new HttpError(
      404,
      'not_found',
      `Nothing is served at "${req.path}". POST messages to the webhook URL itself, and events to its /events path.`
    )
  }
  if (req.method.toUpperCase() !== 'POST') {
    throw new HttpError(405, 'method_not_allowed', `Use POST, not ${req.method}, to send a ${route}.`, undefined, {
      allow: 'POST',
    })
  }
  return route
}
