import type { StreamPart, Usage } from '../transport.js';

interface OpenCall {
  id: string;
  name: string;
  args: string;
  /** Arguments that arrived before the name did (a name is needed to announce the call). */
  announced: boolean;
  /** Arguments to give when none streamed (Anthropic's `input` of the block start). */
  fallback: string;
}

/**
 * The tool calls of one answer as they stream, keyed the way the wire format interleaves them
 * (OpenAI's index, Anthropic's content block, a Responses output item). It turns announcements
 * and argument deltas into `tool-call-delta` parts and completions into `tool-call` parts, each
 * call once.
 */
export class ToolCallTracker {
  readonly #open = new Map<string | number, OpenCall>();
  #count = 0;

  /** True while a call has been announced but not completed. */
  get pending(): boolean {
    return this.#open.size > 0;
  }

  /** A call starts or grows: a new key opens one (its `id` generated when the wire has none). */
  delta(
    key: string | number,
    update: { id?: unknown; name?: unknown; args?: unknown; fallback?: string },
  ): StreamPart[] {
    let call = this.#open.get(key);
    if (!call) {
      this.#count += 1;
      call = {
        id: typeof update.id === 'string' && update.id ? update.id : `call_${this.#count}`,
        name: '',
        args: '',
        announced: false,
        fallback: update.fallback ?? '',
      };
      this.#open.set(key, call);
    }
    if (typeof update.name === 'string' && update.name && !call.name) call.name = update.name;
    const args = typeof update.args === 'string' ? update.args : '';
    call.args += args;
    if (!call.name) return [];
    const argsDelta = call.announced ? args : call.args;
    if (call.announced && !argsDelta) return [];
    call.announced = true;
    return [{ type: 'tool-call-delta', id: call.id, name: call.name, argsDelta }];
  }

  /** A call is complete; `args` (when the wire repeats them whole) replace the streamed ones. */
  done(key: string | number, args?: unknown): StreamPart[] {
    const call = this.#open.get(key);
    if (!call) return [];
    if (typeof args === 'string') call.args = args;
    const parts = call.announced ? [] : this.delta(key, {});
    this.#open.delete(key);
    if (!call.name) return [];
    parts.push({
      type: 'tool-call',
      id: call.id,
      name: call.name,
      args: call.args || call.fallback,
    });
    return parts;
  }

  /** Completes every open call, in the order they opened. */
  flush(): StreamPart[] {
    return [...this.#open.keys()].flatMap((key) => this.done(key));
  }

  /** The id a key's call was given, if it is open. */
  idOf(key: string | number): string | undefined {
    return this.#open.get(key)?.id;
  }
}

/** A whole tool call that arrives in one piece (Ollama, Dify): announced and completed at once. */
export function wholeCall(id: string, name: string, args: string): StreamPart[] {
  return [
    { type: 'tool-call-delta', id, name, argsDelta: args },
    { type: 'tool-call', id, name, args },
  ];
}

/** A usage part from token counts, leaving out those that are not numbers; none when all are missing. */
export function usagePart(input: unknown, output: unknown, reasoning?: unknown): StreamPart[] {
  const usage: Usage = {};
  if (typeof input === 'number') usage.inputTokens = input;
  if (typeof output === 'number') usage.outputTokens = output;
  if (typeof reasoning === 'number') usage.reasoningTokens = reasoning;
  return Object.keys(usage).length ? [{ type: 'usage', ...usage }] : [];
}

/** Tool results and arguments as the text a wire format wants: strings as they are, the rest as JSON. */
export function asText(value: unknown): string {
  if (typeof value === 'string') return value;
  return JSON.stringify(value ?? null);
}

/** Arguments JSON text as a value (`{}` when empty or malformed: the wire needs an object). */
export function argsObject(args: string): unknown {
  try {
    const value: unknown = JSON.parse(args || '{}');
    return value !== null && typeof value === 'object' ? value : {};
  } catch {
    return {};
  }
}
