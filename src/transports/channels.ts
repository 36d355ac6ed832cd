import { lazy as once } from '../internal/lazy.js';
import type { EventSourceTransportOptions } from './event-source.js';
import type { HttpTransportOptions } from './http.js';
import type { ChatTransport, StreamError } from './transport.js';
import type { WebSocketTransport, WebSocketTransportOptions } from './websocket.js';

/**
 * The factories of the channels outside the default path. Each is synchronous, but its
 * implementation is loaded by `import()` when the first reply streams, so the embed keeps it
 * in a sibling chunk instead of its main file.
 */
function lazy<O, T extends ChatTransport>(options: O, load: () => Promise<(options: O) => T>) {
  // A chunk that failed to load is fetched again by the next reply.
  const get = once(() => load().then((create) => create(options)));
  return {
    get,
    async *stream(...args: Parameters<ChatTransport['stream']>) {
      yield* (await get()).stream(...args);
    },
  };
}

/** Newline-delimited JSON over `fetch`, for Ollama's native API and servers like it (protocol default `ollama`). */
export const ndjsonTransport = (options: HttpTransportOptions): ChatTransport =>
  lazy(options, () => import('./ndjson.js').then((m) => m.ndjsonChannel));

/** A plain streamed text body over `fetch`: the body is the answer. */
export const textStreamTransport = (options: HttpTransportOptions): ChatTransport =>
  lazy(options, () => import('./text-stream.js').then((m) => m.textStreamChannel));

/** The browser's `EventSource` for GET endpoints (protocol default `openai`). */
export const eventSourceTransport = (options: EventSourceTransportOptions): ChatTransport =>
  lazy(options, () => import('./event-source.js').then((m) => m.eventSourceChannel));

/** A WebSocket: request as a message, stop as a message, heartbeat, bounded reconnects (protocol default `text`). */
export function webSocketTransport(options: WebSocketTransportOptions): WebSocketTransport {
  const transport = lazy(options, () => import('./websocket.js').then((m) => m.webSocketChannel));
  return {
    stream: transport.stream,
    close: () => void transport.get().then((socket) => socket.close()),
  };
}

export interface RetryOptions {
  /** Retries after the first try (default 2). */
  attempts?: number;
  /** First backoff delay in ms (default 500), doubling per retry, with jitter. */
  base?: number;
  /** The longest wait in ms (default 10 000); a `Retry-After` beyond it is not waited for. */
  cap?: number;
  /** Told before each wait, e.g. to show "retrying in 3 s". */
  onRetry?: (error: StreamError, delay: number) => void;
}

const retryModule = once(() => import('./retry.js'));

/**
 * Retries a reply that failed with a retryable error (network, timeout, 408, 429, 5xx) before
 * any part arrived — once text has been shown, a retry would duplicate it. Waits what the
 * server's `Retry-After` asks, else exponential backoff with jitter.
 */
export const retryTransport = (
  transport: ChatTransport,
  options: RetryOptions = {},
): ChatTransport => ({
  async *stream(request, init) {
    yield* (await retryModule()).retrying(transport, options, request, init);
  },
});
