/** Who wrote a message: `tool` messages carry the result of a tool call for the model. */
export type ChatRole = 'system' | 'user' | 'assistant' | 'tool';

/** Where a tool call stands: its arguments stream or it runs, it has a result, or it failed. */
export type ToolCallStatus = 'running' | 'done' | 'error';

/** A tool the model called while answering: function calling, web search, code execution, MCP. */
export interface ToolCall {
  /** The provider's id of the call; the result is sent back under it. */
  id: string;
  name: string;
  /** The arguments as the model wrote them: JSON text, partial while it streams. */
  args: string;
  status?: ToolCallStatus;
  /** The tool's output (text or JSON), from the provider's own tools or from the page's handler. */
  result?: unknown;
  /** True when `result` is an error the tool reported. */
  isError?: boolean;
}

/** A source the answer cites (a web page, a retrieved document). */
export interface Source {
  url: string;
  title?: string;
}

/** Token counts of one reply, as far as the protocol reports them. */
export interface Usage {
  inputTokens?: number;
  outputTokens?: number;
  reasoningTokens?: number;
}

/**
 * One message of a conversation, as the chat keeps it and as it is sent to the model. Only
 * `role` and `content` are required; the other fields are kept by the chat and its
 * persistence, and each protocol sends what its wire format has a place for.
 */
export interface ChatMessage {
  role: ChatRole;
  content: string;
  /** A stable id; the chat assigns one where it is missing. Events name messages by it. */
  id?: string;
  /** The reasoning ("thinking") text that came with an answer. */
  reasoning?: string;
  /** The tools an assistant message called, in the order they were announced. */
  toolCalls?: ToolCall[];
  /** On a `tool` message: the id of the call whose result `content` is. */
  toolCallId?: string;
  /** The sources an assistant message cites. */
  sources?: Source[];
  /** The reader's rating of an assistant message. */
  feedback?: 'up' | 'down';
  /**
   * On an assistant message: the ids the server gave the reply (Dify's conversation id, …); the
   * chat sends the latest ones as the next request's `meta`.
   */
  meta?: StreamMeta;
  /**
   * The other versions of this turn (edited questions, regenerated answers), when there are
   * some. The chat keeps them on the first message of the version that is shown; they are not
   * sent to the model.
   */
  versions?: MessageVersions;
}

/**
 * The versions of one turn of a conversation. Each version is the conversation from that turn
 * on, as it went in that version; the one shown is the rest of `messages` itself.
 */
export interface MessageVersions {
  /** Where the shown version sits among all of them, in the order they were made (0-based). */
  index: number;
  /** Every other version, in the order they were made, without the shown one. */
  others: ChatMessage[][];
}

/**
 * What a chat asks a transport for: the conversation so far and, optionally, the model, the
 * tools the page offers and the ids of earlier replies that the server keeps state under.
 */
export interface ChatRequest {
  messages: ChatMessage[];
  model?: string;
  /** Tools the page handles itself, sent where the protocol has a place for them. */
  tools?: ToolDefinition[];
  /** Server-side conversation state from the previous reply (Dify's `conversation_id`, …). */
  meta?: StreamMeta;
}

/** A tool the page offers the model: a name, what it does, and a JSON Schema of its arguments. */
export interface ToolDefinition {
  name: string;
  description?: string;
  /** JSON Schema of the arguments object. */
  parameters?: Record<string, unknown>;
}

/** Ids a server hands out with a reply, for the next request of the same conversation. */
export interface StreamMeta {
  messageId?: string;
  conversationId?: string;
  responseId?: string;
}

/**
 * One piece of a streamed answer. Decoders emit the kinds their wire format carries; consumers
 * ignore kinds they do not know, so more may be added.
 * - `tool-call-delta` announces a tool call as soon as its name is known (`argsDelta` may be
 *   empty) and then grows its arguments; `tool-call` says it is complete, with all of `args`.
 * - `tool-result` is the result of a tool that the provider ran itself.
 * - `replace` replaces the answer text so far (output moderation).
 */
export type StreamPart =
  | { type: 'text'; text: string }
  | { type: 'reasoning'; text: string }
  | { type: 'finish'; reason?: string }
  | { type: 'tool-call-delta'; id: string; name: string; argsDelta: string }
  | { type: 'tool-call'; id: string; name: string; args: string }
  | { type: 'tool-result'; id: string; result: unknown; isError?: boolean }
  | { type: 'source'; url: string; title?: string }
  | ({ type: 'usage' } & Usage)
  | ({ type: 'meta' } & StreamMeta)
  | { type: 'replace'; text: string };

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
