import { randomBytes } from 'node:crypto'
import { stringify } from 'safe-stable-stringify'
import { shortDigest } from '../../short-digest'

/**
 * The tags the intake writes on a user message beside `id` (declared in definitions/channels.ts). Botpress
 * finds a resent message by `id` alone and, in our reading, keeps the tags of its first write; they tell a
 * resend what the first request was (see docs/botpress-assumptions.md for the other reading):
 * - `content`: a digest of what is stored, its type and payload, so other content under the same
 *   `messageId` is refused rather than dropped;
 * - `write`: the id of the request that wrote it, so a request tells whether it wrote the message;
 * - `look`: with `Prefer: wait`, what the bot was busy with just before (`wait/look.ts`), so a resend's
 *   replies are judged as the first request's were.
 */
export type IntakeTags = { content: string; write: string; look?: string }

/** 96 bits: a request id no other request draws. */
const newWriteId = () => randomBytes(12).toString('base64url')

/** Keys sorted at every level: the same content always has the same digest, whatever order it came in. */
export const contentDigest = ({ type, payload }: { type: string; payload: unknown }) =>
  shortDigest(stringify({ type, payload }) ?? '', 22)

export const intakeTagsFor = (message: { type: string; payload: unknown }, lookTag?: string): IntakeTags => ({
  content: contentDigest(message),
  write: newWriteId(),
  ...(lookTag === undefined ? {} : { look: lookTag }),
})
