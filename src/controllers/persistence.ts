import type { ChatMessage } from '../transports/transport.js';

// Loaded with import() by <stream-chat persist="…">, so pages that do not persist never pay
// for it. Storage can be full, disabled or hold anything a previous version (or a person)
// wrote: every failure is reported with console.warn and otherwise ignored.

const ROLES = new Set(['system', 'user', 'assistant', 'tool']);

/** `localStorage[key]` holds the conversation as JSON, `localStorage[key + '.draft']` the draft. */
export interface SavedChat {
  messages: ChatMessage[];
  draft: string;
}

function warn(key: string, what: string, error: unknown): void {
  console.warn(`stream-chat-elements: ${what} "${key}" in localStorage:`, error);
}

function isMessage(value: unknown): value is ChatMessage {
  const message = value as ChatMessage | null;
  return (
    typeof message === 'object' &&
    message !== null &&
    ROLES.has(message.role) &&
    typeof message.content === 'string'
  );
}

/** The saved conversation and draft; what cannot be read is warned about and left out. */
export function loadChat(key: string): SavedChat {
  const saved: SavedChat = { messages: [], draft: '' };
  try {
    saved.draft = localStorage.getItem(`${key}.draft`) ?? '';
    const raw = localStorage.getItem(key);
    if (raw !== null) {
      const messages: unknown = JSON.parse(raw);
      if (!Array.isArray(messages) || !messages.every(isMessage)) {
        throw new TypeError('expected an array of { role, content } messages');
      }
      // Every field a message carries (id, tool calls, sources, feedback, versions) is kept.
      saved.messages = messages;
    }
  } catch (error) {
    warn(key, 'ignored the unreadable conversation saved under', error);
  }
  return saved;
}

/** Saves the conversation, or the draft, under `key`; an empty value removes the entry. */
export function saveChat(key: string, saved: Partial<SavedChat>): void {
  try {
    if (saved.messages) {
      if (saved.messages.length > 0) localStorage.setItem(key, JSON.stringify(saved.messages));
      else localStorage.removeItem(key);
    }
    if (saved.draft !== undefined) {
      if (saved.draft) localStorage.setItem(`${key}.draft`, saved.draft);
      else localStorage.removeItem(`${key}.draft`);
    }
  } catch (error) {
    warn(key, 'could not save the conversation under', error);
  }
}
