import { dropped, resolveUrl, serialize } from './http.js';
import { finish } from './protocols/protocol.js';
import { loadProtocol, type Protocol, type ProtocolName } from './protocols/index.js';
import { eventQueue } from './queue.js';
import { backoff } from './backoff.js';
import { sleep } from './sleep.js';
import { StreamError, toStreamError, type ChatRequest, type ChatTransport } from './transport.js';

export interface WebSocketTransportOptions {
  /** A `ws:`/`wss:` URL, an `http(s):` or relative one (mapped to `ws(s):`), or a function of the request. */
  url: string | ((request: ChatRequest) => string);
  /** How answer frames are decoded (default `text`: each message is answer text). */
  protocol?: ProtocolName | Protocol;
  /** WebSocket subprotocols to offer. */
  subprotocols?: string | string[];
  /** The request message: a string is sent as is, anything else as JSON (default: the protocol's body). */
  body?: (request: ChatRequest) => unknown;
  /** Sent when the reply is stopped, before the socket closes (default `{"type":"stop"}`; `null`: nothing). */
  stop?: unknown;
  /** A message that ends the answer, for servers that push bare text (e.g. `"[DONE]"`). */
  end?: string;
  /** Opt-in: milliseconds of silence after the answer began that end it. */
  endAfterIdle?: number;
  /** Heartbeat: `message` is sent every `interval` ms (default 15 000) during a reply; a `reply` message only counts as traffic. */
  ping?: { message: unknown; interval?: number; reply?: string };
  /** Milliseconds to wait for the socket to open (default 10 000; 0 turns it off). */
  connectTimeout?: number;
  /** Milliseconds without any incoming message during a reply before it fails with `timeout` (default 120 000; 0 turns it off). */
  idleTimeout?: number;
  /**
   * Opening the socket is retried (and the request re-sent when the socket fails before the
   * first frame of the answer) with exponential backoff and jitter: `attempts` retries
   * (default 3), delays from `base` (500 ms) doubling up to `cap` (8 000 ms).
   */
  reconnect?: { attempts?: number; base?: number; cap?: number };
  /** Keep the socket open after a reply that finished, for the next one (default false). */
  reuse?: boolean;
}

/** A WebSocket transport; `close()` closes a socket kept open by `reuse`. */
export interface WebSocketTransport extends ChatTransport {
  close(): void;
}

type SocketEvent = MessageEvent | CloseEvent | null;

/**
 * One WebSocket per reply (or one kept across replies with `reuse`): the request is sent as a
 * message, answer messages are decoded by the protocol. The answer ends at the protocol's
 * finish, at the `end` message, when the server closes the socket normally (code 1000, or a
 * close frame without a code), or, opt-in, after `endAfterIdle` ms of silence — never by
 * guessing. Stopping sends `stop` and
 * closes the socket at once, so no late frame of a stopped answer can reach the next one.
 */
