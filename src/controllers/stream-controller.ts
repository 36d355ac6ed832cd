import type { ReactiveController, ReactiveControllerHost } from 'lit';
import { StreamAbortEvent } from '../events/stream-abort.js';
import { StreamEndEvent } from '../events/stream-end.js';
import { StreamErrorEvent } from '../events/stream-error.js';
import { StreamOpenEvent } from '../events/stream-open.js';
import { StreamTokenEvent } from '../events/stream-token.js';
import {
  StreamError as StreamFailure,
  toStreamError,
  type ChatMessage,
  type ChatRequest,
  type ChatTransport,
  type Source,
  type StreamError,
  type StreamMeta,
  type StreamPart,
  type ToolCall,
  type Usage,
} from '../transports/transport.js';

/** `pending` waits for the first part; the last three say how the latest run ended. */
export type StreamStatus = 'idle' | 'pending' | 'streaming' | 'done' | 'error' | 'aborted';

/** How a run ended, handed to the host before the final event so it can commit the answer. */
export interface StreamResult {
  status: 'done' | 'error' | 'aborted';
  /** The answer (or the partial answer); the same object `stream-end` carries. */
  message: ChatMessage;
  reasoning: string;
  error?: StreamError;
}

export interface StreamControllerOptions {
  /** The transport of the next run; called once per run, inside its error handling. */
  transport(): ChatTransport;
  /**
   * Every text, reasoning and `replace` part as it arrives, before coalescing: feed a renderer
   * here. Tool calls, sources, usage and meta are gathered on the controller (the host is asked
   * to update when they change).
   */
  onPart?(part: StreamPart): void;
  /** Once per run, before `stream-end`, `stream-error` or `stream-abort` is dispatched. */
  onSettle?(result: StreamResult): void;
}

type TokenKind = 'text' | 'reasoning';

/** A part's payload: the part without its `type`. */
function withoutType<T extends { type: string }>(part: T): Omit<T, 'type'> {
  const copy: Partial<T> = { ...part };
  delete copy.type;
  return copy as Omit<T, 'type'>;
}

/**
 * Owns one streamed reply at a time, modelled on Lit's `Task`: each run has its own
 * AbortController, a new run aborts the previous one, and disconnecting the host aborts.
 * It dispatches the `stream-*` events on the host; `stream-token` is coalesced to one event
 * per animation frame, and whatever is pending is flushed before the final event.
 *
 * `stream-open` fires when the transport reports the connection open (`onOpen`), or, for a
 * transport that does not, with its first part (or a normal end without any).
 */
export class StreamController implements ReactiveController {
  status: StreamStatus = 'idle';
  /** The answer text of the current (or latest) run. */
  text = '';
  /** The reasoning ("thinking") text of the current (or latest) run. */
  reasoning = '';
  error: StreamError | undefined;
  /** The tool calls of the current (or latest) run, in the order they were announced. */
  toolCalls: ToolCall[] = [];
  /** The sources the current (or latest) run cites. */
  sources: Source[] = [];
  /** Token counts of the current (or latest) run, if the protocol reported them. */
  usage: Usage | undefined;
  /** Ids the server gave the current (or latest) run, for the next request. */
  meta: StreamMeta | undefined;

  readonly #host: ReactiveControllerHost & HTMLElement;
  readonly #options: StreamControllerOptions;
  #abort: AbortController | undefined;
  #request: ChatRequest | undefined;
  #queue: { kind: TokenKind; text: string }[] = [];
  /** Ids of the tool calls whose arguments are complete. */
  #complete = new Set<string>();
  #frame = 0;

  constructor(host: ReactiveControllerHost & HTMLElement, options: StreamControllerOptions) {
    this.#host = host;
    this.#options = options;
    host.addController(this);
  }

  /** True from `run()` until the run settles. */
  get running(): boolean {
    return this.#abort !== undefined;
  }

  hostDisconnected(): void {
    this.abort();
  }

