import { failure, type MessagingApi } from './client'

/**
 * A file the back-end holds as bytes, sent as an image: an upload URL from the webhook, the bytes PUT straight
 * to Botpress Files with the headers it gives, then an ordinary `image` message with the file's `url`.
 */
export const sendImage = async (
  api: MessagingApi,
  parties: { userId: string; conversationId: string },
  bytes: Uint8Array,
  name: string
) => {
  const upload = await api.POST('/files', { body: { name, contentType: 'image/png', size: bytes.length } })
  if (upload.error) throw failure('ask for an upload URL', upload.error, upload.response)
  const { url, uploadUrl, uploadHeaders } = upload.data
  const put = await fetch(uploadUrl, { method: 'PUT', headers: uploadHeaders, body: bytes })
  if (!put.ok) throw new Error(`Could not upload ${name}: HTTP ${put.status}`)
  const sent = await api.POST('/', {
    params: { header: { Prefer: 'wait=10' } },
    body: { ...parties, messageId: crypto.randomUUID(), type: 'image', text: name, payload: { imageUrl: url } },
  })
  if (sent.error) throw failure('send an image', sent.error, sent.response)
  return { url, answer: sent.data }
}
