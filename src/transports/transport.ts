/** One message of a conversation, as the chat keeps it and as it is sent to the model. */
export interface ChatMessage {
  role: 'system' | 'user' | 'assistant';
  content: string;
}

/** What a chat asks a transport for: the conversation so far and, optionally, the model. */
export interface ChatRequest {
  messages: ChatMessage[];
  model?: string;
}

/** One piece of a streamed answer. More kinds may be added (tool calls, usage, ids). */
export type StreamPart =
  | { type: 'text'; text: string }
  | { type: 'reasoning'; text: string }
  | { type: 'finish'; reason?: string };

export interface StreamOptions {
  signal: AbortSignal;
  /**
   * Called once the connection for the reply is open (the response headers arrived, or the
   * socket opened and the request was sent). Transports that cannot tell may skip it.
   */
  onOpen?: () => void;
}

/** Anything that turns a request into a stream of parts. Throw {@link StreamError} on failure. */
export interface ChatTransport {
  stream(request: ChatRequest, options: StreamOptions): AsyncIterable<StreamPart>;
}

export type StreamErrorCode = 'http' | 'network' | 'protocol' | 'provider' | 'timeout' | 'aborted';

export interface StreamErrorOptions {
  status?: number;
  retryable?: boolean;
  /** Milliseconds the server asked the client to wait before retrying (from `Retry-After`). */
  retryAfter?: number;
  cause?: unknown;
}

const RETRYABLE_BY_DEFAULT: ReadonlySet<StreamErrorCode> = new Set(['network', 'timeout']);

/** Every failure of a stream, as a value with a code and a human message. */
export class StreamError extends Error {
  override readonly name = 'StreamError';
  readonly code: StreamErrorCode;
  readonly status?: number;
  readonly retryable: boolean;
  readonly retryAfter?: number;

  constructor(code: StreamErrorCode, message: string, options: StreamErrorOptions = {}) {
    super(message, options.cause === undefined ? undefined : { cause: options.cause });
    this.code = code;
    if (options.status !== undefined) this.status = options.status;
    if (options.retryAfter !== undefined) this.retryAfter = options.retryAfter;
    this.retryable =
      options.retryable ??
      (RETRYABLE_BY_DEFAULT.has(code) ||
        (code === 'http' && options.status !== undefined && isRetryableStatus(options.status)));
  }

  /** The plain-object form used in event details. */
  toJSON(): { code: StreamErrorCode; message: string; status?: number; retryable: boolean } {
    return {
      code: this.code,
      message: this.message,
      ...(this.status === undefined ? {} : { status: this.status }),
      retryable: this.retryable,
    };
  }
}

export function isRetryableStatus(status: number): boolean {
  return status === 408 || status === 429 || status >= 500;
}

/** Wraps anything thrown into a {@link StreamError}, so callers only ever see one error shape. */
export function toStreamError(error: unknown, signal?: AbortSignal): StreamError {
  if (error instanceof StreamError) return error;
  if (signal?.aborted || (error instanceof DOMException && error.name === 'AbortError')) {
    return new StreamError('aborted', 'The stream was stopped.', { cause: error });
  }
  if (error instanceof TypeError) {
    return new StreamError('network', `Network error: ${error.message}`, { cause: error });
  }
  const message = error instanceof Error ? error.message : String(error);
  return new StreamError('protocol', message, { cause: error });
}
