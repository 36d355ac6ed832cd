import type { ChatMessage, MessageVersions } from '../transports/transport.js';

// The versions of a turn live on the first message of the version shown (see
// `ChatMessage.versions`), so `messages` stays the linear conversation that is shown and sent.
// These functions return new arrays and copy the heads they change: the messages they are
// given may be the page's own (frozen, even).

/** Where a message's turn stands among its versions: 0-based `index` of `count`. */
export interface VersionPosition {
  index: number;
  count: number;
}

export function versionPosition(message: ChatMessage): VersionPosition | undefined {
  const versions = versionsOf(message);
  return versions && { index: versions.index, count: versions.others.length + 1 };
}

/**
 * The versions on a message, when they are well formed: a history can come from anywhere (a
 * page's database, an old save), and a malformed one is treated as having none.
 */
function versionsOf(message: ChatMessage): MessageVersions | undefined {
  const versions = message.versions;
  const others = versions?.others;
  if (!Array.isArray(others) || !others.every((tail) => Array.isArray(tail) && tail.length > 0))
    return undefined;
  const index = versions!.index;
  return Number.isInteger(index) && index >= 0 && index <= others.length ? versions : undefined;
}

/** Every version of the turn at `at`, the shown one included (its head without `versions`). */
function allVersions(messages: ChatMessage[], at: number): ChatMessage[][] {
  const [head, ...rest] = messages.slice(at);
  const { index, others } = (head && versionsOf(head)) ?? { index: 0, others: [] };
  const all = [...others];
  if (head) all.splice(index, 0, [withoutVersion(head), ...rest]);
  return all;
}

function withoutVersion(message: ChatMessage): ChatMessage {
  if (!message.versions) return message;
  const copy = { ...message };
  delete copy.versions;
  return copy;
}

const withHead = (head: ChatMessage, versions: MessageVersions): ChatMessage => ({
  ...head,
  versions,
});

/**
 * The conversation with a new version of the turn at `at` shown: `head` (an edited question,
 * a regenerated answer) follows `messages.slice(0, at)`, and everything from `at` on becomes
 * the latest of the earlier versions.
 */
export function addVersion(messages: ChatMessage[], at: number, head: ChatMessage): ChatMessage[] {
  const others = allVersions(messages, at);
  return [...messages.slice(0, at), withHead(head, { index: others.length, others })];
}

/** The conversation with version `to` of the turn at `at` shown, and the one shown kept. */
export function showVersion(messages: ChatMessage[], at: number, to: number): ChatMessage[] {
  const position = messages[at] && versionPosition(messages[at]);
  if (!position || to === position.index || to < 0 || to >= position.count) return messages;
  const all = allVersions(messages, at);
  const [chosen = []] = all.splice(to, 1);
  const [head, ...rest] = chosen;
  if (!head) return messages;
  return [...messages.slice(0, at), withHead(head, { index: to, others: all }), ...rest];
}

/** The messages as the model gets them: without the versions it does not need. */
export function withoutVersions(messages: ChatMessage[]): ChatMessage[] {
  return messages.map(withoutVersion);
}

/** Where the turn of the message at `index` starts: just after the question it answers. */
export function turnStart(messages: ChatMessage[], index: number): number {
  for (let i = index; i >= 0; i -= 1) if (messages[i]!.role === 'user') return i + 1;
  return 0;
}
