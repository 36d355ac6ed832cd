// The misbehaviours a prompt can ask for, so the demo can show error handling on purpose.
// Faults are transient, like real ones: the first attempt of a request fails and a retry of the
// very same conversation succeeds (then the next retry fails again, and so on).

/**
 * @typedef {{ kind: 'error', status: number }
 *   | { kind: 'drop' }
 *   | { kind: 'slow' }
 *   | { kind: 'malformed' }} Fault
 */

/**
 * The fault a prompt asks for, if any: `/error <status>` (400–599), `/drop`, `/slow`,
 * `/malformed`.
 * @param {string} prompt
 * @returns {Fault | undefined}
 */
export function parseFault(prompt) {
  const command = /^\/(error|drop|slow|malformed)\b\s*(\d{3})?/i.exec(prompt.trim());
  if (!command) return undefined;
  const kind = command[1]?.toLowerCase();
  if (kind === 'error') {
    const status = Number(command[2] ?? 500);
    return { kind: 'error', status: status >= 400 && status <= 599 ? status : 500 };
  }
  if (kind === 'drop' || kind === 'slow' || kind === 'malformed') return { kind };
  return undefined;
}

/** Remembers how often each conversation was asked, to let every other attempt fail. */
export class FaultMemory {
  /** @type {Map<string, number>} */
  #attempts = new Map();

  /**
   * Whether the fault fires for this attempt (odd attempts fire; a retry succeeds).
   * `/slow` always fires: being slow is not a failure to recover from.
   * @param {Fault} fault
   * @param {string} key - the conversation, as the server received it
   * @returns {boolean}
   */
  fires(fault, key) {
    if (fault.kind === 'slow') return true;
    const attempt = (this.#attempts.get(key) ?? 0) + 1;
    this.#attempts.delete(key);
    this.#attempts.set(key, attempt);
    // Keep the memory bounded: forget the oldest conversations first.
    if (this.#attempts.size > 1000) {
      const oldest = this.#attempts.keys().next().value;
      if (oldest !== undefined) this.#attempts.delete(oldest);
    }
    return attempt % 2 === 1;
  }
}

/**
 * The answer to a retried fault command, so the reader sees the chat recover.
 * @param {string} prompt
 * @returns {string}
 */
export function recoveredAnswer(prompt) {
  return `**Recovered.** The retry of \`${prompt.trim()}\` went through, and this answer streamed normally.

Faults in the mock model are transient, like real ones: the first attempt fails, a retry succeeds. The error you saw came from the transport as a typed \`StreamError\` with a \`code\` — \`http\`, \`network\`, \`protocol\` or \`provider\` — and the chat kept the partial answer and your draft.`;
}
