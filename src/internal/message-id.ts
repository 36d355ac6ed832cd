import type { ChatMessage } from '../transports/transport.js';

/**
 * A new message id: 16 random base-36 characters. `crypto.getRandomValues` works outside
 * secure contexts too, where `crypto.randomUUID` is missing.
 */
export function messageId(): string {
  const bytes = crypto.getRandomValues(new Uint8Array(16));
  return `m${Array.from(bytes, (byte) => (byte % 36).toString(36)).join('')}`;
}

/** `messages` with an id on every message: those without one are copied with a new id. */
export function withIds(messages: ChatMessage[]): ChatMessage[] {
  return messages.every((message) => message.id)
    ? messages
    : messages.map((message) => (message.id ? message : { ...message, id: messageId() }));
}
