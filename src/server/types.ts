/** Who may write a message the handler forwards. */
export type ServerChatRole = 'system' | 'user' | 'assistant' | 'tool';

/** One message as the handler forwards it: validated, with only the fields a model reads. */
export interface ServerMessage {
  role: ServerChatRole;
  content: string;
  /** OpenAI tool calls of an assistant message, forwarded to OpenAI-compatible upstreams. */
  tool_calls?: unknown[];
  /** On a `tool` message: the id of the call whose result `content` is. */
  tool_call_id?: string;
}

/** What the page asked, after validation: the only data from the browser that goes upstream. */
export interface ServerChatRequest {
  messages: ServerMessage[];
  /** The model to use: the page's choice if the allow-list has it, else the upstream's model. */
  model?: string;
  /** Dify's conversation id from the previous reply (`conversation_id` or `meta.conversationId`). */
  conversationId?: string;
  /** Tool definitions the page offers (OpenAI `tools` shape), forwarded where the upstream reads them. */
  tools?: unknown[];
}

interface UpstreamBase {
  /** The model sent upstream unless the page picks one from `models`. */
  model?: string;
  /** Extra headers for the upstream request (e.g. `OpenAI-Organization`, `HTTP-Referer`). */
  headers?: Record<string, string>;
  /** Extra fields merged into the upstream body (e.g. `temperature`); the page cannot set them. */
  body?: Record<string, unknown>;
}

/** An OpenAI-compatible server: OpenAI, OpenRouter, Groq, vLLM, LiteLLM, Ollama's `/v1`. */
export interface OpenAIUpstream extends UpstreamBase {
  type?: 'openai';
  /** The base URL (`https://api.openai.com/v1`) or the full `…/chat/completions` URL. */
  url: string;
  /** Sent as `Authorization: Bearer …`. */
  apiKey?: string;
}

/** Anthropic Messages (`/v1/messages`). */
export interface AnthropicUpstream extends UpstreamBase {
  type: 'anthropic';
  /** Default `https://api.anthropic.com`; `/v1/messages` is added unless the URL ends with it. */
  url?: string;
  /** Sent as `x-api-key`. */
  apiKey?: string;
  /** `max_tokens`, which the Messages API requires (default 4096). */
  maxTokens?: number;
  /** `anthropic-version` (default `2023-06-01`). */
  version?: string;
}

/** Ollama's native chat API (`/api/chat`, newline-delimited JSON). */
export interface OllamaUpstream extends UpstreamBase {
  type: 'ollama';
  /** Default `http://localhost:11434`; `/api/chat` is added unless the URL ends with it. */
  url?: string;
}

/** Dify (`/v1/chat-messages`, streaming); the conversation id is passed through both ways. */
export interface DifyUpstream extends Omit<UpstreamBase, 'model'> {
  type: 'dify';
  /** The API base (`https://api.dify.ai/v1`) or the full `…/chat-messages` URL. */
  url: string;
  /** The app's API key, sent as `Authorization: Bearer …`. */
  apiKey: string;
  /** Dify's `user` field for a request (default `stream-chat-elements`). */
  user?: string | ((request: Request) => string | Promise<string>);
  /** Dify's `inputs` (the app's variables). */
  inputs?: Record<string, unknown>;
}

/** What one WebSocket message from the backend means. */
export type WebSocketEvent =
  | { type: 'text'; text: string }
  | { type: 'reasoning'; text: string }
  | { type: 'done'; reason?: string }
  | { type: 'error'; message: string };

/** The parts of a WebSocket constructor the bridge uses (the global one, or `ws`'s). */
export interface WebSocketLike {
  readonly readyState: number;
  send(data: string): void;
  close(code?: number, reason?: string): void;
  addEventListener(
    type: 'open' | 'close' | 'error' | 'message',
    // The global WebSocket and `ws` type their events differently; the bridge reads both.
    // eslint-disable-next-line @typescript-eslint/no-explicit-any
    listener: (event: any) => void,
  ): void;
}
export type WebSocketConstructor = new (
  url: string,
  protocols?: string | string[],
  ...rest: never[]
) => WebSocketLike;

/** A WebSocket inference backend; its messages are re-encoded as OpenAI Chat Completions SSE. */
export interface WebSocketUpstream extends Omit<UpstreamBase, 'body'> {
  type?: 'websocket';
  /** `ws://` or `wss://` URL of the backend. */
  ws: string;
  /** Subprotocols for the handshake. */
  protocols?: string | string[];
  /** The first message, from the validated request (default: JSON of `{ model, messages, stream: true }`). */
  encode?: (request: ServerChatRequest) => string | object;
  /**
   * What a backend message means: one event, several, or `null`/`[]` to skip it. The default
   * reads `{token}`, `{text}`, `{content}`, `{delta}`, `{reasoning}`, `{thinking}`, `{done}`,
   * `{error}` and `{type: 'done' | 'error'}` objects, `[DONE]`, and treats other text as answer text.
   */
  decode?: (message: string) => WebSocketEvent | WebSocketEvent[] | null | undefined;
  /** Sent before the socket closes when the browser stops (default `{"type":"stop"}`; `null`: nothing). */
  stop?: string | object | null;
  /** Milliseconds to wait for the socket to open (default 10 000). */
  connectTimeout?: number;
  /**
   * The WebSocket class: default the runtime's global `WebSocket`, else the `ws` package (an
   * optional peer dependency). `ws` also takes `{ headers }` as a third argument, see `options`.
   */
  WebSocket?: WebSocketConstructor;
  /** Passed to the constructor as its third argument (`ws`: `{ headers: { authorization } }`). */
  options?: unknown;
}

export type Upstream =
  OpenAIUpstream | AnthropicUpstream | OllamaUpstream | DifyUpstream | WebSocketUpstream;

/** Limits on what the page may send; beyond them the request is refused before going upstream. */
export interface ChatLimits {
  /** Request body size in bytes (default 1 000 000) → 413. */
  bodyBytes?: number;
  /** Messages per request (default 200) → 400. */
  messages?: number;
  /** Characters per message (default 100 000) → 400. */
  contentLength?: number;
}

export interface ChatHandlerOptions {
  /** Where the answers come from. The page can neither choose nor change it. */
  upstream: Upstream;
  limits?: ChatLimits;
  /** Roles the page may send (default system, user, assistant, tool) → 400 for others. */
  roles?: ServerChatRole[];
  /** Models the page may pick with `model`; without it the page's `model` is ignored. */
  models?: string[];
  /**
   * Runs first, before the body is read. Return `false` to answer 401, a `Response` to answer
   * with it, anything else to go on.
   */
  authorize?: (request: Request) => unknown;
  /** Milliseconds of silence before a `: keep-alive` comment is sent (default 15 000; 0: never). */
  keepAlive?: number;
  /** `fetch` for the upstream requests (default the global one). */
  fetch?: typeof fetch;
  /** Told about every upstream failure, for logs (the page gets a cleaned-up message). */
  onError?: (error: unknown) => void;
}
