import { dropped, resolveUrl, serialize } from './http.js';
import { loadProtocol, type Protocol, type ProtocolName } from './protocols/index.js';
import { eventQueue } from './queue.js';
import { StreamError, toStreamError, type ChatRequest, type ChatTransport } from './transport.js';

export interface EventSourceTransportOptions {
  /**
   * The endpoint. `EventSource` cannot send a body, so the request travels in the URL: a string
   * URL gets the request body as JSON in the query parameter `param`; a function builds the
   * whole URL itself.
   */
  url: string | ((request: ChatRequest) => string);
  protocol?: ProtocolName | Protocol;
  /** Replaces the protocol's request body (what goes into `param`). */
  body?: (request: ChatRequest) => unknown;
  /** The query parameter carrying the request when `url` is a string (default `request`). */
  param?: string;
  withCredentials?: boolean;
  /** Named events to listen to besides `message` (default: those of the protocol). */
  events?: string[];
  /** Native reconnections allowed in one answer before it fails (default 2). */
  reconnects?: number;
  /** Milliseconds to wait for the connection to open (default 30 000; 0 turns it off). */
  connectTimeout?: number;
  /** Milliseconds of silence allowed between events (default 120 000; 0 turns it off). */
  idleTimeout?: number;
}

/** `EventSource` only hears named events it listens to: these protocols name theirs. */
const namedEvents: Record<string, string[]> = {
  anthropic: [
    'message_start',
    'content_block_start',
    'content_block_delta',
    'content_block_stop',
    'message_delta',
    'message_stop',
    'ping',
    'error',
  ],
  'openai-responses': [
    'response.created',
    'response.output_text.delta',
    'response.reasoning_summary_text.delta',
    'response.reasoning_text.delta',
    'response.output_item.added',
    'response.output_item.done',
    'response.function_call_arguments.delta',
    'response.output_text.annotation.added',
    'response.completed',
    'response.incomplete',
    'response.failed',
    'error',
  ],
};

/**
 * The browser's `EventSource`, for GET endpoints. Its automatic reconnection (which sends
 * `Last-Event-ID`) is allowed `reconnects` times per answer, so a server that keeps failing
 * never makes it loop forever, and only when the server gave event ids; a server that replays
 * ids it already sent cannot resume: the answer fails with `network`, the text so far kept.
 * `EventSource` hides HTTP statuses and bodies: a refused connection is a `network` error.
 */
export const eventSourceChannel = (options: EventSourceTransportOptions): ChatTransport => ({
  async *stream(request, { signal, onOpen }) {
    const protocolName = options.protocol ?? 'openai';
    const protocol = await loadProtocol(protocolName);
    const decode = protocol.decoder();
    let url = resolveUrl(options.url, request);
    if (typeof options.url === 'string') {
      const full = new URL(url, location.href);
      full.searchParams.set(
        options.param ?? 'request',
        serialize((options.body ?? protocol.body)(request)),
      );
      url = full.href;
    }
    if (signal.aborted) throw toStreamError(signal.reason, signal);
    const queue = eventQueue<MessageEvent | Event | null>();
    const source = new EventSource(url, { withCredentials: options.withCredentials ?? false });
    const onAbort = () => {
      source.close();
      queue.push(null);
    };
    signal.addEventListener('abort', onAbort);
    const onEvent = (event: Event) => queue.push(event);
    const names =
      options.events ??
      (typeof protocolName === 'string' ? namedEvents[protocolName] : undefined) ??
      [];
    source.onmessage = source.onerror = source.onopen = onEvent;
    for (const name of names) source.addEventListener(name, onEvent);
    const seen = new Set<string>();
    let lastId = '';
    let resumed = false;
    let reconnects = 0;
    let open = false;
    try {
      for (;;) {
        const event = await queue.next(
          open ? (options.idleTimeout ?? 120_000) : (options.connectTimeout ?? 30_000),
        );
        if (event === null) signal.throwIfAborted();
        if (!event)
          throw new StreamError(
            'timeout',
            `No ${open ? 'data' : 'connection'} from the server in time.`,
          );
        if (event.type === 'open') {
          open = true;
          onOpen?.();
        } else if (event instanceof MessageEvent) {
          // `event: error` sent by the server arrives as a MessageEvent named "error".
          // Each event carries the last id seen so far: a new id, or the first one after a
          // reconnection, must be one not seen before.
          const id = event.lastEventId;
          if (id && (resumed || id !== lastId)) {
            if (seen.has(id)) {
              throw new StreamError(
                'network',
                `The server could not resume the answer (it sent event ${id} again).`,
              );
            }
            seen.add(id);
            lastId = id;
          }
          resumed = false;
          for (const part of decode({
            event: event.type === 'message' ? undefined : event.type,
            data: String(event.data),
            id,
          })) {
            yield part;
            if (part.type === 'finish') return;
          }
        } else {
          // The stream ended or dropped: the browser reconnects unless the connection was refused.
          const parts = decode();
          yield* parts;
          if (parts.length) return;
          open = false;
          if (source.readyState === EventSource.CLOSED)
            throw new StreamError('network', `Could not connect to ${url}.`);
          // Without an event id the server cannot know where to resume: it would start over.
          if (!lastId || (reconnects += 1) > (options.reconnects ?? 2)) throw dropped();
          resumed = true;
        }
      }
    } catch (error) {
      throw toStreamError(error, signal);
    } finally {
      source.close();
      signal.removeEventListener('abort', onAbort);
    }
  },
});
