import * as api from '@botpress/api'
import { describe, expect, it } from 'vitest'
import { LIMITS } from '../definitions/limits'

// Every limit the webhook states in hub.md fits what Botpress's published definition accepts, so a request
// within our limits is never refused by Botpress for its size.
type Schema = { properties?: Record<string, Schema>; additionalProperties?: Schema; maxLength?: number }
const { operations, schemas } = api.runtime.state as unknown as {
  operations: Record<string, { requestBody: { schema: Schema } }>
  schemas: Record<string, { schema: Schema }>
}
const body = (operation: string) => operations[operation]!.requestBody.schema
const maxLength = (schema: Schema | undefined) => {
  if (schema?.maxLength === undefined) throw new Error('the definition states no maxLength there')
  return schema.maxLength
}

describe('limits against the Botpress API definition', () => {
  it('ids fit in a tag value of users, conversations and messages', () => {
    for (const operation of ['getOrCreateUser', 'getOrCreateConversation', 'getOrCreateMessage']) {
      expect(LIMITS.idLength, operation).toBeLessThanOrEqual(
        maxLength(body(operation).properties?.tags?.additionalProperties)
      )
    }
  })

  it('userName fits the user name, when created and when updated', () => {
    expect(LIMITS.userNameLength).toBeLessThanOrEqual(maxLength(schemas.User!.schema.properties?.name))
    expect(LIMITS.userNameLength).toBeLessThanOrEqual(maxLength(body('getOrCreateUser').properties?.name))
    expect(LIMITS.userNameLength).toBeLessThanOrEqual(maxLength(body('updateUser').properties?.name))
  })

  it('userPictureUrl fits the user picture URL', () => {
    expect(LIMITS.urlLength).toBeLessThanOrEqual(maxLength(body('getOrCreateUser').properties?.pictureUrl))
    expect(LIMITS.urlLength).toBeLessThanOrEqual(maxLength(body('updateUser').properties?.pictureUrl))
  })

  it("the whole body fits Botpress's 128 KB message payload, read as 128,000 bytes", () => {
    // What a message writes is a part of the body: its payload (with the text, for a type of your own).
    expect(LIMITS.bodyBytes).toBeLessThanOrEqual(128_000)
  })

  it('a type fits a message type', () => {
    expect(LIMITS.typeLength).toBeLessThanOrEqual(maxLength(body('getOrCreateMessage').properties?.type))
  })
})
