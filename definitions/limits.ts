/**
 * The sizes the webhook accepts, documented in hub.md. Each one that reaches Botpress fits what Botpress
 * accepts (test/limits.test.ts checks them against its published definition), so a request Botpress would
 * refuse is refused by the webhook first, with the field named.
 */
export const LIMITS = {
  /** `userId`, `conversationId`, `messageId`, `eventId`: stored as tags (Botpress: up to 500). */
  idLength: 256,
  /** `type`, including a type of the back-end's own (kept in the payload). */
  typeLength: 64,
  textLength: 16_384,
  /** `userName`: the Botpress user's `name` (Botpress: up to 200). */
  userNameLength: 200,
  /** An event's `name`, kept in the event payload. */
  eventNameLength: 256,
  /** `userPictureUrl`: the Botpress user's `pictureUrl` (Botpress: up to 40,000). */
  urlLength: 2_048,
  /** A whole body: what a message writes fits Botpress's 128 KB payload, read as the smaller 128,000 bytes. */
  bodyBytes: 128_000,
  /** How deep objects and arrays may nest in a body; every walk over the caller's JSON is bounded by it. */
  jsonDepth: 32,
  /** `POST /files`: the most bytes one upload may declare (50 MiB, above WhatsApp's 16 MB media, below its 100 MB documents). */
  fileBytes: 50 * 1024 * 1024,
  /** `POST /files`: a file's name, a label kept in its tags (Botpress Files: tag values up to 1,000). */
  fileNameLength: 256,
  /** `POST /files`: `contentType`, a MIME type (RFC 6838: 127 characters each side of the slash). */
  contentTypeLength: 255,
  /** `POST /files`: days a file is kept, and the default (Botpress keeps a file with an expiry up to 90 days). */
  fileDays: { default: 30, max: 90 },
  /** `POST /deliveries/redeliver`: ids a request may list, delivered one after another within its deadline. */
  redeliverIds: 20,
} as const

/** The most characters Botpress keeps in one tag value of a message: what the integration's own tags fit in. */
export const TAG_VALUE_LENGTH = 500