  /** Stops the running reply, if any: the transport's signal is aborted and `stream-abort` fires. */
  abort(): void {
    if (this.#abort) this.#settle('aborted');
  }

  /** Streams one reply; resolves when it has settled (finished, failed or was aborted). */
  async run(request: ChatRequest): Promise<void> {
    this.abort();
    const controller = new AbortController();
    const { signal } = controller;
    this.#abort = controller;
    this.#request = request;
    this.text = this.reasoning = '';
    this.error = this.usage = this.meta = undefined;
    this.toolCalls = [];
    this.sources = [];
    this.#complete.clear();
    this.#setStatus('pending');
    // A transport that ignores the signal must not keep the run (and `send()`) waiting.
    const stopped = new Promise<undefined>((resolve) =>
      signal.addEventListener('abort', () => resolve(undefined), { once: true }),
    );
    let iterator: AsyncIterator<StreamPart> | undefined;
    let reason: string | undefined;
    try {
      const onOpen = () => {
        if (this.#abort === controller) this.#open();
      };
      const parts = this.#options.transport().stream(request, { signal, onOpen });
      iterator = parts[Symbol.asyncIterator]();
      for (;;) {
        const step = await Promise.race([iterator.next(), stopped]);
        if (this.#abort !== controller) return;
        if (!step || step.done) break;
        const part = step.value;
        this.#open();
        if (part.type === 'finish') {
          reason = part.reason;
          break;
        }
        if (part.type === 'text' || part.type === 'reasoning') {
          this[part.type] += part.text;
          this.#setStatus('streaming');
          this.#options.onPart?.(part);
          this.#token(part.type, part.text);
        } else {
          this.#gather(part);
        }
      }
      const cut = this.toolCalls.find(
        (call) => !this.#complete.has(call.id) && !('result' in call),
      );
      if (cut) {
        this.#settle(
          'error',
          new StreamFailure(
            'protocol',
            `The stream ended in the middle of the tool call "${cut.name}".`,
          ),
        );
        return;
      }
      this.#settle('done', undefined, reason);
    } catch (thrown) {
      if (this.#abort === controller) this.#settle('error', toStreamError(thrown, signal));
    } finally {
      // Ending the iteration lets a generator run its cleanup (release the reader or socket).
      // Its outcome no longer matters to anyone: the run has settled.
      iterator?.return?.().catch(() => undefined);
    }
  }

  /** Tool calls, results, sources, usage, meta and replaced text: kept for the answer and shown. */
  #gather(part: StreamPart): void {
    switch (part.type) {
      case 'tool-call-delta':
      case 'tool-call': {
        let call = this.toolCalls.find((c) => c.id === part.id);
        if (!call) {
          call = { id: part.id, name: part.name, args: '', status: 'running' };
          this.toolCalls = [...this.toolCalls, call];
        }
        if (part.type === 'tool-call') {
          call.args = part.args;
          this.#complete.add(part.id);
        } else {
          call.args += part.argsDelta;
        }
        break;
      }
      case 'tool-result': {
        const call =
          this.toolCalls.find((c) => c.id === part.id) ??
          (this.toolCalls = [...this.toolCalls, { id: part.id, name: '', args: '' }]).at(-1)!;
        call.result = part.result;
        call.status = part.isError ? 'error' : 'done';
        if (part.isError) call.isError = true;
        break;
      }
      case 'source':
        if (!this.sources.some((s) => s.url === part.url && s.title === part.title)) {
          this.sources = [...this.sources, withoutType(part)];
        }
        break;
      case 'usage': {
        this.usage = { ...this.usage, ...withoutType(part) };
        return;
      }
      case 'meta': {
        this.meta = { ...this.meta, ...withoutType(part) };
        return;
      }
      case 'replace':
        this.text = part.text;
        this.#options.onPart?.(part);
        break;
      default:
        return;
    }
    this.#setStatus('streaming');
    this.#host.requestUpdate();
  }

  #open(): void {
    if (this.#request) {
      this.#host.dispatchEvent(new StreamOpenEvent({ request: this.#request }));
      this.#request = undefined;
    }
  }

  #setStatus(status: StreamStatus): void {
    if (this.status !== status) {
      this.status = status;
      this.#host.requestUpdate();
    }
  }

  #token(kind: TokenKind, text: string): void {
    const last = this.#queue.at(-1);
    if (last?.kind === kind) last.text += text;
    else this.#queue.push({ kind, text });
    this.#schedule();
  }

  #schedule(): void {
    this.#frame ||= requestAnimationFrame(() => {
      this.#frame = 0;
      this.#emit();
      if (this.#queue.length > 0) this.#schedule();
    });
  }

  #emit(): void {
    const next = this.#queue.shift();
    if (next?.text) this.#host.dispatchEvent(new StreamTokenEvent(next));
  }

  #settle(status: StreamResult['status'], error?: StreamError, reason?: string): void {
    const controller = this.#abort!;
    this.#abort = undefined;
    // Also after a normal end: whatever the transport still holds is released.
    controller.abort();
    cancelAnimationFrame(this.#frame);
    this.#frame = 0;
    while (this.#queue.length > 0) this.#emit();
    if (status === 'done') this.#open();
    this.#request = undefined;
    this.error = error;
    if (status !== 'done') {
      for (const call of this.toolCalls) if (!('result' in call)) call.status = 'error';
    }
    const message: ChatMessage = {
      role: 'assistant',
      content: this.text,
      ...(this.toolCalls.length && { toolCalls: this.toolCalls }),
      ...(this.sources.length && { sources: this.sources }),
      ...(this.meta && { meta: this.meta }),
    };
    this.#setStatus(status);
    this.#options.onSettle?.({
      status,
      message,
      reasoning: this.reasoning,
      ...(error && { error }),
    });
    const partial = this.text;
    this.#host.dispatchEvent(
      status === 'done'
        ? new StreamEndEvent({
            message,
            ...(reason !== undefined && { reason }),
            ...(this.usage && { usage: this.usage }),
          })
        : error
          ? new StreamErrorEvent({ error: error.toJSON(), partial })
          : new StreamAbortEvent({ partial }),
    );
  }
}
