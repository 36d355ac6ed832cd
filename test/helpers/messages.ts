import type { ChatMessage } from '../../src/index.js';

/** A message without the id the chat gave it, for comparing with a literal. */
export function withoutId<T extends ChatMessage | undefined>(message: T): T {
  if (!message) return message;
  const copy = { ...message };
  delete copy.id;
  return copy;
}

/** Messages without the ids the chat gave them, for comparing with literals. */
export function withoutIds(messages: readonly ChatMessage[]): ChatMessage[] {
  return messages.map((message) => withoutId(message));
}
