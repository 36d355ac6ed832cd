import { DetailEvent } from '../internal/detail-event.js';

/** A tool call the page is asked to run, as `onToolCall` and `stream-tool-call` get it. */
export interface ToolCallRequest {
  readonly id: string;
  readonly name: string;
  /** The arguments exactly as the model wrote them (JSON text). */
  readonly args: string;
  /** The parsed arguments; `undefined` when `parsed` is false. */
  readonly input: unknown;
  /** False when the model's arguments are not valid JSON: the call is reported unparsed. */
  readonly parsed: boolean;
  /** Aborted when the reply is stopped (Stop, a new send, `clear()`, removal). */
  readonly signal: AbortSignal;
}

/**
 * The model called a tool the page may run. Cancel the event with `respondWith(result)` (a
 * value or a promise; a rejection is sent to the model as an error result) to answer it;
 * otherwise the chat's `onToolCall` handler runs it, or the model gets an error result.
 */
export class StreamToolCallEvent extends DetailEvent<ToolCallRequest> {
  static readonly eventName = 'stream-tool-call';
  /** The result a listener supplied with `respondWith`. */
  result: Promise<unknown> | undefined;

  constructor(detail: ToolCallRequest) {
    super(StreamToolCallEvent.eventName, detail, true);
  }

  /** Supplies the tool's result (and cancels the event, so nothing else runs the tool). */
  respondWith(result: unknown): void {
    if (this.result)
      throw new DOMException('respondWith() was already called.', 'InvalidStateError');
    this.preventDefault();
    this.result = Promise.resolve(result);
  }
}

declare global {
  interface GlobalEventHandlersEventMap {
    'stream-tool-call': StreamToolCallEvent;
  }
}