export function webSocketChannel(options: WebSocketTransportOptions): WebSocketTransport {
  let kept: { socket: WebSocket; url: string } | undefined;
  const decoders = new WeakMap<WebSocket, TextDecoder>();
  const { attempts = 3, base = 500, cap = 8000 } = options.reconnect ?? {};
  const idle = options.idleTimeout ?? 120_000;
  const gap = options.endAfterIdle ?? 0;
  return {
    close() {
      kept?.socket.close(1000);
      kept = undefined;
    },
    async *stream(request, { signal, onOpen }) {
      const protocol = await loadProtocol(options.protocol ?? 'text');
      const decode = protocol.decoder();
      const url = new URL(resolveUrl(options.url, request), location.href);
      url.protocol = url.protocol.replace('http', 'ws');
      const queue = eventQueue<SocketEvent>();
      const onEvent = (event: MessageEvent | CloseEvent) => queue.push(event);
      let socket: WebSocket | undefined;
      let pinger: ReturnType<typeof setInterval> | undefined;
      let answered = false;
      let finished = false;
      const onAbort = () => {
        if (socket?.readyState === WebSocket.OPEN && options.stop !== null) {
          socket.send(serialize(options.stop ?? { type: 'stop' }));
        }
        socket?.close(1000);
        queue.push(null);
      };
      const release = () => {
        clearInterval(pinger);
        socket?.removeEventListener('message', onEvent);
        socket?.removeEventListener('close', onEvent);
      };
      signal.addEventListener('abort', onAbort);
      try {
        for (let attempt = 0; ; attempt += 1) {
          try {
            signal.throwIfAborted();
            const reusable = kept?.url === url.href && kept.socket.readyState === WebSocket.OPEN;
            socket = reusable ? kept!.socket : await open(url.href, options, signal);
            if (!decoders.has(socket)) decoders.set(socket, new TextDecoder());
            const utf8 = decoders.get(socket)!;
            kept = undefined;
            socket.addEventListener('message', onEvent);
            socket.addEventListener('close', onEvent);
            socket.send(serialize((options.body ?? protocol.body)(request)));
            onOpen?.();
            if (options.ping) {
              const { message, interval = 15_000 } = options.ping;
              pinger = setInterval(() => socket?.send(serialize(message)), interval);
            }
            for (;;) {
              const waitGap = answered && gap > 0 && (gap < idle || !idle);
              const event = await queue.next(waitGap ? gap : idle);
              if (event === null) signal.throwIfAborted();
              if (!event) {
                if (!waitGap)
                  throw new StreamError('timeout', `No message from the server within ${idle} ms.`);
                finished = true;
                yield finish('idle');
                return;
              }
              if (event instanceof CloseEvent) {
                socket = undefined;
                // 1000 is a normal close; 1005 a close frame without a code, as clean.
                if (event.code !== 1000 && event.code !== 1005) {
                  const reason = event.reason ? `: ${event.reason}` : '';
                  throw new StreamError(
                    'network',
                    `The server closed the connection (code ${event.code}${reason}).`,
                  );
                }
                const parts = decode();
                finished = parts.length > 0;
                yield* parts;
                if (finished) return;
                throw dropped();
              }
              // One streaming decoder per connection: a character may span binary frames.
              const data =
                typeof event.data === 'string'
                  ? event.data
                  : utf8.decode(event.data as ArrayBuffer, { stream: true });
              if (data === options.ping?.reply) continue;
              const parts = data === options.end ? [finish()] : decode({ data });
              for (const part of parts) {
                answered = true;
                finished = part.type === 'finish';
                yield part;
                if (finished) return;
              }
            }
          } catch (thrown) {
            const error = toStreamError(thrown, signal);
            if (answered || error.code !== 'network') throw error;
            if (attempt >= attempts) {
              if (attempt === 0) throw error;
              throw new StreamError(
                'network',
                `${error.message} Gave up after ${attempt + 1} tries.`,
                {
                  cause: error,
                },
              );
            }
            release();
            socket?.close();
            await sleep(backoff(attempt, base, cap), signal);
          }
        }
      } finally {
        release();
        signal.removeEventListener('abort', onAbort);
        if (finished && options.reuse && socket) kept = { socket, url: url.href };
        else socket?.close(1000);
      }
    },
  };
}

/** Opens a socket; a failure, the connect timeout or an abort rejects and closes it. */
function open(
  url: string,
  options: WebSocketTransportOptions,
  signal: AbortSignal,
): Promise<WebSocket> {
  return new Promise((resolve, reject) => {
    const socket = new WebSocket(url, options.subprotocols);
    socket.binaryType = 'arraybuffer';
    const ms = options.connectTimeout ?? 10_000;
    const settle = (error?: StreamError) => {
      clearTimeout(timer);
      signal.removeEventListener('abort', onAbort);
      socket.onopen = socket.onclose = null;
      if (!error) return resolve(socket);
      socket.close();
      reject(error);
    };
    const onAbort = () => settle(new StreamError('aborted', 'The stream was stopped.'));
    const timer =
      ms > 0
        ? setTimeout(
            () => settle(new StreamError('timeout', `Could not connect within ${ms} ms.`)),
            ms,
          )
        : undefined;
    socket.onopen = () => settle();
    // Browsers tell neither a refused port nor a rejected upgrade apart: both close with 1006.
    socket.onclose = (event) =>
      settle(
        new StreamError(
          'network',
          `Could not connect to ${url} (code ${event.code}${event.code === 1006 ? ': the connection was refused or the upgrade rejected' : ''}).`,
        ),
      );
    if (signal.aborted) onAbort();
    else signal.addEventListener('abort', onAbort);
  });
}
