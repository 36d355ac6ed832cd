import type { ChatMessage } from '../transports/transport.js';

// Loaded with import() by <stream-chat persist="…">, so pages that do not persist never pay
// for it. Storage can be blocked (the `localStorage` getter or its methods throw in some
// privacy modes and sandboxed frames), full, or hold anything a previous version (or a person)
// wrote: every failure is reported with console.warn, once per kind for each `warned` set the
// caller keeps, and otherwise ignored — the chat works on without persistence.

const ROLES = new Set(['system', 'user', 'assistant', 'tool']);

/** `localStorage[key]` holds the conversation as JSON, `localStorage[key + '.draft']` the draft. */
export interface SavedChat {
  messages: ChatMessage[];
  draft: string;
}

function warn(key: string, what: string, error: unknown, warned: Set<string>): void {
  if (warned.has(what)) return;
  warned.add(what);
  console.warn(`stream-chat-elements: ${what} "${key}" in localStorage:`, error);
}

/** Why storage refused: full, or not available at all. */
function refusal(error: unknown): string {
  return error instanceof DOMException && error.name === 'QuotaExceededError'
    ? 'storage is full: could not save the conversation under'
    : 'storage is not available: the conversation is not saved under';
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
export function loadChat(key: string, warned = new Set<string>()): SavedChat {
  const saved: SavedChat = { messages: [], draft: '' };
  let raw: string | null;
  try {
    saved.draft = localStorage.getItem(`${key}.draft`) ?? '';
    raw = localStorage.getItem(key);
  } catch (error) {
    warn(key, refusal(error), error, warned);
    return saved;
  }
  try {
    if (raw !== null) {
      const messages: unknown = JSON.parse(raw);
      if (!Array.isArray(messages) || !messages.every(isMessage)) {
        throw new TypeError('expected an array of { role, content } messages');
      }
      // Every field a message carries (id, tool calls, sources, feedback, versions) is kept.
      saved.messages = messages;
    }
  } catch (error) {
    warn(key, 'ignored the unreadable conversation saved under', error, warned);
  }
  return saved;
}

/** Saves the conversation, or the draft, under `key`; an empty value removes the entry. */
export function saveChat(key: string, saved: Partial<SavedChat>, warned = new Set<string>()): void {
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
    warn(key, refusal(error), error, warned);
  }
}
