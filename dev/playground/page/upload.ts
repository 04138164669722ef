/** The payload fields a file the user picks can fill: the media URLs of image, audio, video and file messages. */
export const UPLOADABLE_FIELDS = new Set(['imageUrl', 'audioUrl', 'videoUrl', 'fileUrl'])

/**
 * Sends a file as a back-end would (hub.md, "Sending a file"): an upload URL from `POST {webhook URL}/files`,
 * the bytes PUT there with the headers it gives; answers the file's URL, to send in the message.
 */
export const uploadFile = async (webhookUrl: string, token: string, file: File): Promise<string> => {
  const asked = await fetch(`${webhookUrl}/files`, {
    method: 'POST',
    headers: { authorization: `bearer ${token}`, 'content-type': 'application/json' },
    body: JSON.stringify({ name: file.name, contentType: file.type || 'application/octet-stream', size: file.size }),
  })
  const answer = (await asked.json()) as {
    url: string
    uploadUrl: string
    uploadHeaders: Record<string, string>
    error?: { message: string }
  }
  if (!asked.ok) throw new Error(answer.error?.message ?? `POST /files answered HTTP ${asked.status}`)
  const put = await fetch(answer.uploadUrl, { method: 'PUT', headers: answer.uploadHeaders, body: file })
  if (!put.ok) throw new Error(`The upload answered HTTP ${put.status}`)
  return answer.url
}
