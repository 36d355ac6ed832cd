import type { Frame, Protocol, ProtocolName } from './protocols/index.js';
import { StreamError, toStreamError, type ChatRequest, type StreamOptions } from './transport.js';

/** Options shared by the channels that speak HTTP through `fetch`. */
export interface HttpTransportOptions {
  /** The endpoint, or a function building it from the request (for GET endpoints). */
  url: string | ((request: ChatRequest) => string);
  /** The wire dialect: a protocol name or a custom {@link Protocol}. */
  protocol?: ProtocolName | Protocol;
  /** `POST` (default) sends the body as JSON; `GET` sends none. */
  method?: 'POST' | 'GET';
  headers?: HeadersInit | ((request: ChatRequest) => HeadersInit | Promise<HeadersInit>);
  /** Replaces the protocol's request body; a string is sent as is, anything else as JSON. */
  body?: (request: ChatRequest) => unknown;
  fetch?: typeof fetch;
  credentials?: RequestCredentials;
  /** Milliseconds to wait for the response headers (default 30 000; 0 turns it off). */
  connectTimeout?: number;
  /**
   * Milliseconds of silence allowed between two reads of the body (default 120 000, as
   * reasoning models may think for a long time before their first token; 0 turns it off).
   */
  idleTimeout?: number;
}

export const SSE = 'text/event-stream';

/** The error of a stream that stopped before the protocol's end of the answer. */
export const dropped = (cause?: unknown) =>
  new StreamError('network', 'The connection closed before the answer finished.', { cause });

export const resolveUrl = (url: HttpTransportOptions['url'], request: ChatRequest) =>
  typeof url === 'function' ? url(request) : url;

/** The request body as the channel sends it: strings as they are, anything else as JSON. */
export const serialize = (body: unknown) =>
  typeof body === 'string' ? body : JSON.stringify(body);

/**
 * Sends the request and yields the response body as text, decoded by one streaming
 * `TextDecoder` (so a multi-byte character split across reads is never garbled, and a BOM is
 * dropped). Connect and idle timeouts abort the fetch with a `timeout` error; aborting `signal`
 * aborts it at once; leaving the loop early (the answer finished) cancels the body, so the
 * server sees the connection close. `onOpen` is called once the response headers are accepted.
 */
export async function* fetchText(
  options: HttpTransportOptions,
  request: ChatRequest,
  protocol: Protocol,
  { signal, onOpen }: StreamOptions,
  accept: string,
  extraHeaders?: Record<string, string>,
): AsyncGenerator<string, void, undefined> {
  const controller = new AbortController();
  const onAbort = () => controller.abort(signal.reason);
  let timer: ReturnType<typeof setTimeout> | undefined;
  const arm = (ms = 0, what: string) => {
    if (ms > 0) {
      timer = setTimeout(
        () =>
          controller.abort(
            new StreamError('timeout', `No ${what} from the server within ${ms} ms.`),
          ),
        ms,
      );
    }
  };
  signal.addEventListener('abort', onAbort);
  try {
    signal.throwIfAborted();
    const headers = new Headers(
      typeof options.headers === 'function' ? await options.headers(request) : options.headers,
    );
    headers.set('accept', accept);
    for (const [name, value] of Object.entries(extraHeaders ?? {})) headers.set(name, value);
    const post = options.method !== 'GET';
    if (post && !headers.has('content-type')) headers.set('content-type', 'application/json');
    arm(options.connectTimeout ?? 30_000, 'response');
    const response = await (options.fetch ?? fetch)(resolveUrl(options.url, request), {
      method: post ? 'POST' : 'GET',
      headers,
      credentials: options.credentials,
      signal: controller.signal,
      ...(post ? { body: serialize((options.body ?? protocol.body)(request)) } : {}),
    });
    // WHATWG: a response that is not an event stream fails the connection too.
    if (
      !response.ok ||
      (accept === SSE && !response.headers.get('content-type')?.startsWith(SSE))
    ) {
      // Only failures read error bodies: that code is a lazily loaded chunk.
      throw await import('./http-error.js').then(
        (m) => m.responseError(response),
        () => new StreamError('http', `HTTP ${response.status}`, { status: response.status }),
      );
    }
    clearTimeout(timer);
    onOpen?.();
    const reader = response.body?.getReader();
    if (!reader) return;
    const decoder = new TextDecoder();
    try {
      for (;;) {
        // The idle timer only runs while waiting for the server, never while the caller holds a chunk.
        arm(options.idleTimeout ?? 120_000, 'data');
        const { done, value } = await reader.read();
        clearTimeout(timer);
        const text = decoder.decode(value, { stream: !done });
        if (text) yield text;
        if (done) return;
      }
    } finally {
      reader.cancel().catch(() => undefined);
    }
  } catch (error) {
    throw toStreamError(error, signal);
  } finally {
    clearTimeout(timer);
    signal.removeEventListener('abort', onAbort);
  }
}

/** The frames of a streamed body: each text chunk through the framer, then its end (`framer()`). */
export async function* framesOf(texts: AsyncIterable<string>, framer: (text?: string) => Frame[]) {
  for await (const text of texts) yield* framer(text);
  yield* framer();
}
