export type Tags = Record<string, string>

export type User = {
  id: string
  createdAt: string
  updatedAt: string
  tags: Tags
  name?: string
  pictureUrl?: string
}

export type Conversation = {
  id: string
  createdAt: string
  updatedAt: string
  channel: string
  integration: string
  tags: Tags
}

export type Message = {
  id: string
  createdAt: string
  updatedAt: string
  type: string
  payload: Record<string, unknown>
  direction: 'incoming' | 'outgoing'
  userId: string
  conversationId: string
  tags: Tags
}

export type BotEvent = {
  id: string
  createdAt: string
  type: string
  payload: Record<string, unknown>
  conversationId?: string
  userId?: string
  messageId?: string
  status: 'pending' | 'scheduled' | 'processed' | 'ignored' | 'failed'
  failureReason: string | null
}

export type State = {
  id: string
  createdAt: string
  updatedAt: string
  botId: string
  conversationId?: string
  userId?: string
  name: string
  type: 'conversation' | 'user' | 'bot' | 'integration' | 'task'
  payload: Record<string, unknown>
}
